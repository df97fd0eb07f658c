import { invalidSyntax, invalidValue } from '../errors';
import { SEARCH_REQUEST_SCHEMA } from '../schema';
import { parseAttributeList } from '../selection/attribute-list.parser';

/** A POST /.search request (RFC 7644 §3.4.3) with its parameters checked; paging still goes through `parsePaging`. */
export interface SearchRequest {
  attributes?: string[];
  excludedAttributes?: string[];
  filter?: string;
  startIndex?: number;
  count?: number;
  /** RFC 9865 §3: present for cursor paging; the empty string asks for the first page. */
  cursor?: string;
  /** RFC 7644 §3.4.2.3; checked by `parseSort`. */
  sortBy?: string;
  sortOrder?: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Message members are matched ignoring case (RFC 7643 §2.1); two spellings of one member are refused. */
function members(body: Record<string, unknown>): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const key of Object.keys(body)) {
    const k = key.toLowerCase();
    if (out.has(k)) throw invalidSyntax(`'${key}' is given more than once in the SearchRequest`);
    out.set(k, body[key]);
  }
  return out;
}

function stringList(name: string, raw: unknown): string[] | undefined {
  if (raw === undefined || raw === null) return undefined;
  // RFC 7644 §3.4.3 says "multi-valued list of strings"; a comma-separated string is tolerated like the query form.
  if (typeof raw === 'string') return parseAttributeList(raw);
  if (Array.isArray(raw) && raw.every((s) => typeof s === 'string')) return parseAttributeList(raw);
  throw invalidValue(`'${name}' must be an array of attribute names`);
}

function integer(name: string, raw: unknown): number | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'number' && Number.isSafeInteger(raw)) return raw;
  if (typeof raw === 'string' && /^\s*[+-]?\d+\s*$/.test(raw) && Number.isSafeInteger(Number(raw))) return Number(raw);
  throw invalidValue(`'${name}' must be an integer; got ${JSON.stringify(raw)}`);
}

// Unlike the other members, an empty cursor is meaningful (the first page), so it is kept as ''.
function cursorValue(raw: unknown): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'string') throw invalidValue("'cursor' must be a string");
  return raw;
}

function optionalString(name: string, raw: unknown): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'string') throw invalidValue(`'${name}' must be a string`);
  return raw.trim() === '' ? undefined : raw;
}

/** Checks a POST /.search body (RFC 7644 §3.4.3); unknown members are ignored. */
export function parseSearchRequest(body: unknown): SearchRequest {
  if (!isObject(body)) throw invalidSyntax('The SearchRequest body must be a JSON object');
  const m = members(body);
  const schemas = m.get('schemas');
  const ok = Array.isArray(schemas) && schemas.some((s) => typeof s === 'string' && s.toLowerCase() === SEARCH_REQUEST_SCHEMA.toLowerCase());
  if (!ok) throw invalidSyntax(`'schemas' must contain "${SEARCH_REQUEST_SCHEMA}"`);
  const out: SearchRequest = {
    attributes: stringList('attributes', m.get('attributes')),
    excludedAttributes: stringList('excludedAttributes', m.get('excludedattributes')),
    filter: optionalString('filter', m.get('filter')),
    startIndex: integer('startIndex', m.get('startindex')),
    count: integer('count', m.get('count')),
    cursor: cursorValue(m.get('cursor')),
    sortBy: optionalString('sortBy', m.get('sortby')),
    sortOrder: optionalString('sortOrder', m.get('sortorder')),
  };
  for (const key of Object.keys(out) as (keyof SearchRequest)[]) if (out[key] === undefined) delete out[key];
  return out;
}
