import type { AttributeDefinition } from '../schema';
import type { JsonObject, JsonValue } from '../resource';
import type { PatchOpName } from './patch-operation';
import { coerceSimple, coerceSingleComplex, isReferenceLike } from './patch-value.coercer';
import { assertImmutableKept, mergeInto } from './complex-value.merge';
import { isJsonObject } from './json-value.util';

/** One edit of a single-valued attribute, or of one sub-attribute of a single-valued complex attribute. */
export interface SingleValuedEdit {
  op: PatchOpName;
  def: AttributeDefinition;
  sub?: AttributeDefinition;
  value: unknown;
  /** Refuse sub-attributes the schema does not define instead of ignoring them. */
  strict?: boolean;
}

/**
 * A complex value that is left without its `value` is gone: Entra removes a manager by replacing it
 * with "" or `{value: ""}` (docs/entra-compatibility.md §45). An emptied complex attribute is unassigned (RFC 7644 §3.5.2.2).
 */
function finalise(def: AttributeDefinition, next: JsonObject): JsonObject | undefined {
  if (isReferenceLike(def) && next.value === undefined) return undefined;
  return Object.keys(next).length === 0 ? undefined : next;
}

function editComplex(edit: SingleValuedEdit, old: JsonValue | undefined): JsonValue | undefined {
  const { def, sub, op } = edit;
  const base = isJsonObject(old) ? old : {};
  let next: JsonObject;
  if (sub) {
    next = mergeInto(base, { [sub.name]: op === 'remove' ? null : (coerceSimple(sub, edit.value) ?? null) });
  } else {
    if (op === 'remove') return undefined;
    const given = coerceSingleComplex(def, edit.value, edit.strict);
    if (given === undefined) return undefined;
    // RFC 7644 §3.5.2.3 merges sub-attributes, but a new reference (another manager) must not keep
    // the old one's $ref or displayName (docs/entra-compatibility.md §45).
    const newReference = isReferenceLike(def) && typeof given.value === 'string' && given.value !== base.value;
    next = mergeInto(newReference ? {} : base, given);
  }
  // RFC 7643 §7: an immutable sub-attribute may be set once, never changed.
  if (isJsonObject(old)) assertImmutableKept(def, old, next);
  return finalise(def, next);
}

/** Applies one add/replace/remove to a single-valued attribute and returns its new value (`undefined` = unassigned). */
export function editSingleValued(edit: SingleValuedEdit, old: JsonValue | undefined): JsonValue | undefined {
  if (edit.def.type === 'complex') return editComplex(edit, old);
  // RFC 7644 §3.5.2.1: add on a single-valued attribute replaces its value, like replace.
  return edit.op === 'remove' ? undefined : coerceSimple(edit.def, edit.value);
}
