// Renders a snapshot in SCIM form, as GET /scim/v2/<type>/<id> renders the live resource: schemas, meta
// (version W/"<revision>", RFC 7643 §3.1) and the default attribute selection (RFC 7644 §3.4.2.5).
import { presentMemberRefs, resourceMeta, selectAttributes, type ResourceSchema, type ScimResource } from '@scim-hub/scim';
import type { AuditedResourceType } from '../index-model/audited-stream';
import type { ResourceSnapshot } from './point-in-time';

/** The endpoint of each resource type (RFC 7643 §6). */
const ENDPOINTS: Record<AuditedResourceType, string> = { User: '/Users', Group: '/Groups' };

/** The snapshot as a SCIM resource; an erased user is its id, meta and `erased: true`. */
export function presentSnapshot(snapshot: ResourceSnapshot, type: AuditedResourceType, schema: ResourceSchema, scimBaseUrl: string): ScimResource {
  const id = String(snapshot.resource.id);
  const meta = resourceMeta({
    resourceType: type,
    endpoint: ENDPOINTS[type],
    id,
    baseUrl: scimBaseUrl,
    created: snapshot.created,
    lastModified: snapshot.lastModified,
    revision: snapshot.version,
  });
  if (snapshot.erased) return { schemas: [schema.core.id], id, erased: true, meta };
  // Like the live GET: members with $ref and type; a group without members leaves the attribute out (RFC 7643 §2.5).
  const stored = snapshot.resource['members'];
  const members: Partial<ScimResource> = Array.isArray(stored) ? { members: presentMemberRefs(stored, scimBaseUrl) as unknown as ScimResource[string] } : {};
  const resource: ScimResource = { schemas: snapshot.resource.schemas ?? [schema.core.id], ...snapshot.resource, ...members, id, meta };
  return selectAttributes(resource, schema, {});
}
