import { invalidSyntax, invalidValue } from '../errors';

/** Keys that could reach an object's prototype if ever used as a property name; never part of a SCIM schema. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** True for a JSON object: not null, not an array. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Walks the whole body once before anything reads it: refuses nesting deeper than `maxDepth` (invalidSyntax) and
 * prototype-polluting keys anywhere, even under attributes that would be ignored (invalidValue).
 */
export function guardStructure(value: unknown, maxDepth: number, depth = 1, path = ''): void {
  if (typeof value !== 'object' || value === null) return;
  if (depth > maxDepth) {
    throw invalidSyntax(`The request body is nested deeper than ${maxDepth} levels (at '${path || '(body)'}')`);
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) guardStructure(value[i], maxDepth, depth + 1, `${path}[${i}]`);
    return;
  }
  for (const key of Object.keys(value)) {
    const where = path ? `${path}.${key}` : key;
    if (FORBIDDEN_KEYS.has(key)) throw invalidValue(`'${where}' is not an acceptable attribute name`);
    guardStructure((value as Record<string, unknown>)[key], maxDepth, depth + 1, where);
  }
}

/** The UTF-8 length of `s` in bytes, without allocating. */
export function utf8Length(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      bytes += 4; // a surrogate pair is one 4-byte code point
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** A short description of a JSON value for error details ("string \"yes\"", "number 3", "an object"). */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return `${typeof value} ${text.length > 40 ? text.slice(0, 40) + '…' : text}`;
}
