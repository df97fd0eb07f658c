import { invalidSyntax, invalidValue } from '../errors';
import type { AttributeDefinition } from '../schema';
import type { JsonObject, JsonValue } from '../resource';
import { describeValue, isPlainObject } from './input-guard';
import { normalizeSimpleValue } from './simple-value.normalizer';
import type { ResolvedNormalizeOptions } from './normalize-options';
import { unknownAttribute } from './unknown-attribute';

const lower = (s: string) => s.toLowerCase();

/** An input member found under some spelling of an attribute name. */
export interface KeyedEntry {
  key: string;
  value: unknown;
}

/**
 * Indexes an object's keys by lowercased name (RFC 7643 §2.1: names are case-insensitive). Two spellings of one
 * name (`userName` and `USERNAME`) make the message ambiguous → invalidSyntax.
 */
export function indexKeys(obj: Record<string, unknown>, path: string, into = new Map<string, KeyedEntry>()) {
  for (const key of Object.keys(obj)) addEntry(into, lower(key), { key, value: obj[key] }, path);
  return into;
}

/** Adds one entry to a key index, refusing a second spelling of the same name. */
export function addEntry(index: Map<string, KeyedEntry>, name: string, entry: KeyedEntry, path: string): void {
  const existing = index.get(name);
  if (existing) {
    const where = path ? ` in '${path}'` : '';
    throw invalidSyntax(`Attribute '${entry.key}' is given more than once${where} (also as '${existing.key}')`);
  }
  index.set(name, entry);
}

function arrayLimit(def: AttributeDefinition, opts: ResolvedNormalizeOptions): number {
  return opts.maxArrayLengthByAttribute.get(lower(def.name)) ?? opts.maxArrayLength;
}

function normalizeMultiValued(def: AttributeDefinition, raw: unknown, path: string, opts: ResolvedNormalizeOptions) {
  // A single value for a multi-valued attribute is wrapped: the intent is unambiguous and RFC 7644 §3.5.2.1 treats
  // a lone value added to a multi-valued attribute the same way, so refusing it would only break lenient clients.
  const items = Array.isArray(raw) ? raw : [raw];
  const limit = arrayLimit(def, opts);
  if (items.length > limit) {
    throw invalidValue(`Attribute '${path}' has ${items.length} values; at most ${limit} are accepted per request`);
  }
  const out: JsonValue[] = [];
  items.forEach((item, i) => {
    if (Array.isArray(item)) throw invalidValue(`Attribute '${path}[${i}]' must not be an array`);
    const v = normalizeOneValue(def, item, `${path}[${i}]`, opts);
    if (v !== undefined) out.push(v);
  });
  // RFC 7643 §2.5: an empty array is the same state as unassigned, so the canonical form leaves it out.
  return out.length > 0 ? out : undefined;
}

const exactNames = new WeakMap<AttributeDefinition, Set<string>>();

/**
 * How to read sub-attribute values from `raw`. Fast path for the usual case where every key is spelled exactly as
 * in the schema (large member lists); otherwise a case-insensitive index with duplicate detection, and every key
 * that names no sub-attribute is handed to `unknownAttribute`.
 */
function subReader(
  def: AttributeDefinition,
  raw: Record<string, unknown>,
  path: string,
  opts: ResolvedNormalizeOptions,
): (sub: AttributeDefinition) => unknown {
  let names = exactNames.get(def);
  if (!names) exactNames.set(def, (names = new Set((def.subAttributes ?? []).map((s) => s.name))));
  const known = names;
  if (Object.keys(raw).every((k) => known.has(k))) return (sub) => raw[sub.name];
  const index = indexKeys(raw, path);
  const lowerKnown = new Set([...known].map(lower));
  for (const [name, entry] of index) if (!lowerKnown.has(name)) unknownAttribute(opts, `${path}.${entry.key}`, entry.value);
  return (sub) => index.get(lower(sub.name))?.value;
}

function normalizeComplex(def: AttributeDefinition, raw: unknown, path: string, opts: ResolvedNormalizeOptions) {
  const subs = def.subAttributes ?? [];
  // Entra sends manager as a bare id string (docs/entra-compatibility.md §45): a lone string for a single-valued complex attribute
  // with a `value` sub-attribute means `{ value }`.
  if (typeof raw === 'string' && !def.multiValued && subs.some((s) => s.name === 'value')) raw = { value: raw };
  if (!isPlainObject(raw)) throw invalidValue(`Attribute '${path}' must be an object; got ${describeValue(raw)}`);
  const read = subReader(def, raw, path, opts);
  const out: JsonObject = {};
  for (const sub of subs) {
    // RFC 7643 §2.2: readOnly values sent by a client are ignored (e.g. manager.displayName).
    const value = sub.mutability === 'readOnly' ? undefined : read(sub);
    if (value === undefined) continue;
    const v = normalizeAttributeValue(sub, value, `${path}.${sub.name}`, opts);
    if (v !== undefined) out[sub.name] = v;
  }
  // An object left empty (only unknown or readOnly sub-attributes) is unassigned.
  if (Object.keys(out).length === 0) return undefined;
  const missing = subs.find((s) => s.required && out[s.name] === undefined);
  if (missing) throw invalidValue(`Attribute '${path}.${missing.name}' is required`);
  return out;
}

function normalizeOneValue(def: AttributeDefinition, raw: unknown, path: string, opts: ResolvedNormalizeOptions) {
  if (raw === null || raw === undefined) return undefined;
  return def.type === 'complex' ? normalizeComplex(def, raw, path, opts) : normalizeSimpleValue(def, raw, path, opts);
}

/**
 * Checks and canonicalises the value of one attribute (RFC 7643 §2): `null` and empty values come back as
 * `undefined` (unassigned), sub-attribute names are rewritten to the schema's spelling, unknown sub-attributes are
 * dropped and recorded in `opts.ignored` (refused when `opts.strictSchema`). `path` names the attribute in error details.
 */
export function normalizeAttributeValue(
  def: AttributeDefinition,
  raw: unknown,
  path: string,
  opts: ResolvedNormalizeOptions,
): JsonValue | undefined {
  if (raw === null || raw === undefined) return undefined;
  if (def.multiValued) return normalizeMultiValued(def, raw, path, opts);
  if (Array.isArray(raw)) {
    // Entra wraps the manager in a one-element array (docs/entra-compatibility.md §45); anything longer is a real mistake.
    if (def.type === 'complex' && raw.length <= 1) return normalizeOneValue(def, raw[0], path, opts);
    throw invalidValue(`Attribute '${path}' is single-valued; got an array`);
  }
  return normalizeOneValue(def, raw, path, opts);
}
