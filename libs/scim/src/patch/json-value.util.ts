import type { JsonObject, JsonValue } from '../resource';

/** True for a plain JSON object (not null, not an array). */
export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Structural equality of two JSON values; object key order does not matter. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  }
  if (!isJsonObject(a) || !isJsonObject(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && jsonEqual(a[k], b[k]));
}

/** The key of `obj` equal to `name` ignoring case (RFC 7643 §2.1: attribute names are case-insensitive). */
export function findKey(obj: JsonObject, name: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(obj, name)) return name;
  const n = name.toLowerCase();
  return Object.keys(obj).find((k) => k.toLowerCase() === n);
}

/** Reads `obj[name]` ignoring the key's case. */
export function getIgnoringCase(obj: JsonObject, name: string): JsonValue | undefined {
  const key = findKey(obj, name);
  return key === undefined ? undefined : obj[key];
}

/** A copy of `obj` with `name` (any case) set to `value`, or removed when `value` is undefined; spelled as `name`. */
export function withKey(obj: JsonObject, name: string, value: JsonValue | undefined): JsonObject {
  const copy: JsonObject = { ...obj };
  const key = findKey(copy, name);
  if (key !== undefined && (key !== name || value === undefined)) delete copy[key];
  if (value !== undefined) copy[name] = value;
  return copy;
}

/** True when a value counts as unassigned: absent, null, "" or an empty array (RFC 7643 §2.5). */
export function isUnassigned(v: JsonValue | undefined): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}
