import type { ResourceSchema, SchemaDefinition } from '../schema';
import type { ScimResource } from '../resource';
import { invalidValue, mutability, noTarget } from '../errors';
import type { PatchChange } from './patch-change';
import type { PatchOpName, PatchOperation } from './patch-operation';
import { normaliseOp } from './patch-request.parser';
import { namesKnownAttribute, resolvePatchTarget, type PatchTarget } from './patch-target.resolver';
import { PatchWorkspace } from './patch-workspace';
import { editMultiValued } from './multi-valued.patch';
import { editSingleValued } from './single-valued.patch';
import { diffChanges } from './patch-changes.diff';
import { isJsonObject, isUnassigned, jsonEqual } from './json-value.util';

type AttributeTarget = Extract<PatchTarget, { kind: 'attribute' }>;

/** How strictly applyPatch reads values. */
export interface PatchOptions {
  /**
   * Refuse (invalidPath) attribute and sub-attribute names inside values that the schema does not define, instead
   * of ignoring them (RFC 7644 §3.3 lets a service provider ignore them; default false).
   */
  strictSchema?: boolean;
}

/** RFC 7644 §3.5.2: readOnly attributes cannot be patched (id, meta, groups, manager.displayName). */
function assertWritable(target: AttributeTarget): void {
  const { attribute } = target.attr;
  if (attribute.mutability === 'readOnly' || target.sub?.mutability === 'readOnly') {
    throw mutability(`'${attribute.name}${target.sub ? '.' + target.sub.name : ''}' is readOnly`);
  }
}

function editAttribute(ws: PatchWorkspace, op: PatchOpName, target: AttributeTarget, value: unknown, hasValue: boolean, strict: boolean): void {
  assertWritable(target);
  const def = target.attr.attribute;
  const old = ws.read(target.attr);
  const next = def.multiValued
    ? editMultiValued({ op, def, filter: target.filter, sub: target.sub, value, hasValue, strict }, old)
    : editSingleValued({ op, def, sub: target.sub, value, strict }, old);
  if (def.required && isUnassigned(next)) {
    // RFC 7644 §3.5.2.2: removing a required attribute is a mutability error; a blank replacement is an invalid value.
    if (op === 'remove') throw mutability(`'${def.name}' is required and cannot be removed`);
    throw invalidValue(`'${def.name}' is required and cannot be empty`);
  }
  // Unassigned stays as the input had it (`roles: []` and absent are the same, RFC 7643 §2.5).
  if (jsonEqual(old, next) || (isUnassigned(old) && isUnassigned(next))) return;
  if (def.mutability === 'immutable' && old !== undefined) throw mutability(`'${def.name}' is immutable`);
  ws.write(target.attr, next);
}

/**
 * A path-less add/replace: each key of the value object is an attribute path — plain, dotted
 * (`name.givenName`) or URN-qualified, or an extension URN holding an object of its attributes
 * (RFC 7644 §3.5.2.1, §3.5.2.3; Entra "replace multiple attributes" — docs/entra-compatibility.md §39). Keys the
 * schema does not define are ignored unless `strict` (RFC 7644 §3.3).
 */
function applyValueObject(ws: PatchWorkspace, op: PatchOpName, value: unknown, rs: ResourceSchema, strict: boolean, within?: SchemaDefinition): void {
  if (!isJsonObject(value)) throw invalidValue(`${op} without a path needs an object of attributes as its value`);
  for (const [key, item] of Object.entries(value)) {
    // Clients echo `schemas`, at the top or inside an extension object; it is not an attribute a PATCH sets
    // (RFC 7643 §3) and is kept in step by the workspace.
    if (key.toLowerCase() === 'schemas') continue;
    if (!strict && !namesKnownAttribute(key, rs, within)) continue;
    const target = resolvePatchTarget(key, rs, within);
    if (target.kind === 'schema') applyValueObject(ws, op, item, rs, strict, target.schema ?? rs.core);
    else editAttribute(ws, op, target, item, true, strict);
  }
}

/** `remove` with an extension URN as path removes every attribute of that extension. */
function removeSchema(ws: PatchWorkspace, schema: SchemaDefinition, rs: ResourceSchema): void {
  for (const attribute of schema.attributes) {
    const target = resolvePatchTarget(attribute.name, rs, schema);
    if (target.kind === 'attribute' && ws.read(target.attr) !== undefined) editAttribute(ws, 'remove', target, undefined, false, false);
  }
}

function applyOperation(ws: PatchWorkspace, operation: PatchOperation, rs: ResourceSchema, strict: boolean): void {
  const op = normaliseOp(operation.op);
  const path = typeof operation.path === 'string' && operation.path.trim() !== '' ? operation.path : undefined;
  const hasValue = operation.value !== undefined;
  // RFC 7644 §3.5.2.1 / §3.5.2.3: add and replace carry a value.
  if (op !== 'remove' && !hasValue) throw invalidValue(`${op} needs a value`);
  const target = resolvePatchTarget(path, rs);
  if (target.kind === 'attribute') return editAttribute(ws, op, target, operation.value, hasValue, strict);
  if (op !== 'remove') return applyValueObject(ws, op, operation.value, rs, strict, target.schema);
  // RFC 7644 §3.5.2.2: remove without a path fails with noTarget.
  if (path === undefined || target.schema === undefined) throw noTarget('remove needs a path');
  removeSchema(ws, target.schema, rs);
}

/**
 * Applies PATCH operations (RFC 7644 §3.5.2, with every Entra form of docs/entra-compatibility.md, PATCH) to a canonical
 * resource without mutating it; returns the new resource and exactly what changed, per top-level attribute.
 * All or nothing: the first failing operation throws a ScimError and nothing is returned. `schemas`
 * follows the extensions in use and is not reported as a change.
 */
export function applyPatch(
  resource: ScimResource,
  operations: PatchOperation[],
  schema: ResourceSchema,
  options: PatchOptions = {},
): { resource: ScimResource; changes: PatchChange[] } {
  const ws = new PatchWorkspace(resource);
  for (const operation of operations) applyOperation(ws, operation, schema, options.strictSchema ?? false);
  return { resource: ws.result(), changes: diffChanges(ws.touchedAttributes(), (t) => ws.read(t.attr)) };
}
