// References between resources carry ids, and ids differ between the hub and a target: group members and a
// user's manager (RFC 7643 §4.3, enterprise extension) are translated through the target's id map. A
// reference the target cannot resolve yet is left out and deferred until the referenced resource arrives.
import { ENTERPRISE_USER_SCHEMA, type JsonObject, type MemberRef, type ScimResource } from '@scim-hub/scim';
import type { TargetResourceType } from '../target.definition';

const isObject = (value: unknown): value is JsonObject => !!value && typeof value === 'object' && !Array.isArray(value);

function managerOf(resource: JsonObject | undefined): string | undefined {
  const extension = resource?.[ENTERPRISE_USER_SCHEMA];
  const manager = isObject(extension) ? extension['manager'] : undefined;
  const value = isObject(manager) ? manager['value'] : typeof manager === 'string' ? manager : undefined;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Source ids a resource refers to: a group's members, a user's manager. */
export function referencedIds(resourceType: TargetResourceType, resource: ScimResource | undefined): string[] {
  if (resourceType === 'Groups') return ((resource?.['members'] ?? []) as unknown as MemberRef[]).map((member) => member.value);
  const manager = managerOf(resource);
  return manager ? [manager] : [];
}

/**
 * A user body with its manager reference in the target's ids (the hub's `$ref` and `displayName` describe the
 * hub's resource, so only `value` is sent); an unresolved manager is left out and returned as waiting.
 */
export function withTargetManager(body: JsonObject, targetIds: ReadonlyMap<string, string>): { body: JsonObject; waiting: string[] } {
  const manager = managerOf(body);
  if (!manager) return { body, waiting: [] };
  const extension = { ...(body[ENTERPRISE_USER_SCHEMA] as JsonObject) };
  const targetId = targetIds.get(manager);
  if (targetId) extension['manager'] = { value: targetId };
  else delete extension['manager'];
  const { [ENTERPRISE_USER_SCHEMA]: _old, ...rest } = body;
  const next = Object.keys(extension).length > 0 ? { ...rest, [ENTERPRISE_USER_SCHEMA]: extension } : rest;
  return { body: next, waiting: targetId ? [] : [manager] };
}
