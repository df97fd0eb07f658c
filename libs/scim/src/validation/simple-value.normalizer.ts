import { invalidValue } from '../errors';
import type { AttributeDefinition } from '../schema';
import type { JsonValue } from '../resource';
import { describeValue, utf8Length } from './input-guard';
import type { ResolvedNormalizeOptions } from './normalize-options';

// RFC 7643 §2.3.5: xsd:dateTime, e.g. 2008-01-23T04:56:22Z; the zone is optional, fractions allowed.
const DATE_TIME = /^(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))?$/;
// RFC 7643 §2.3.6: base64 (RFC 4648 §4); padding is tolerated when missing.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/;
// Entra sends booleans as "True"/"False" strings, and third-party logs show "false" (docs/entra-compatibility.md §28, §40).
const BOOLEAN_STRING = /^(true|false)$/i;

/** True when `text` is an xsd:dateTime with real calendar values (no 2024-02-30, no 25:00). */
export function isDateTime(text: string): boolean {
  const m = DATE_TIME.exec(text);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false;
  if (m[9] !== undefined && (Number(m[9]) > 14 || Number(m[10]) > 59)) return false;
  const lastDay = new Date(Date.UTC(2000 + (year % 400), month, 0)).getUTCDate();
  return day <= lastDay;
}

function checkString(def: AttributeDefinition, raw: unknown, path: string, opts: ResolvedNormalizeOptions): string {
  if (typeof raw !== 'string') throw invalidValue(`Attribute '${path}' must be a string; got ${describeValue(raw)}`);
  if (raw.length * 3 > opts.maxStringLength && utf8Length(raw) > opts.maxStringLength) {
    throw invalidValue(`Attribute '${path}' is longer than ${opts.maxStringLength} bytes`);
  }
  if (def.type === 'dateTime' && raw !== '' && !isDateTime(raw)) {
    throw invalidValue(`Attribute '${path}' must be an xsd:dateTime such as 2024-01-31T12:00:00Z; got "${raw}"`);
  }
  if (def.type === 'binary' && !BASE64.test(raw)) {
    throw invalidValue(`Attribute '${path}' must be base64-encoded binary`);
  }
  return raw;
}

function checkBoolean(raw: unknown, path: string): boolean {
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'string' && BOOLEAN_STRING.test(raw)) return raw.toLowerCase() === 'true';
  throw invalidValue(`Attribute '${path}' must be a boolean (true or false); got ${describeValue(raw)}`);
}

function checkNumber(def: AttributeDefinition, raw: unknown, path: string): number {
  if (typeof raw !== 'number' || !Number.isFinite(raw)) {
    throw invalidValue(`Attribute '${path}' must be a number; got ${describeValue(raw)}`);
  }
  if (def.type === 'integer' && !Number.isSafeInteger(raw)) {
    throw invalidValue(`Attribute '${path}' must be an integer; got ${raw}`);
  }
  return raw;
}

/**
 * Checks one non-complex value against its attribute type (RFC 7643 §2.3) and returns its canonical form;
 * `undefined` means unassigned: an empty string is treated as "no value" (Entra's validator sends "" to clear,
 * docs/entra-compatibility.md §47; RFC 7643 §2.5 lets a server treat empty as unassigned).
 */
export function normalizeSimpleValue(
  def: AttributeDefinition,
  raw: unknown,
  path: string,
  opts: ResolvedNormalizeOptions,
): JsonValue | undefined {
  switch (def.type) {
    case 'string':
    case 'reference':
    case 'dateTime':
    case 'binary': {
      const s = checkString(def, raw, path, opts);
      return s === '' ? undefined : s;
    }
    case 'boolean':
      return checkBoolean(raw, path);
    case 'integer':
    case 'decimal':
      return checkNumber(def, raw, path);
    case 'complex':
      throw new Error(`normalizeSimpleValue called for complex attribute '${path}'`);
    default:
      return assertNever(def.type);
  }
}

function assertNever(type: never): never {
  throw new Error(`Unknown attribute type ${String(type)}`);
}
