import type { AttributeDefinition } from '../schema';
import type { JsonObject } from '../resource';
import { mutability } from '../errors';
import { jsonEqual } from './json-value.util';

/** `base` with `patch` written over it; a `null` in the patch removes that sub-attribute. */
export function mergeInto(base: JsonObject, patch: JsonObject): JsonObject {
  const result: JsonObject = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = value;
  }
  return result;
}

const immutableSubs = (def: AttributeDefinition) => (def.subAttributes ?? []).filter((s) => s.mutability === 'immutable');

/**
 * Merges an added duplicate into the element already there (RFC 7644 §3.5.2.1), keeping the element's
 * own `value` spelling and the immutable sub-attributes it has (RFC 7643 §7).
 */
export function mergeDuplicate(def: AttributeDefinition, base: JsonObject, patch: JsonObject): JsonObject {
  const result = mergeInto(base, patch);
  const kept = [...immutableSubs(def).map((s) => s.name), 'value'];
  for (const name of kept) if (base[name] !== undefined) result[name] = base[name];
  return result;
}

/** Refuses a change to an immutable sub-attribute that already had a value (RFC 7643 §7, RFC 7644 §3.5.2). */
export function assertImmutableKept(def: AttributeDefinition, before: JsonObject, after: JsonObject): void {
  for (const sub of immutableSubs(def)) {
    const old = before[sub.name];
    if (old !== undefined && !jsonEqual(old, after[sub.name])) {
      throw mutability(`'${def.name}.${sub.name}' is immutable`);
    }
  }
}
