import { invalidCount, invalidCursor, invalidValue } from '../errors';

/**
 * A page request. Index paging (RFC 7644 §3.4.2.4): 1-based startIndex, count within [0, maxCount]. Cursor paging
 * (RFC 9865 §2): `cursor` is present ('' asks for the first page), count within [1, maxCount], startIndex is 1.
 */
export interface Paging {
  startIndex: number;
  count: number;
  /** Present only for cursor paging; the empty string asks for the first page. */
  cursor?: string;
}

/** The server's paging policy: page size when `count` is absent, and the largest page it will return. */
export interface PagingPolicy {
  defaultCount: number;
  maxCount: number;
}

/** A query value as frameworks deliver it: a string, a number (from a JSON body), repeated (array) or absent. */
export type PagingValue = string | number | readonly string[] | null | undefined;

// RFC 9865 §2: a cursor holds only characters of RFC 3986 §2.2's unreserved set. A cursor of a sorted list carries
// the sort value of its edge, which can be long text; the bound only keeps parsing cheap.
const UNRESERVED = /^[A-Za-z0-9\-._~]*$/;
const MAX_CURSOR_LENGTH = 16_384;

function toInteger(name: string, raw: PagingValue): number | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (Array.isArray(raw)) throw invalidValue(`'${name}' is given more than once`);
  const text = typeof raw === 'number' ? String(raw) : String(raw).trim();
  if (text === '') return undefined;
  const n = Number(text);
  if (!/^[+-]?\d+$/.test(text) || !Number.isSafeInteger(n)) {
    throw invalidValue(`'${name}' must be an integer; got ${JSON.stringify(raw)}`);
  }
  return n;
}

function toCursor(raw: PagingValue): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (Array.isArray(raw)) throw invalidCursor("'cursor' is given more than once");
  const text = String(raw).trim();
  if (text.length > MAX_CURSOR_LENGTH || !UNRESERVED.test(text)) {
    throw invalidCursor("'cursor' must be empty (first page) or a nextCursor / previousCursor value this service returned");
  }
  return text;
}

/**
 * Reads `startIndex`, `count` and `cursor`. Index paging (RFC 7644 §3.4.2.4): startIndex below 1 means 1; a negative
 * count means 0; a count above the maximum is lowered to it (the RFC lets a server return fewer). Cursor paging
 * (RFC 9865 §2): count must be positive (invalidCount) and is lowered to the maximum likewise; `cursor` with a
 * `startIndex` names two paging methods at once and is refused. Non-integers → invalidValue.
 */
export function parsePaging(query: { startIndex?: PagingValue; count?: PagingValue; cursor?: PagingValue }, policy: PagingPolicy): Paging {
  const startIndex = toInteger('startIndex', query.startIndex);
  const count = toInteger('count', query.count);
  const cursor = toCursor(query.cursor);
  if (cursor === undefined) {
    return { startIndex: Math.max(1, startIndex ?? 1), count: Math.min(Math.max(0, count ?? policy.defaultCount), policy.maxCount) };
  }
  if (startIndex !== undefined) throw invalidValue("'cursor' and 'startIndex' select different paging methods; give only one");
  if (count !== undefined && count < 1) throw invalidCount(`'count' must be between 1 and ${policy.maxCount} with 'cursor'; got ${count}`);
  return { startIndex: 1, count: Math.min(count ?? policy.defaultCount, policy.maxCount), cursor };
}
