// Row → port type mapping shared by both adapters. SQLite hands back TEXT and INTEGER, PostgreSQL JSONB
// objects, int8 strings and booleans; both end up as the same StoredResource.
import type { MemberRef, ScimResource } from '@scim-hub/scim';
import type { StoredResource, UserGroupRef } from '../read-model.port';

/** The resource columns every read selects. */
export interface ResourceRowOut {
  id: string;
  doc: unknown;
  version: unknown;
  created: unknown;
  last_modified: unknown;
  /** A user's groups as [id, display, direct] tuples, when the read asked for them (JSON text on SQLite). */
  groups?: unknown;
}

/** The membership columns every member read selects. */
export interface MemberRowOut {
  member_id: string;
  member_type: string | null;
  display: string | null;
}

/**
 * Converts a resource row (and its members, when they were read) into a StoredResource. An empty member
 * list stays absent, as in the domain's canonical form (RFC 7643 §2.5: empty multi-valued = unassigned).
 */
export function toStoredResource(row: ResourceRowOut, members?: MemberRef[]): StoredResource {
  // The row's document is this read's own object (parsed here, or by the pg driver): it is completed in place.
  const resource = (typeof row.doc === 'string' ? JSON.parse(row.doc) : row.doc) as ScimResource;
  resource.id = row.id;
  if (members?.length) resource.members = members as never;
  const stored: StoredResource = {
    resource,
    version: Number(row.version),
    created: toIsoText(row.created),
    lastModified: toIsoText(row.last_modified),
  };
  if (row.groups !== undefined) stored.groups = toUserGroups(row.groups);
  return stored;
}

// PostgreSQL's json_agg of no rows is NULL; SQLite's json_group_array is '[]'.
function toUserGroups(value: unknown): UserGroupRef[] {
  const tuples = (typeof value === 'string' ? JSON.parse(value) : (value ?? [])) as [string, string | null, unknown][];
  return tuples.map(([id, display, direct]) => ({
    value: id,
    ...(display === null ? {} : { display }),
    type: Number(direct) === 1 ? 'direct' : 'indirect',
  }));
}

/** Converts a membership row into the member reference of RFC 7643 §4.2 (`$ref` is added by the HTTP layer). */
export function toMemberRef(row: MemberRowOut): MemberRef {
  const member: MemberRef = { value: row.member_id };
  if (row.member_type === 'User' || row.member_type === 'Group') member.type = row.member_type;
  if (row.display !== null && row.display !== undefined) member.display = row.display;
  return member;
}

function toIsoText(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}
