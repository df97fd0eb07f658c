// Writes identity events into a real event store as the write side records them (the identity lib's event
// types and versions, tenant metadata, one stream per resource), for tests that need a log to deliver.
import { randomUUID } from 'node:crypto';
import type { AppendResult, EventStore } from '@scim-hub/event-store';
import { resourceStreamId, toNewEvents, type AttributeChange, type IdentityEvent } from '@scim-hub/identity';
import { GROUP_SCHEMA, USER_SCHEMA, type MemberRef, type ScimResource } from '@scim-hub/scim';

/** Appends identity events for one tenant. */
export class IdentityWriter {
  constructor(
    private readonly store: EventStore,
    readonly tenant = 'default',
  ) {}

  /** Appends events to a resource's stream. */
  async append(resourceType: 'User' | 'Group', id: string, ...events: IdentityEvent[]): Promise<AppendResult> {
    const metadata = { tenant: this.tenant, time: new Date().toISOString(), requestId: randomUUID() };
    const newEvents = toNewEvents(events, metadata).map((event) => ({ ...event, id: randomUUID() }));
    return this.store.appendToStream(resourceStreamId(this.tenant, resourceType, id), 'any', newEvents);
  }

  /** UserCreated with a core-schema resource. */
  createUser(id: string, resource: Omit<ScimResource, 'schemas'>): Promise<AppendResult> {
    return this.append('User', id, { type: 'UserCreated', data: { id, resource: { schemas: [USER_SCHEMA], active: true, ...resource } } });
  }

  /** UserUpdated with the given attribute changes (value absent = removed). */
  updateUser(id: string, ...changes: AttributeChange[]): Promise<AppendResult> {
    return this.append('User', id, { type: 'UserUpdated', data: { changes } });
  }

  /** UserDeactivated. */
  deactivateUser(id: string): Promise<AppendResult> {
    return this.append('User', id, { type: 'UserDeactivated', data: {} });
  }

  /** UserDeleted. */
  deleteUser(id: string): Promise<AppendResult> {
    return this.append('User', id, { type: 'UserDeleted', data: {} });
  }

  /** GroupCreated with members. */
  createGroup(id: string, displayName: string, memberIds: string[] = []): Promise<AppendResult> {
    const members: MemberRef[] = memberIds.map((value) => ({ value, type: 'User' }));
    return this.append('Group', id, { type: 'GroupCreated', data: { id, resource: { schemas: [GROUP_SCHEMA], displayName }, members } });
  }

  /** GroupMembersAdded. */
  addMembers(id: string, memberIds: string[]): Promise<AppendResult> {
    return this.append('Group', id, { type: 'GroupMembersAdded', data: { members: memberIds.map((value) => ({ value, type: 'User' as const })) } });
  }

  /** GroupMembersRemoved. */
  removeMembers(id: string, memberIds: string[]): Promise<AppendResult> {
    return this.append('Group', id, { type: 'GroupMembersRemoved', data: { values: memberIds } });
  }

  /** GroupUpdated with the given attribute changes. */
  updateGroup(id: string, ...changes: AttributeChange[]): Promise<AppendResult> {
    return this.append('Group', id, { type: 'GroupUpdated', data: { changes } });
  }

  /** GroupDeleted. */
  deleteGroup(id: string): Promise<AppendResult> {
    return this.append('Group', id, { type: 'GroupDeleted', data: {} });
  }
}
