import type { ResolvedAttribute, ResourceSchema, SchemaDefinition } from '../schema';
import type { PatchOperation } from './patch-operation';
import { namesKnownAttribute, resolvePatchTarget, type PatchTarget } from './patch-target.resolver';
import { findSubAttribute } from './patch-value.coercer';
import { isJsonObject } from './json-value.util';

const nameOf = (attr: ResolvedAttribute) => (attr.inExtension ? `${attr.schema}:${attr.attribute.name}` : attr.attribute.name);

function targetOf(path: string | undefined, rs: ResourceSchema, within?: SchemaDefinition): PatchTarget | undefined {
  try {
    return resolvePatchTarget(path, rs, within);
  } catch {
    return undefined; // a bad path is applyPatch's to refuse, not something that was ignored
  }
}

function scanComplexValue(target: Extract<PatchTarget, { kind: 'attribute' }>, value: unknown, names: Set<string>): void {
  const def = target.attr.attribute;
  if (target.sub || def.type !== 'complex') return;
  for (const item of Array.isArray(value) ? value : [value]) {
    if (!isJsonObject(item)) continue;
    for (const [key, sub] of Object.entries(item)) {
      if (sub !== null && !findSubAttribute(def, key)) names.add(`${nameOf(target.attr)}.${key}`);
    }
  }
}

function scanValueObject(value: unknown, rs: ResourceSchema, within: SchemaDefinition | undefined, names: Set<string>): void {
  if (!isJsonObject(value)) return;
  for (const [key, item] of Object.entries(value)) {
    if (key.toLowerCase() === 'schemas' || item === null) continue;
    if (!namesKnownAttribute(key, rs, within)) {
      names.add(within && within !== rs.core ? `${within.id}:${key}` : key);
      continue;
    }
    const target = targetOf(key, rs, within);
    if (target?.kind === 'schema') scanValueObject(item, rs, target.schema ?? rs.core, names);
    else if (target) scanComplexValue(target, item, names);
  }
}

/**
 * The names (never the values) of the attributes and sub-attributes that applyPatch ignores in these operations
 * because the schema does not define them: keys of path-less value objects and sub-attributes of complex values.
 * They go into the event's metadata so that an auditor sees what was dropped.
 */
export function ignoredPatchAttributes(operations: PatchOperation[], rs: ResourceSchema): string[] {
  const names = new Set<string>();
  for (const operation of operations) {
    if (operation.value === undefined || operation.value === null) continue;
    const path = typeof operation.path === 'string' && operation.path.trim() !== '' ? operation.path : undefined;
    const target = targetOf(path, rs);
    if (target?.kind === 'schema') scanValueObject(operation.value, rs, target.schema, names);
    else if (target) scanComplexValue(target, operation.value, names);
  }
  return [...names];
}
