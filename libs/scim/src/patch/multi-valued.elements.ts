import type { AttributeDefinition } from '../schema';
import type { JsonObject, JsonValue } from '../resource';
import type { Filter } from '../filter';
import { matchesValue } from '../filter';
import { invalidPath, isScimError } from '../errors';
import { coerceSimple, findSubAttribute } from './patch-value.coercer';
import { isJsonObject, jsonEqual } from './json-value.util';

interface Keyer {
  /** The element's value as text, or undefined when it has none. */
  raw(element: JsonValue): string | undefined;
  caseExact: boolean;
}
const keyers = new WeakMap<AttributeDefinition, Keyer>();

function keyerOf(def: AttributeDefinition): Keyer {
  let keyer = keyers.get(def);
  if (keyer) return keyer;
  const complex = def.type === 'complex';
  const valueDef = complex ? findSubAttribute(def, 'value') : def;
  keyer = {
    caseExact: valueDef?.caseExact ?? true,
    raw: (element) => {
      const raw = complex ? (isJsonObject(element) ? element.value : undefined) : element;
      if (valueDef === undefined || raw === undefined || raw === null || typeof raw === 'object') return undefined;
      return typeof raw === 'string' ? raw : JSON.stringify(raw);
    },
  };
  keyers.set(def, keyer);
  return keyer;
}

/**
 * The identity of an element: its `value` sub-attribute (or the value itself for a simple multi-valued
 * attribute), lower-cased unless caseExact (RFC 7643 §2.4 — duplicates are recognised by value).
 */
export function elementKey(def: AttributeDefinition, element: JsonValue): string | undefined {
  const keyer = keyerOf(def);
  const raw = keyer.raw(element);
  return raw === undefined || keyer.caseExact ? raw : raw.toLowerCase();
}

/** A predicate for "denotes the same value as `target`" (same key, or structurally equal when keyless). */
export function sameAs(def: AttributeDefinition, target: JsonValue): (element: JsonValue) => boolean {
  const keyer = keyerOf(def);
  const raw = keyer.raw(target);
  if (raw === undefined) return (element) => jsonEqual(element, target);
  const lower = raw.toLowerCase();
  return (element) => {
    const other = keyer.raw(element);
    if (other === undefined || other.length !== raw.length) return false;
    return other === raw || (!keyer.caseExact && other.toLowerCase() === lower);
  };
}

/**
 * The element a value filter is evaluated against: a complex value as it is; a simple value (an element of a
 * multi-valued string such as `sites[value eq "Oslo"]`) as itself, which the bound filter reads as `value`.
 */
function asFilterSubject(def: AttributeDefinition, element: JsonValue): JsonValue {
  return def.type === 'complex' && !isJsonObject(element) ? { value: element } : element;
}

/**
 * Indexes of the elements matched by a value filter (RFC 7644 §3.5.2 valuePath). A filter the schema
 * refuses (`emails[primary gt true]`) is a bad path here, so its invalidFilter becomes invalidPath.
 */
export function matchingIndexes(def: AttributeDefinition, list: JsonValue[], filter: Filter): number[] {
  const result: number[] = [];
  try {
    list.forEach((element, i) => {
      if (matchesValue(filter, asFilterSubject(def, element), def)) result.push(i);
    });
  } catch (e) {
    if (isScimError(e) && e.scimType === 'invalidFilter') throw invalidPath(`invalid value filter: ${e.detail}`);
    throw e;
  }
  return result;
}

function collectEqualities(def: AttributeDefinition, filter: Filter, out: JsonObject): boolean {
  if (filter.kind === 'and') return collectEqualities(def, filter.left, out) && collectEqualities(def, filter.right, out);
  if (filter.kind !== 'compare' || filter.op !== 'eq' || filter.path.schema || filter.path.sub) return false;
  const sub = def.type === 'complex' ? findSubAttribute(def, filter.path.name) : undefined;
  const name = sub ? sub.name : filter.path.name.toLowerCase() === 'value' ? 'value' : undefined;
  const value = coerceSimple(sub ?? def, filter.value);
  if (name === undefined || value === undefined) return false;
  out[name] = value;
  return true;
}

/**
 * The element a value filter describes, when it is only `eq` comparisons joined by `and`
 * (`emails[type eq "work"]` → `{type: "work"}`); otherwise `undefined`.
 */
export function elementFromFilter(def: AttributeDefinition, filter: Filter): JsonValue | undefined {
  const out: JsonObject = {};
  if (!collectEqualities(def, filter, out)) return undefined;
  return def.type === 'complex' ? out : out.value;
}
