// Which streams hold personal data, and what an erased event reads as.
import { createHmac } from 'node:crypto';
import type { EventJson } from '@scim-hub/event-store';

const USER_STREAM = /^([^/]+)\/User\/(.+)$/;
const RESERVATION_STREAM = /^([^/]+)\/Unique\/([^/]+)\/([^/]+)$/;
const HASHED = 'hmac=';

/** The subject whose key seals a stream's data: the user stream itself; undefined for streams kept in clear. */
export function subjectOfStream(streamId: string): string | undefined {
  return USER_STREAM.test(streamId) ? streamId : undefined;
}

/**
 * A reservation stream's id carries the lower-cased userName (`<tenant>/Unique/userName/<value>`), and stream ids
 * cannot be encrypted. The stored id replaces the value with a keyed hash, so the log never holds the name in
 * clear; `=` never appears in an encodeURIComponent value, so a hashed id is never hashed twice.
 */
export function storedStreamId(streamId: string, secret: Buffer): string {
  const match = RESERVATION_STREAM.exec(streamId);
  if (!match || match[3].startsWith(HASHED)) return streamId;
  const digest = createHmac('sha256', secret).update(`${match[1]}/${match[2]}/${match[3]}`, 'utf8').digest('base64url');
  return `${match[1]}/Unique/${match[2]}/${HASHED}${digest}`;
}

/**
 * What an event whose key was destroyed reads as: `erased: true` plus the empty shape of its payload, so that
 * folding an erased stream (write side, read-model rebuild) still works and ends as "deleted".
 */
export function erasedData(type: string, streamId: string): EventJson {
  if (type === 'UserCreated') return { erased: true, id: streamId.slice(streamId.lastIndexOf('/') + 1), resource: {} };
  if (type === 'UserUpdated') return { erased: true, changes: [] };
  return { erased: true };
}

/** True when an event's data was erased. */
export function isErasedData(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { erased?: unknown }).erased === true;
}
