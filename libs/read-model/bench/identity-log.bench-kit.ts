// Writes a realistic identity log for the replay benchmark: per 100 users one group; each user is created
// (with emails), updated three times and deactivated; each group gets its 100 members added in 10 deltas.
import { randomUUID } from 'node:crypto';
import type { AppendRequest, EventStore, NewEvent } from '@scim-hub/event-store';
import { IDENTITY_EVENT_VERSION, resourceStreamId, type IdentityEvent } from '@scim-hub/identity';

const TENANT = 'bench';
const USERS_PER_GROUP = 100;
// 100 users × 5 events + 1 GroupCreated + 10 GroupMembersAdded.
const EVENTS_PER_BLOCK = USERS_PER_GROUP * 5 + 11;

function newEvent(event: IdentityEvent): NewEvent {
  return {
    id: randomUUID(),
    type: event.type,
    schemaVersion: IDENTITY_EVENT_VERSION[event.type],
    data: event.data as NewEvent['data'],
    metadata: { tenant: TENANT, requestId: randomUUID(), actor: 'tok_bench', time: new Date().toISOString() },
  };
}

function userStream(id: string): AppendRequest {
  const resource = {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: `${id}@bench.example`,
    name: { givenName: 'Bench', familyName: id },
    emails: [{ value: `${id}@bench.example`, type: 'work', primary: true }],
    active: true,
  };
  const events: IdentityEvent[] = [
    { type: 'UserCreated', data: { id, resource } },
    { type: 'UserUpdated', data: { changes: [{ attribute: 'title', value: 'Engineer' }] } },
    { type: 'UserUpdated', data: { changes: [{ attribute: 'displayName', value: `Bench ${id}` }] } },
    { type: 'UserUpdated', data: { changes: [{ attribute: 'title', value: 'Staff Engineer' }] } },
    { type: 'UserDeactivated', data: {} },
  ];
  return { streamId: resourceStreamId(TENANT, 'User', id), expectedRevision: 'no_stream', events: events.map(newEvent) };
}

function groupStream(id: string, members: string[]): AppendRequest {
  const events: IdentityEvent[] = [{ type: 'GroupCreated', data: { id, resource: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: `Group ${id}` }, members: [] } }];
  for (let i = 0; i < members.length; i += 10) {
    events.push({ type: 'GroupMembersAdded', data: { members: members.slice(i, i + 10).map((value) => ({ value, type: 'User' })) } });
  }
  return { streamId: resourceStreamId(TENANT, 'Group', id), expectedRevision: 'no_stream', events: events.map(newEvent) };
}

/** Appends about `count` events (whole blocks of 511) and returns how many it appended. */
export async function writeIdentityLog(store: EventStore, count: number): Promise<number> {
  const blocks = Math.max(1, Math.round(count / EVENTS_PER_BLOCK));
  for (let b = 0; b < blocks; b++) {
    const users = Array.from({ length: USERS_PER_GROUP }, (_, u) => `u${b}-${u}`);
    await store.appendMulti([...users.map(userStream), groupStream(`g${b}`, users)]);
  }
  return blocks * EVENTS_PER_BLOCK;
}
