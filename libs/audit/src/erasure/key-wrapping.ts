// How a key store keeps the per-subject keys: as they are, or wrapped (encrypted) with a master key that lives
// outside the store (HUB_MASTER_KEY, docs/audit.md "The master key"). Wrapped, a copy of the key table — a backup,
// a dump, a replica — opens nothing without the master key too.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { ConfigError } from '@scim-hub/platform/config';

/** Bytes in a subject key (AES-256). A stored value of this length is a key kept as it is. */
export const SUBJECT_KEY_BYTES = 32;

// A wrapped key: version, the master key's fingerprint, a fresh nonce, the encrypted key, the GCM tag.
const WRAPPED_V1 = 1;
const FINGERPRINT_BYTES = 8;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const WRAPPED_BYTES = 1 + FINGERPRINT_BYTES + IV_BYTES + SUBJECT_KEY_BYTES + TAG_BYTES;

/** What a key store does with a subject's key on its way to and from storage. */
export interface KeyWrapping {
  /** True when keys are stored wrapped; a store then wraps the keys it still holds as they are when it opens. */
  readonly wraps: boolean;
  /** What the store keeps for `subject`'s key. */
  wrap(subject: string, key: Buffer): Buffer;
  /** The key from what the store keeps; a ConfigError naming HUB_MASTER_KEY when this master key cannot open it. */
  unwrap(subject: string, stored: Buffer): Buffer;
}

/** Keys stored as they are (no HUB_MASTER_KEY). A wrapped key found in the store is a configuration error. */
export const KEYS_AS_THEY_ARE: KeyWrapping = {
  wraps: false,
  wrap: (_subject, key) => key,
  unwrap: (_subject, stored) => {
    if (stored.length === SUBJECT_KEY_BYTES) return stored;
    throw new ConfigError([`HUB_MASTER_KEY is not set, and the key store holds keys wrapped with master key ${fingerprintOf(stored)}`]);
  },
};

/** Keys wrapped with AES-256-GCM under `masterKey` (32 bytes), the subject as additional authenticated data. */
export function wrapWithMasterKey(masterKey: Buffer): KeyWrapping {
  if (masterKey.length !== SUBJECT_KEY_BYTES) throw new Error(`a master key has ${SUBJECT_KEY_BYTES} bytes, not ${masterKey.length}`);
  const fingerprint = createHash('sha256').update(masterKey).digest().subarray(0, FINGERPRINT_BYTES);
  return {
    wraps: true,
    wrap(subject, key) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', masterKey, iv).setAAD(Buffer.from(subject, 'utf8'));
      const encrypted = Buffer.concat([cipher.update(key), cipher.final()]);
      return Buffer.concat([Buffer.of(WRAPPED_V1), fingerprint, iv, encrypted, cipher.getAuthTag()]);
    },
    unwrap(subject, stored) {
      if (stored.length === SUBJECT_KEY_BYTES) return stored; // not wrapped yet: written before the master key was set
      if (!isWrapped(stored) || !stored.subarray(1, 1 + FINGERPRINT_BYTES).equals(fingerprint)) {
        throw new ConfigError([`HUB_MASTER_KEY is master key ${fingerprint.toString('hex')}, but the key store holds keys wrapped with ${fingerprintOf(stored)}`]);
      }
      const at = 1 + FINGERPRINT_BYTES;
      const decipher = createDecipheriv('aes-256-gcm', masterKey, stored.subarray(at, at + IV_BYTES)).setAAD(Buffer.from(subject, 'utf8'));
      decipher.setAuthTag(stored.subarray(WRAPPED_BYTES - TAG_BYTES));
      try {
        return Buffer.concat([decipher.update(stored.subarray(at + IV_BYTES, WRAPPED_BYTES - TAG_BYTES)), decipher.final()]);
      } catch {
        throw new Error(`the stored key of ${subject} does not authenticate under HUB_MASTER_KEY (tampered, or moved from another subject)`);
      }
    },
  };
}

function isWrapped(stored: Buffer): boolean {
  return stored.length === WRAPPED_BYTES && stored[0] === WRAPPED_V1;
}

function fingerprintOf(stored: Buffer): string {
  return isWrapped(stored) ? stored.subarray(1, 1 + FINGERPRINT_BYTES).toString('hex') : `(an unknown format of ${stored.length} bytes)`;
}
