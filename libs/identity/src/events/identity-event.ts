import type { JsonValue, MemberRef, ScimResource } from '@scim-hub/scim';

/**
 * A change to one top-level attribute: `attribute` is the canonical name (`emails`, `name`) or
 * `<extension URN>:<name>` for extension attributes. `value` absent = the attribute was removed.
 */
export interface AttributeChange {
  attribute: string;
  value?: JsonValue;
}

/**
 * Facts about users and groups. Every event type is past tense and versioned (schemaVersion on the record).
 * There is no "Replaced" event: a PUT is recorded as the minimal deltas (UserUpdated, UserDeactivated,
 * GroupMembersAdded …) so that subscribers never have to diff whole resources. `GroupCreated.data.resource`
 * never holds `members`; they travel in `data.members`.
 */
export type IdentityEvent =
  | { type: 'UserCreated'; data: { id: string; resource: ScimResource } }
  | { type: 'UserUpdated'; data: { changes: AttributeChange[] } }
  | { type: 'UserDeactivated'; data: Record<string, never> }
  | { type: 'UserReactivated'; data: Record<string, never> }
  | { type: 'UserDeleted'; data: Record<string, never> }
  | { type: 'GroupCreated'; data: { id: string; resource: ScimResource; members: MemberRef[] } }
  | { type: 'GroupUpdated'; data: { changes: AttributeChange[] } }
  | { type: 'GroupMembersAdded'; data: { members: MemberRef[] } }
  | { type: 'GroupMembersRemoved'; data: { values: string[] } }
  | { type: 'GroupDeleted'; data: Record<string, never> };

/** The type names of identity events. */
export type IdentityEventType = IdentityEvent['type'];

/** Current schema version of every identity event type; bump when a payload changes and add an upcaster. */
export const IDENTITY_EVENT_VERSION: Record<IdentityEventType, number> = {
  UserCreated: 1,
  UserUpdated: 1,
  UserDeactivated: 1,
  UserReactivated: 1,
  UserDeleted: 1,
  GroupCreated: 1,
  GroupUpdated: 1,
  GroupMembersAdded: 1,
  GroupMembersRemoved: 1,
  GroupDeleted: 1,
};

/** Stream id of a resource: `<tenant>/User/<id>` or `<tenant>/Group/<id>` (docs/architecture.md). */
export function resourceStreamId(tenant: string, resourceType: 'User' | 'Group', id: string): string {
  return `${tenant}/${resourceType}/${id}`;
}

/** The events of a User stream. */
export type UserEvent = Extract<IdentityEvent, { type: `User${string}` }>;

/** The events of a Group stream. */
export type GroupEvent = Extract<IdentityEvent, { type: `Group${string}` }>;
