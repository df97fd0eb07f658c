import { ENTERPRISE_USER_SCHEMA, normalizeScimDateTime, scimLower, type JsonObject, type JsonValue, type ScimResource } from '@scim-hub/scim';

/** The row of `scim_resources` (a type alias, so it is assignable to Record<string, unknown>); booleans stay booleans (SQLite callers bind them as 1/0), `doc` is JSON text. */
export type ResourceRow = {
  tenant: string;
  resource_type: 'User' | 'Group';
  id: string;
  user_name_ci: string | null;
  external_id: string | null;
  display_name_ci: string | null;
  manager_id: string | null;
  active: boolean | null;
  created: string;
  last_modified: string;
  version: number;
  doc: string;
};

/** One row of `scim_emails` per element of a User's `emails` (ord = position in the array). */
export type EmailRow = {
  tenant: string;
  resource_type: 'User' | 'Group';
  id: string;
  ord: number;
  value_ci: string | null;
  type_ci: string | null;
  is_primary: boolean | null;
  display: string | null;
};

/** One row of `scim_group_members` per distinct member value of a Group. */
export type MemberRow = {
  tenant: string;
  group_id: string;
  member_id: string;
  member_type: string | null;
  display: string | null;
};

/** The rows one resource occupies in the read model. */
export interface ResourceRows {
  resource: ResourceRow;
  emails: EmailRow[];
  members: MemberRow[];
}

/** What the read model knows about a resource beyond its attributes: times (ISO-8601) and stream revision. */
export interface ResourceRowMeta {
  created: string;
  lastModified: string;
  version: number;
}

const str = (v: JsonValue | undefined): string | null => (typeof v === 'string' ? v : null);
const lowerStr = (v: JsonValue | undefined): string | null => (typeof v === 'string' ? scimLower(v) : null);
const bool = (v: JsonValue | undefined): boolean | null => (typeof v === 'boolean' ? v : null);
const isObject = (v: JsonValue | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const objects = (v: JsonValue | undefined): JsonObject[] => (Array.isArray(v) ? v.filter(isObject) : []);

function managerId(resource: ScimResource): string | null {
  const ext = resource[ENTERPRISE_USER_SCHEMA];
  return isObject(ext) && isObject(ext.manager) ? str(ext.manager.value) : null;
}

// `members` live in scim_group_members, `meta` in columns, and a User's `groups` are derived from memberships.
function documentOf(resource: ScimResource, resourceType: 'User' | 'Group'): string {
  const { members: _members, meta: _meta, ...rest } = resource;
  if (resourceType === 'User') delete rest.groups;
  return JSON.stringify(rest);
}

function memberRows(tenant: string, groupId: string, members: JsonValue | undefined): MemberRow[] {
  const byId = new Map<string, MemberRow>();
  for (const m of objects(members)) {
    const memberId = str(m.value);
    if (!memberId || byId.has(memberId)) continue;
    byId.set(memberId, { tenant, group_id: groupId, member_id: memberId, member_type: str(m.type), display: str(m.display) });
  }
  return [...byId.values()];
}

/**
 * Maps a canonical resource to its read-model rows (pure). Times are normalised to ISO-8601 UTC with
 * milliseconds so that their lexical order is time order; `doc` drops `members`, `meta` and (Users) `groups`.
 */
export function resourceRows(tenant: string, resourceType: 'User' | 'Group', resource: ScimResource, meta: ResourceRowMeta): ResourceRows {
  const id = resource.id;
  if (typeof id !== 'string' || id === '') throw new Error('resourceRows: the resource has no id');
  const isUser = resourceType === 'User';
  const row: ResourceRow = {
    tenant,
    resource_type: resourceType,
    id,
    user_name_ci: isUser ? lowerStr(resource.userName) : null,
    external_id: str(resource.externalId),
    display_name_ci: lowerStr(resource.displayName),
    manager_id: isUser ? managerId(resource) : null,
    active: isUser ? bool(resource.active) : null,
    created: normalizeScimDateTime(meta.created) ?? meta.created,
    last_modified: normalizeScimDateTime(meta.lastModified) ?? meta.lastModified,
    version: meta.version,
    doc: documentOf(resource, resourceType),
  };
  const emails: EmailRow[] = isUser
    ? objects(resource.emails).map((e, ord) => ({
        tenant,
        resource_type: resourceType,
        id,
        ord,
        value_ci: lowerStr(e.value),
        type_ci: lowerStr(e.type),
        is_primary: bool(e.primary),
        display: str(e.display),
      }))
    : [];
  return { resource: row, emails, members: isUser ? [] : memberRows(tenant, id, resource.members) };
}

/** The columns of `after` whose values differ from `before` (same resource; the key columns never differ). */
export function changedColumns(before: ResourceRow, after: ResourceRow): (keyof ResourceRow)[] {
  return (Object.keys(after) as (keyof ResourceRow)[]).filter((column) => before[column] !== after[column]);
}

const EMAIL_FIELDS: (keyof EmailRow)[] = ['ord', 'value_ci', 'type_ci', 'is_primary', 'display'];

/** Whether two resources' email rows are the same, row for row (the key columns never differ). */
export function sameEmailRows(before: EmailRow[], after: EmailRow[]): boolean {
  return before.length === after.length && before.every((row, i) => EMAIL_FIELDS.every((field) => row[field] === after[i][field]));
}
