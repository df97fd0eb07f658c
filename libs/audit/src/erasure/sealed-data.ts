// Event data sealed with AES-256-GCM. The event id is the additional authenticated data, so a sealed payload
// cannot be moved to another event unnoticed. Keys are per subject (see subject-key-store.port.ts).
import { createCipheriv, createDecipheriv } from 'node:crypto';
import type { EventJson } from '@scim-hub/event-store';
import { pooledRandomBytes } from '@scim-hub/platform/ids';

/** Marker and version of a sealed payload in an event's `data`. */
export const SEALED_FORMAT = 'aes-256-gcm/1';

/** A sealed payload as stored: `{ sealed, iv, ciphertext, tag }`, all base64. */
export interface SealedData extends EventJson {
  sealed: typeof SEALED_FORMAT;
  iv: string;
  ciphertext: string;
  tag: string;
}

/** True when `data` is a sealed payload. */
export function isSealed(data: unknown): data is SealedData {
  return typeof data === 'object' && data !== null && (data as { sealed?: unknown }).sealed === SEALED_FORMAT;
}

/** Seals the JSON text of an event's data with `key` (32 bytes) for the event `eventId`. */
export function sealText(text: string, key: Buffer, eventId: string): SealedData {
  // A fresh random 96-bit nonce per sealing (NIST SP 800-38D §8.2.2); the cipher copies it before the pool moves on.
  const iv = pooledRandomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(eventId, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return { sealed: SEALED_FORMAT, iv: iv.toString('base64'), ciphertext: ciphertext.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

/** Opens a sealed payload to the JSON text it was sealed from; throws when the key or the event id does not match. */
export function openText(sealed: SealedData, key: Buffer, eventId: string): string {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(Buffer.from(eventId, 'utf8'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString('utf8');
}
