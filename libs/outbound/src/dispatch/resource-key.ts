// Which resource an event belongs to, from its stream id `<tenant>/User/<id>` or `<tenant>/Group/<id>`.
import type { TargetResourceType } from '../target.definition';

/** One source resource of a tenant. */
export interface ResourceKey {
  resourceType: TargetResourceType;
  sourceId: string;
}

/** The stream prefixes of a tenant's users and groups (everything else, e.g. `<tenant>/Unique/…`, is skipped). */
export function tenantPrefixes(tenant: string): string[] {
  return [`${tenant}/User/`, `${tenant}/Group/`];
}

/** The resource a stream holds, or undefined for any other stream. */
export function resourceKeyOf(tenant: string, streamId: string): ResourceKey | undefined {
  const [userPrefix, groupPrefix] = tenantPrefixes(tenant) as [string, string];
  if (streamId.startsWith(userPrefix)) return { resourceType: 'Users', sourceId: streamId.slice(userPrefix.length) };
  if (streamId.startsWith(groupPrefix)) return { resourceType: 'Groups', sourceId: streamId.slice(groupPrefix.length) };
  return undefined;
}

/** The stream of a resource. */
export function streamOf(tenant: string, key: ResourceKey): string {
  return `${tenant}/${key.resourceType === 'Users' ? 'User' : 'Group'}/${key.sourceId}`;
}

/** A map key for a resource: `Users/<id>` or `Groups/<id>`. */
export function keyString(key: ResourceKey): string {
  return `${key.resourceType}/${key.sourceId}`;
}

/** The resource of a `keyString`. */
export function parseKeyString(text: string): ResourceKey {
  const cut = text.indexOf('/');
  return { resourceType: text.slice(0, cut) === 'Groups' ? 'Groups' : 'Users', sourceId: text.slice(cut + 1) };
}
