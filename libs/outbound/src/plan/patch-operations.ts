// The minimal PATCH (RFC 7644 §3.5.2) from what a target holds to what it should hold: one operation per
// changed top-level attribute (per sub-attribute inside an extension), member adds and removes by value.
import type { JsonObject, JsonValue } from '@scim-hub/scim';
import type { PatchOperation } from './delivery-step';
import { valueContains } from './value-contains';

const isObject = (value: JsonValue | undefined): value is JsonObject => !!value && typeof value === 'object' && !Array.isArray(value);

function attributeOperations(path: string, before: JsonValue | undefined, after: JsonValue | undefined): PatchOperation[] {
  if (valueContains(before, after)) return [];
  if (after === undefined || after === null) return [{ op: 'remove', path }];
  return [{ op: 'replace', path, value: after }];
}

/** Operations turning `before` into `after` (bodies without members); `schemas` is never patched. */
export function bodyOperations(before: JsonObject, after: JsonObject): PatchOperation[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)].filter((k) => k !== 'schemas'));
  const operations: PatchOperation[] = [];
  for (const key of keys) {
    const [was, wanted] = [before[key], after[key]];
    if (key.toLowerCase().startsWith('urn:') && (isObject(was) || isObject(wanted))) {
      const inner = new Set([...Object.keys(isObject(was) ? was : {}), ...Object.keys(isObject(wanted) ? wanted : {})]);
      for (const sub of inner) {
        operations.push(...attributeOperations(`${key}:${sub}`, isObject(was) ? was[sub] : undefined, isObject(wanted) ? wanted[sub] : undefined));
      }
    } else {
      operations.push(...attributeOperations(key, was, wanted));
    }
  }
  return operations;
}

/** Member operations: add the new target ids in one operation, remove each stray one by value filter. */
export function memberOperations(before: readonly string[], after: readonly string[]): PatchOperation[] {
  const had = new Set(before);
  const wanted = new Set(after);
  const added = after.filter((id) => !had.has(id));
  const operations: PatchOperation[] = added.length > 0 ? [{ op: 'add', path: 'members', value: added.map((value) => ({ value })) }] : [];
  for (const id of before) if (!wanted.has(id)) operations.push({ op: 'remove', path: `members[value eq ${JSON.stringify(id)}]` });
  return operations;
}
