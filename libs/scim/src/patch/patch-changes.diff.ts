import type { AttributeDefinition } from '../schema';
import type { JsonValue } from '../resource';
import type { MemberRef, PatchChange } from './patch-change';
import type { TouchedAttribute } from './patch-workspace';
import { elementKey } from './multi-valued.elements';
import { isJsonObject, isUnassigned, jsonEqual } from './json-value.util';

const MEMBER_FIELDS = ['value', 'type', 'display', '$ref'] as const;

function toMemberRef(element: JsonValue): MemberRef {
  const ref: Record<string, string> = {};
  if (isJsonObject(element)) {
    for (const field of MEMBER_FIELDS) if (typeof element[field] === 'string') ref[field] = element[field] as string;
  }
  return ref as unknown as MemberRef;
}

function byKey(def: AttributeDefinition, elements: JsonValue[]): Map<string, JsonValue> {
  const map = new Map<string, JsonValue>();
  for (const element of elements) {
    const key = elementKey(def, element);
    if (key !== undefined) map.set(key, element);
  }
  return map;
}

const asArray = (v: JsonValue | undefined): JsonValue[] => (Array.isArray(v) ? v : []);

/**
 * The parts of two lists that differ, after dropping the common prefix and suffix (compared by
 * identity: elements a PATCH did not touch are the very same objects before and after). Appending
 * one member to a 10,000-member group leaves one element to compare instead of 20,000.
 */
function differingParts(before: JsonValue[], after: JsonValue[]): [JsonValue[], JsonValue[]] {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before[endB - 1] === after[endA - 1]) {
    endB--;
    endA--;
  }
  const oldPart = before.slice(start, endB);
  const newPart = after.slice(start, endA);
  if (oldPart.length === 0 || newPart.length === 0) return [oldPart, newPart];
  const oldSet = new Set(oldPart);
  const newSet = new Set(newPart);
  return [oldPart.filter((el) => !newSet.has(el)), newPart.filter((el) => !oldSet.has(el))];
}

/**
 * Membership as deltas (DESIGN: "Membership changes are deltas, never the whole member list").
 * A member whose other sub-attributes changed (display) is reported as removed, then added again.
 */
function memberChanges(def: AttributeDefinition, before: JsonValue | undefined, after: JsonValue | undefined): PatchChange[] {
  const [oldPart, newPart] = differingParts(asArray(before), asArray(after));
  const old = byKey(def, oldPart);
  const now = byKey(def, newPart);
  const removed: string[] = [];
  const added: MemberRef[] = [];
  for (const [key, element] of old) {
    const kept = now.get(key);
    if (kept === undefined || !jsonEqual(kept, element)) removed.push(toMemberRef(element).value);
  }
  for (const [key, element] of now) {
    const had = old.get(key);
    if (had === undefined || !jsonEqual(had, element)) added.push(toMemberRef(element));
  }
  const changes: PatchChange[] = [];
  if (removed.length > 0) changes.push({ kind: 'membersRemoved', values: removed });
  if (added.length > 0) changes.push({ kind: 'membersAdded', members: added });
  return changes;
}

const isMembers = (t: TouchedAttribute) => !t.attr.inExtension && t.attr.attribute.name === 'members';

/**
 * What a PATCH changed, one entry per top-level attribute in order of first write; an attribute
 * whose final value equals its first value yields nothing (a no-op is not a change).
 */
export function diffChanges(touched: TouchedAttribute[], read: (t: TouchedAttribute) => JsonValue | undefined): PatchChange[] {
  const changes: PatchChange[] = [];
  for (const t of touched) {
    const after = read(t);
    if (isMembers(t)) {
      changes.push(...memberChanges(t.attr.attribute, t.before, after));
    } else if (isUnassigned(after)) {
      if (!isUnassigned(t.before)) changes.push({ kind: 'unset', attribute: t.name });
    } else if (!jsonEqual(t.before, after)) {
      changes.push({ kind: 'set', attribute: t.name, value: after as JsonValue });
    }
  }
  return changes;
}
