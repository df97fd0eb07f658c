import type { AttributeDefinition } from '../schema';
import type { JsonObject, JsonValue } from '../resource';
import { invalidPath, invalidValue } from '../errors';
import { isJsonObject } from './json-value.util';

const BOOLEAN_TEXT = /^(true|false)$/i;

const subNamed = (def: AttributeDefinition, name: string) =>
  def.subAttributes?.find((s) => s.name.toLowerCase() === name.toLowerCase());

/** True for a complex attribute that points at something through its `value` sub-attribute (manager, members, emails). */
export function isReferenceLike(def: AttributeDefinition): boolean {
  return def.type === 'complex' && subNamed(def, 'value') !== undefined;
}

/** The sub-attribute definition named `name` (case-insensitive, RFC 7643 §2.1). */
export function findSubAttribute(def: AttributeDefinition, name: string): AttributeDefinition | undefined {
  return subNamed(def, name);
}

/**
 * Coerces a simple (non-complex) value to the attribute's type; `undefined` means "clear".
 * Entra: null and "" clear the attribute (docs/entra-compatibility.md §47); booleans may arrive as "True"/"false" (docs/entra-compatibility.md §40).
 */
export function coerceSimple(def: AttributeDefinition, raw: unknown): JsonValue | undefined {
  if (raw === null || raw === undefined || raw === '') return undefined;
  switch (def.type) {
    case 'boolean':
      if (typeof raw === 'boolean') return raw;
      if (typeof raw === 'string' && BOOLEAN_TEXT.test(raw.trim())) return raw.trim().toLowerCase() === 'true';
      break;
    case 'integer':
      if (typeof raw === 'number' && Number.isInteger(raw)) return raw;
      break;
    case 'decimal':
      if (typeof raw === 'number' && Number.isFinite(raw)) return raw;
      break;
    case 'dateTime':
      // docs/entra-compatibility.md §29: values are stored in the format they were sent, once known to be valid.
      if (typeof raw === 'string' && !Number.isNaN(Date.parse(raw))) return raw;
      break;
    case 'complex':
      break;
    default:
      if (typeof raw === 'string') return raw;
  }
  throw invalidValue(`'${def.name}' expects a ${def.type} value, got ${describeValue(raw)}`);
}

function describeValue(raw: unknown): string {
  if (Array.isArray(raw)) return 'an array';
  if (raw === null) return 'null';
  return typeof raw === 'object' ? 'an object' : `${typeof raw} ${JSON.stringify(raw)}`;
}

/**
 * Coerces a complex value; a sub-attribute given as null or "" comes back as `null`, meaning "clear it".
 * A bare string for a reference-like attribute is its `value` (Entra manager as a bare id — docs/entra-compatibility.md §45).
 * `$ref: null` is dropped (Entra member add — docs/entra-compatibility.md §43); readOnly sub-attributes are ignored, as
 * RFC 7644 §3.5.1 has a service provider do for PUT. A sub-attribute the schema does not define (a member's
 * `displayName`) is ignored too (RFC 7644 §3.3), or refused with invalidPath when `strict`.
 */
export function coerceComplex(def: AttributeDefinition, raw: unknown, strict = false): JsonObject {
  const obj = typeof raw === 'string' && isReferenceLike(def) ? { value: raw } : raw;
  if (!isJsonObject(obj)) throw invalidValue(`'${def.name}' expects an object, got ${describeValue(raw)}`);
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(obj)) {
    const sub = subNamed(def, key);
    if (!sub && strict) throw invalidPath(`'${def.name}' has no sub-attribute '${key}'`);
    if (!sub) continue;
    if (sub.mutability === 'readOnly' || (key === '$ref' && value === null)) continue;
    if (sub.type === 'complex' || Array.isArray(value)) throw invalidValue(`'${def.name}.${sub.name}' expects a simple value`);
    result[sub.name] = coerceSimple(sub, value) ?? null;
  }
  return result;
}

/** A complex value without its "clear" markers. */
export function withoutClears(obj: JsonObject): JsonObject {
  const result: JsonObject = {};
  for (const [k, v] of Object.entries(obj)) if (v !== null) result[k] = v;
  return result;
}

/** One element of a multi-valued attribute, or `undefined` when it carries nothing. */
export function coerceElement(def: AttributeDefinition, raw: unknown, strict = false): JsonValue | undefined {
  if (def.type !== 'complex') return coerceSimple(def, raw);
  if (raw === null || raw === '') return undefined;
  const element = withoutClears(coerceComplex(def, raw, strict));
  if (Object.keys(element).length === 0) return undefined;
  // RFC 7643 §4.2: a member is identified by its value; without one it cannot be stored.
  if (def.name === 'members' && typeof element.value !== 'string') throw invalidValue('a member needs a value');
  return element;
}

/** The elements of a multi-valued value; a single value is read as a one-element list, null or "" as none. */
export function coerceList(def: AttributeDefinition, raw: unknown, strict = false): JsonValue[] {
  const items = Array.isArray(raw) ? raw : raw === null || raw === undefined || raw === '' ? [] : [raw];
  const result: JsonValue[] = [];
  for (const item of items) {
    const element = coerceElement(def, item, strict);
    if (element !== undefined) result.push(element);
  }
  return result;
}

/**
 * A single-valued complex value; `undefined` means "clear". Entra sends manager as `[{value, $ref}]`
 * (docs/entra-compatibility.md §45): a one-element array is read as its element, an empty one clears.
 */
export function coerceSingleComplex(def: AttributeDefinition, raw: unknown, strict = false): JsonObject | undefined {
  if (raw === null || raw === undefined || raw === '') return undefined;
  let value = raw;
  if (Array.isArray(raw)) {
    if (raw.length > 1) throw invalidValue(`'${def.name}' is single-valued; got ${raw.length} values`);
    if (raw.length === 0) return undefined;
    value = raw[0];
  }
  return value === null || value === '' ? undefined : coerceComplex(def, value, strict);
}
