// RFC 9865 cursors: opaque to clients (RFC 9865 §2), stateless on the server. A cursor is the base64url text of
// the page key it continues from (the read model's sort value, created, id), the direction, and a scope: a digest of
// the tenant, resource type, filter and sort it was issued for, so that a cursor replayed against another query or tenant is
// refused instead of paging something else. Cursors hold no server state, so they never expire; a forged one can
// only name a position in the caller's own result set.
import { createHash } from 'node:crypto';
import type { PageBounds, PageKey, PageSeek } from '@scim-hub/read-model';
import { invalidCursor, type Filter, type SortRequest } from '@scim-hub/scim';
import type { ResourceType } from '../write/identity-streams';

const FORMAT = 1;

interface CursorBody {
  v: typeof FORMAT;
  d: 'a' | 'b';
  k: PageKey;
  s: string;
}

/** The digest a cursor carries of the query it belongs to. */
export function cursorScope(tenant: string, type: ResourceType, filter: Filter | undefined, sort?: SortRequest): string {
  const order = sort ? [sort.by.toLowerCase(), sort.descending] : null;
  return createHash('sha256')
    .update(JSON.stringify([tenant, type, filter ?? null, order]))
    .digest('base64url')
    .slice(0, 16);
}

/** Encodes a position as a cursor of the query `scope` names. */
export function encodeCursor(direction: PageSeek['direction'], key: PageKey, scope: string): string {
  const body: CursorBody = { v: FORMAT, d: direction === 'after' ? 'a' : 'b', k: key, s: scope };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

const refused = () => invalidCursor('The cursor is not one this service returned for this query; start again with an empty cursor');

/** The seek a cursor asks for: the first page for '', else the decoded position; anything else → invalidCursor. */
export function decodeCursor(cursor: string, scope: string): PageSeek {
  if (cursor === '') return { direction: 'after' };
  let body: Partial<CursorBody>;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorBody>;
  } catch {
    throw refused();
  }
  if (body?.v !== FORMAT || body.s !== scope || (body.d !== 'a' && body.d !== 'b') || !Array.isArray(body.k)) throw refused();
  return { direction: body.d === 'a' ? 'after' : 'before', key: body.k };
}

/** RFC 9865 §2 nextCursor / previousCursor of a page read with `seek`; each is absent when no page lies that way. */
export function cursorsOf(seek: PageSeek, bounds: PageBounds | undefined, scope: string): { nextCursor?: string; previousCursor?: string } {
  const forward = seek.direction === 'after';
  const more = bounds?.more ?? false;
  const next = forward ? (more ? bounds?.last : undefined) : (bounds?.last ?? seek.key);
  const previous = forward ? (seek.key ? (bounds?.first ?? seek.key) : undefined) : more ? bounds?.first : undefined;
  return {
    ...(next ? { nextCursor: encodeCursor('after', next, scope) } : {}),
    ...(previous ? { previousCursor: encodeCursor('before', previous, scope) } : {}),
  };
}
