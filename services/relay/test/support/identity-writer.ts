// Appends a realistic identity history (users, groups, membership deltas) to a real event store, as the
// hub's writer would, so that the read model projected from it has something to compare.
import { randomUUID } from 'node:crypto';
import type { EventStore, Position } from '@scim-hub/event-store';
import { IDENTITY_EVENT_VERSION, resourceStreamId, type IdentityEvent } from '@scim-hub/identity';
import { group, user } from '@scim-hub/read-model/testing';

/** The tenant the writer uses. */
export const TENANT = 'relay-e2e';

async function append(store: EventStore, type: 'User' | 'Group', id: string, event: IdentityEvent): Promise<Position> {
  const metadata = { tenant: TENANT, requestId: randomUUID(), time: new Date().toISOString() };
  const newEvent = { id: randomUUID(), type: event.type, schemaVersion: IDENTITY_EVENT_VERSION[event.type], data: event.data, metadata };
  const result = await store.appendToStream(resourceStreamId(TENANT, type, id), 'any', [newEvent as never]);
  return result.position;
}

/**
 * Appends `users` users; after every tenth, a group holding the last ten, then adds a member to the
 * previous group. Calls `progress` after each append; resolves with the last position and the event count.
 */
export async function writeIdentityHistory(
  store: EventStore,
  users: number,
  progress: (appended: number) => void = () => undefined,
): Promise<{ last: Position; count: number }> {
  let last: Position = { commit: 0n, prepare: 0n };
  let count = 0;
  const step = async (type: 'User' | 'Group', id: string, event: IdentityEvent) => {
    last = await append(store, type, id, event);
    progress(++count);
  };
  for (let i = 0; i < users; i++) {
    await step('User', `u${i}`, { type: 'UserCreated', data: { id: `u${i}`, resource: { ...user(`user${i}`), id: `u${i}` } } } as IdentityEvent);
    if (i % 10 !== 9) continue;
    const g = (i - 9) / 10;
    const members = Array.from({ length: 10 }, (_, k) => ({ value: `u${i - k}`, type: 'User' as const }));
    await step('Group', `g${g}`, { type: 'GroupCreated', data: { id: `g${g}`, resource: { ...group(`Group ${g}`), id: `g${g}` }, members } } as IdentityEvent);
    if (g > 0) await step('Group', `g${g - 1}`, { type: 'GroupMembersAdded', data: { members: [{ value: `u${i}`, type: 'User' }] } } as IdentityEvent);
  }
  return { last, count };
}
