import { invalidValue } from '../errors';

/** A page request after RFC 7644 §3.4.2.4 rules: 1-based startIndex, count within [0, maxCount]. */
export interface Paging {
  startIndex: number;
  count: number;
}

/** The server's paging policy: page size when `count` is absent, and the largest page it will return. */
export interface PagingPolicy {
  defaultCount: number;
  maxCount: number;
}

/** A query value as frameworks deliver it: a string, a number (from a JSON body), repeated (array) or absent. */
export type PagingValue = string | number | readonly string[] | null | undefined;

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

/**
 * Reads `startIndex` and `count` (RFC 7644 §3.4.2.4): startIndex below 1 means 1; a negative count means 0;
 * a count above the maximum is lowered to it (the RFC lets a server return fewer). Non-integers → invalidValue.
 */
export function parsePaging(query: { startIndex?: PagingValue; count?: PagingValue }, policy: PagingPolicy): Paging {
  const startIndex = toInteger('startIndex', query.startIndex) ?? 1;
  const count = toInteger('count', query.count) ?? policy.defaultCount;
  return {
    startIndex: Math.max(1, startIndex),
    count: Math.min(Math.max(0, count), policy.maxCount),
  };
}
