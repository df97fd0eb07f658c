// How a key store keeps the per-subject keys: as they are, or wrapped (encrypted) with a master key that lives
// outside the store (HUB_MASTER_KEY, docs/audit.md "The master key"). Wrapped, a copy of the key table — a backup,
// a dump, a replica — opens nothing without the master key too. Previous master keys (HUB_MASTER_KEY_PREVIOUS)
// still open what they wrapped, so that a store can be rotated to a new master key, or back to keys as they are.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { ConfigError } from '@scim-hub/platform/config';

/** Bytes in a subject key (AES-256). A stored value of this length is a key kept as it is. */
export const SUBJECT_KEY_BYTES = 32;

// A wrapped key: version, the master key's fingerprint, a fresh nonce, the encrypted key, the GCM tag.
const WRAPPED_V1 = 1;
const FINGERPRINT_BYTES = 8;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + FINGERPRINT_BYTES;
const WRAPPED_BYTES = HEADER_BYTES + IV_BYTES + SUBJECT_KEY_BYTES + TAG_BYTES;

/**
 * A stored key that no master key this process was given can open. At start that is a configuration error; while
 * running (another process was given a new master key first) it is a 503: the request is retried, and this process
 * needs a restart with the new key (the name ends in `Unavailable` for that reason).
 */
export class MasterKeyUnavailable extends Error {
  override name = 'MasterKeyUnavailable';
}

/** The form a wrapping writes: its length, and the bytes every stored key of that form starts with. */
export interface StoredKeyForm {
  length: number;
  prefix: Buffer;
}

/** What a key store does with a subject's key on its way to and from storage. */
export interface KeyWrapping {
  /** What this wrapping writes; a stored key of another form is rewritten when the store opens. */
  readonly form: StoredKeyForm;
  /** What the store keeps for `subject`'s key. */
  wrap(subject: string, key: Buffer): Buffer;
  /** The key from what the store keeps; MasterKeyUnavailable when no master key given can open it. */
  unwrap(subject: string, stored: Buffer): Buffer;
}

/** Master keys by fingerprint: the ones that can open a wrapped key. */
type Openers = Map<string, Buffer>;

/**
 * Keys stored as they are (no HUB_MASTER_KEY). `previous` master keys open keys they wrapped, which a store then
 * writes back as they are: that turns a master key off.
 */
export function keysAsTheyAre(previous: readonly Buffer[] = []): KeyWrapping {
  const openers = openersOf(previous);
  return {
    form: { length: SUBJECT_KEY_BYTES, prefix: Buffer.alloc(0) },
    wrap: (_subject, key) => key,
    unwrap: (subject, stored) => (stored.length === SUBJECT_KEY_BYTES ? stored : unwrapWith(openers, 'HUB_MASTER_KEY is not set', subject, stored)),
  };
}

/**
 * Keys wrapped with AES-256-GCM under `masterKey` (32 bytes), the subject as additional authenticated data. Keys
 * stored as they are, and keys wrapped by a `previous` master key, still open: a store re-wraps them under
 * `masterKey` when it opens, which turns the master key on or rotates it.
 */
export function wrapWithMasterKey(masterKey: Buffer, previous: readonly Buffer[] = []): KeyWrapping {
  const fingerprint = fingerprintOf(masterKey);
  const openers = openersOf([masterKey, ...previous]);
  return {
    form: { length: WRAPPED_BYTES, prefix: Buffer.concat([Buffer.of(WRAPPED_V1), fingerprint]) },
    wrap(subject, key) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', masterKey, iv).setAAD(Buffer.from(subject, 'utf8'));
      const encrypted = Buffer.concat([cipher.update(key), cipher.final()]);
      return Buffer.concat([Buffer.of(WRAPPED_V1), fingerprint, iv, encrypted, cipher.getAuthTag()]);
    },
    unwrap(subject, stored) {
      if (stored.length === SUBJECT_KEY_BYTES) return stored; // written before a master key was set
      return unwrapWith(openers, `HUB_MASTER_KEY is master key ${fingerprint.toString('hex')}`, subject, stored);
    },
  };
}

function openersOf(masterKeys: readonly Buffer[]): Openers {
  for (const key of masterKeys) {
    if (key.length !== SUBJECT_KEY_BYTES) throw new Error(`a master key has ${SUBJECT_KEY_BYTES} bytes, not ${key.length}`);
  }
  return new Map(masterKeys.map((key) => [fingerprintOf(key).toString('hex'), key]));
}

function fingerprintOf(masterKey: Buffer): Buffer {
  return createHash('sha256').update(masterKey).digest().subarray(0, FINGERPRINT_BYTES);
}

function unwrapWith(openers: Openers, given: string, subject: string, stored: Buffer): Buffer {
  const wrappedWith = stored.length === WRAPPED_BYTES && stored[0] === WRAPPED_V1 ? stored.subarray(1, HEADER_BYTES).toString('hex') : undefined;
  const masterKey = wrappedWith && openers.get(wrappedWith);
  if (!masterKey) {
    const found = wrappedWith ? `master key ${wrappedWith}` : `an unknown format of ${stored.length} bytes`;
    throw new MasterKeyUnavailable(`${given}, but the key store holds keys wrapped with ${found}`);
  }
  const decipher = createDecipheriv('aes-256-gcm', masterKey, stored.subarray(HEADER_BYTES, HEADER_BYTES + IV_BYTES)).setAAD(Buffer.from(subject, 'utf8'));
  decipher.setAuthTag(stored.subarray(WRAPPED_BYTES - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(stored.subarray(HEADER_BYTES + IV_BYTES, WRAPPED_BYTES - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new Error(`the stored key of ${subject} does not authenticate under its master key (tampered, or moved from another subject)`);
  }
}

/** True when `stored` is in the form `wrapping` writes (so a store need not rewrite it). */
export function isInForm(stored: Buffer, form: StoredKeyForm): boolean {
  return stored.length === form.length && stored.subarray(0, form.prefix.length).equals(form.prefix);
}

/** A stored key as a store reads it. */
export interface StoredKeyRow {
  subject: string;
  key: Buffer;
}

/**
 * Each row not in `wrapping`'s form, with what to write instead: its key opened and written in that form. A row no
 * given master key opens is a ConfigError naming HUB_MASTER_KEY: the process stops at start, before any request.
 */
export function rewrapRows(rows: readonly StoredKeyRow[], wrapping: KeyWrapping): { subject: string; stored: Buffer; rewrapped: Buffer }[] {
  try {
    return rows
      .filter((row) => !isInForm(row.key, wrapping.form))
      .map((row) => ({ subject: row.subject, stored: row.key, rewrapped: wrapping.wrap(row.subject, wrapping.unwrap(row.subject, row.key)) }));
  } catch (error) {
    if (error instanceof MasterKeyUnavailable) throw new ConfigError([error.message]);
    throw error;
  }
}
