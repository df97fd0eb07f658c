// AES-256-GCM for target credentials at rest (NIST SP 800-38D): a fresh 96-bit IV per secret, the 128-bit tag
// checked on open. The stream id of the target is the additional authenticated data, so a sealed secret
// copied into another target's event does not open.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** A credential as stored in a target event: ciphertext plus what the API may show of it. */
export interface SealedSecret {
  /** `A256GCM` (the only algorithm so far; a later one gets a new name). */
  alg: 'A256GCM';
  /** Fingerprint of the key that sealed it, so a wrong HUB_SECRETS_KEY is reported as such. */
  kid: string;
  iv: string;
  tag: string;
  data: string;
  /** Last 4 characters of a secret of 16 or more; empty for shorter ones (4 of 8 would say too much). */
  hint: string;
}

/** A sealed secret cannot be opened: wrong key, or tampered data. */
export class SecretUnreadable extends Error {
  override name = 'SecretUnreadable';
}

/** Bytes in an AES-256 key. */
export const SECRETS_KEY_BYTES = 32;

/** Seals and opens credentials with one 32-byte key. */
export class SecretCipher {
  /** Fingerprint of the key: 8 hex characters of its SHA-256 (identifies, reveals nothing useful). */
  readonly keyId: string;

  constructor(private readonly key: Buffer) {
    if (key.length !== SECRETS_KEY_BYTES) throw new Error(`a secrets key has ${SECRETS_KEY_BYTES} bytes, not ${key.length}`);
    this.keyId = createHash('sha256').update(key).digest('hex').slice(0, 8);
  }

  /** Encrypts `secret`, bound to `context` (the target's stream id). */
  seal(secret: string, context: string): SealedSecret {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv).setAAD(Buffer.from(context, 'utf8'));
    const data = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    const hint = secret.length >= 16 ? secret.slice(-4) : '';
    return { alg: 'A256GCM', kid: this.keyId, iv: b64(iv), tag: b64(cipher.getAuthTag()), data: b64(data), hint };
  }

  /** Decrypts a sealed secret; throws SecretUnreadable naming the key mismatch or the failed tag check. */
  open(sealed: SealedSecret, context: string): string {
    if (sealed.kid !== this.keyId) {
      throw new SecretUnreadable(`sealed with key ${sealed.kid}, but HUB_SECRETS_KEY is key ${this.keyId}`);
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(sealed.iv, 'base64url'))
        .setAAD(Buffer.from(context, 'utf8'))
        .setAuthTag(Buffer.from(sealed.tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretUnreadable(`a sealed secret of ${context} does not authenticate (tampered, or another context)`);
    }
  }
}

/** What an API answer shows instead of a secret: `…abcd`, or `…` alone for short secrets. */
export function maskOf(sealed: SealedSecret): string {
  return `…${sealed.hint}`;
}

function b64(bytes: Buffer): string {
  return bytes.toString('base64url');
}
