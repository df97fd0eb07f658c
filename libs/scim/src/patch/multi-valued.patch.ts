import type { AttributeDefinition } from '../schema';
import type { JsonObject, JsonValue } from '../resource';
import type { Filter } from '../filter';
import { noTarget } from '../errors';
import type { PatchOpName } from './patch-operation';
import { coerceComplex, coerceList, coerceSimple, findSubAttribute, withoutClears } from './patch-value.coercer';
import { elementFromFilter, elementKey, matchingIndexes, sameAs } from './multi-valued.elements';
import { assertImmutableKept, mergeInto, mergeDuplicate } from './complex-value.merge';
import { isJsonObject, isUnassigned, jsonEqual } from './json-value.util';

/** One edit of a multi-valued attribute: the op, the attribute, an optional value filter and sub-attribute. */
export interface MultiValuedEdit {
  op: PatchOpName;
  def: AttributeDefinition;
  filter?: Filter;
  sub?: AttributeDefinition;
  value: unknown;
  hasValue: boolean;
  /** Refuse sub-attributes the schema does not define instead of ignoring them. */
  strict?: boolean;
}

interface Draft {
  list: JsonValue[];
  touched: Set<JsonValue>;
}

const asList = (old: JsonValue | undefined): JsonValue[] => (Array.isArray(old) ? old : old === undefined ? [] : [old]);

/** Finds an element by value: a scan for a few additions, an index for many (bulk member adds). */
function elementFinder(def: AttributeDefinition, list: JsonValue[], additions: number): (el: JsonValue) => number {
  if (additions <= 8) return (addition) => list.findIndex(sameAs(def, addition));
  const index = new Map<string, number>();
  list.forEach((el, i) => {
    const key = elementKey(def, el);
    if (key !== undefined && !index.has(key)) index.set(key, i);
  });
  return (addition) => {
    const key = elementKey(def, addition);
    if (key === undefined) return list.findIndex((el) => jsonEqual(el, addition));
    const at = index.get(key);
    if (at === undefined) index.set(key, list.length);
    return at ?? -1;
  };
}

/** Appends elements, merging one that is already there by value (RFC 7644 §3.5.2.1: no duplicate is added). */
function addElements(def: AttributeDefinition, draft: Draft, additions: JsonValue[]): void {
  const find = elementFinder(def, draft.list, additions.length);
  for (const addition of additions) {
    const at = find(addition);
    if (at < 0) {
      draft.list.push(addition);
      draft.touched.add(addition);
      continue;
    }
    const existing = draft.list[at];
    const merged = isJsonObject(existing) && isJsonObject(addition) ? mergeDuplicate(def, existing, addition) : existing;
    if (!jsonEqual(merged, existing)) draft.list[at] = merged;
    draft.touched.add(draft.list[at]);
  }
}

/** Removes exactly the listed elements (Entra's default member removal — docs/entra-compatibility.md §44). */
function removeListed(def: AttributeDefinition, draft: Draft, raw: unknown, strict?: boolean): void {
  const listed = coerceList(def, raw, strict);
  const matchers = listed.map((l) => sameAs(def, l));
  draft.list = draft.list.filter((el) => !matchers.some((matches) => matches(el)));
}

function editWhole(edit: MultiValuedEdit, draft: Draft): void {
  if (edit.op === 'remove') {
    if (edit.hasValue && edit.value !== null && edit.value !== undefined) removeListed(edit.def, draft, edit.value, edit.strict);
    else draft.list = [];
    return;
  }
  const additions = coerceList(edit.def, edit.value, edit.strict);
  // RFC 7644 §3.5.2.3: replace without a filter replaces every value; add appends (§3.5.2.1).
  if (edit.op === 'replace') draft.list = [];
  addElements(edit.def, draft, additions);
}

/** The new state of one selected element, `undefined` to drop it. */
function editElement(edit: MultiValuedEdit, element: JsonValue): JsonValue | undefined {
  const { def, sub, op } = edit;
  if (!isJsonObject(element)) return op === 'remove' ? undefined : coerceSimple(def, edit.value);
  let next: JsonObject;
  if (sub) {
    next = mergeInto(element, { [sub.name]: op === 'remove' ? null : (coerceSimple(sub, edit.value) ?? null) });
  } else {
    if (op === 'remove' || isUnassigned(edit.value as JsonValue)) return undefined;
    const given = coerceComplex(def, edit.value, edit.strict);
    // RFC 7644 §3.5.2.3: matching values are replaced; §3.5.2.1: add merges into them.
    next = op === 'replace' ? withoutClears(given) : mergeInto(element, given);
  }
  // RFC 7643 §7: an immutable sub-attribute (a member's value) may be set once, never changed.
  assertImmutableKept(def, element, next);
  return Object.keys(next).length === 0 ? undefined : next;
}

/** The element to create when a filter matched nothing, or `undefined` when there is nothing to write. */
function createdElement(edit: MultiValuedEdit): JsonValue | undefined {
  const { def, sub, filter } = edit;
  const template = filter ? elementFromFilter(def, filter) : def.type === 'complex' ? {} : undefined;
  if (template === undefined) {
    throw noTarget(`the filter on '${def.name}' matched no value and does not describe one to create`);
  }
  if (!isJsonObject(template)) return coerceSimple(def, edit.value) ?? undefined;
  const value = sub ? { [sub.name]: coerceSimple(sub, edit.value) ?? null } : coerceComplex(def, edit.value, edit.strict);
  const element = withoutClears({ ...template, ...value });
  return Object.keys(element).length === 0 ? undefined : element;
}

/**
 * Edits the selected elements (`attr[filter]`, `attr[filter].sub` or `attr.sub`, RFC 7644 §3.5.2).
 * Entra: add/replace on `emails[type eq "work"].value` when there is no work email creates
 * `{type: "work", value}` instead of RFC 7644 §3.5.2.3's noTarget — Entra expects it (docs/entra-compatibility.md §38).
 * Remove with a filter that matches nothing is a no-op rather than noTarget, so a retried removal
 * (Entra retries failed requests, docs/entra-compatibility.md, how Entra's own engine provisions) stays idempotent.
 */
function editSelected(edit: MultiValuedEdit, draft: Draft): void {
  const selected = edit.filter ? matchingIndexes(edit.def, draft.list, edit.filter) : draft.list.map((_, i) => i);
  if (selected.length === 0) {
    if (edit.op === 'remove' || isUnassigned(edit.value as JsonValue)) return;
    const element = createdElement(edit);
    if (element !== undefined) addElements(edit.def, draft, [element]);
    return;
  }
  const chosen = new Set(selected);
  const next: JsonValue[] = [];
  draft.list.forEach((element, i) => {
    if (!chosen.has(i)) return void next.push(element);
    const edited = editElement(edit, element);
    if (edited === undefined) return;
    next.push(edited);
    draft.touched.add(edited);
  });
  draft.list = next;
}

/** RFC 7643 §2.4: `primary: true` appears at most once; the element made primary by this edit wins, the others lose the flag. */
function keepOnePrimary(def: AttributeDefinition, draft: Draft): void {
  if (!findSubAttribute(def, 'primary')) return;
  let winner: JsonValue | undefined;
  for (let i = draft.list.length - 1; i >= 0 && winner === undefined; i--) {
    const el = draft.list[i];
    if (draft.touched.has(el) && isJsonObject(el) && el.primary === true) winner = el;
  }
  if (winner === undefined) return;
  draft.list = draft.list.map((el) => {
    if (el === winner || !isJsonObject(el) || el.primary !== true) return el;
    const { primary: _dropped, ...rest } = el;
    return rest as JsonObject;
  });
}

/** Applies one add/replace/remove to a multi-valued attribute and returns its new value (`undefined` = unassigned). */
export function editMultiValued(edit: MultiValuedEdit, old: JsonValue | undefined): JsonValue | undefined {
  const draft: Draft = { list: [...asList(old)], touched: new Set() };
  if (edit.filter || edit.sub) editSelected(edit, draft);
  else editWhole(edit, draft);
  keepOnePrimary(edit.def, draft);
  // Groups keep `members: []` (docs/entra-compatibility.md §32); other emptied attributes become unassigned (RFC 7644 §3.5.2.2).
  if (draft.list.length === 0) return edit.def.name === 'members' ? [] : undefined;
  return draft.list;
}
