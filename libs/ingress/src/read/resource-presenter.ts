import type { StoredResource } from '@scim-hub/read-model';
import {
  presentMemberRefs,
  resourceLocation,
  resourceMeta,
  selectAttributes,
  type JsonValue,
  type MemberRef,
  type ResourceSchema,
  type ScimResource,
  type SelectionInput,
} from '@scim-hub/scim';
import { SCIM_BASE_PATH } from '../scim.options';
import type { ResourceType } from '../write/identity-streams';

/** The endpoint of each resource type under the SCIM base path (RFC 7643 §6). */
export const ENDPOINTS: Record<ResourceType, string> = { User: '/Users', Group: '/Groups' };

/** Where a resource lives: its `meta.location` and the `Location` header of a 201 (RFC 7644 §3.3). */
export function locationOf(publicUrl: string, type: ResourceType, id: string): string {
  return resourceLocation(publicUrl + SCIM_BASE_PATH, ENDPOINTS[type], id);
}

/** Group members with `$ref` under this hub's SCIM base URL and `type` (RFC 7643 §4.2). */
export function presentMembers(members: JsonValue[], publicUrl: string): MemberRef[] {
  return presentMemberRefs(members, publicUrl + SCIM_BASE_PATH);
}

/**
 * Renders a stored resource for the wire: `schemas`, `meta` (RFC 7643 §3.1; version = W/"<revision>", docs/architecture.md),
 * then the requested attribute selection (RFC 7644 §3.4.2.5).
 */
export function presentResource(
  stored: StoredResource,
  type: ResourceType,
  schema: ResourceSchema,
  publicUrl: string,
  selection: SelectionInput,
  extra: Partial<ScimResource> = {},
): ScimResource {
  const id = String(stored.resource.id);
  const meta = resourceMeta({
    resourceType: type,
    endpoint: ENDPOINTS[type],
    id,
    baseUrl: publicUrl + SCIM_BASE_PATH,
    created: stored.created,
    lastModified: stored.lastModified,
    revision: stored.version,
  });
  const resource: ScimResource = { schemas: stored.resource.schemas ?? [schema.core.id], ...stored.resource, ...extra, id, meta };
  return selectAttributes(resource, schema, selection);
}
