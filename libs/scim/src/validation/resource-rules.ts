import { invalidValue } from '../errors';
import { GROUP_SCHEMA, type AttributeDefinition, type ResourceSchema, type SchemaDefinition } from '../schema';
import type { JsonObject, JsonValue } from '../resource';

const lower = (s: string) => s.toLowerCase();
const isObject = (v: JsonValue | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Refuses a resource whose required attributes are missing or empty (RFC 7643 §2.2 `required`, §7). */
export function checkRequired(schema: SchemaDefinition, values: JsonObject, prefix: string): void {
  const missing = schema.attributes.find((a) => a.required && values[a.name] === undefined);
  if (missing) throw invalidValue(`Attribute '${prefix}${missing.name}' is required and must not be empty`);
}

/** Refuses an absent extension that the resource type declares as required (RFC 7643 §6 `schemaExtensions`). */
export function checkRequiredExtensions(rs: ResourceSchema, present: Set<string>): void {
  const missing = rs.resourceType.schemaExtensions.find((e) => e.required && !present.has(e.schema));
  if (missing) throw invalidValue(`The extension '${missing.schema}' is required for ${rs.resourceType.name}`);
}

function checkPrimary(items: JsonObject[], path: string): void {
  // RFC 7643 §2.4: the primary attribute value "true" MUST appear no more than once.
  if (items.filter((i) => i.primary === true).length > 1) {
    throw invalidValue(`Attribute '${path}' has more than one value with "primary": true`);
  }
}

/**
 * Checks multi-valued complex attributes: one primary at most. Several values of one `type` (two work emails) are
 * accepted: RFC 7643 §2.4 limits only `primary`, and real clients send them.
 */
export function checkMultiValued(defs: AttributeDefinition[], values: JsonObject, prefix: string): void {
  for (const def of defs) {
    const value = values[def.name];
    if (!def.multiValued || def.type !== 'complex' || !Array.isArray(value)) continue;
    checkPrimary(value.filter(isObject), prefix + def.name);
  }
}

const MEMBER_TYPES = ['User', 'Group'];

function canonicalMember(member: JsonObject, index: number): JsonObject {
  if (typeof member.value !== 'string') throw invalidValue(`Attribute 'members[${index}].value' is required`);
  if (member.type === undefined || member.type === 'User' || member.type === 'Group') return member;
  const type = MEMBER_TYPES.find((t) => typeof member.type === 'string' && lower(t) === lower(member.type));
  if (!type) throw invalidValue(`Attribute 'members[${index}].type' must be "User" or "Group"; got ${JSON.stringify(member.type)}`);
  return { ...member, type };
}

/**
 * Group members: every element needs a `value`, `type` is spelled "User" / "Group" (RFC 7643 §4.2), duplicates by
 * value collapse to the first, and the canonical Group always has a `members` array (empty when none) because
 * Entra expects `"members": []` back from a create (docs/entra-compatibility.md §32) and the patch engine relies on it.
 */
export function canonicalizeMembers(rs: ResourceSchema, values: JsonObject): void {
  if (rs.core.id !== GROUP_SCHEMA) return;
  const members = Array.isArray(values.members) ? values.members.filter(isObject) : [];
  const seen = new Set<string>();
  const out: JsonObject[] = [];
  members.forEach((m, i) => {
    const member = canonicalMember(m, i);
    if (seen.has(member.value as string)) return;
    seen.add(member.value as string);
    out.push(member);
  });
  values.members = out;
}
