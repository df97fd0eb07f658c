import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { EventStore, NewEvent, Position } from '@scim-hub/event-store';
import { openSqliteEventStore } from '@scim-hub/event-store/sqlite';
import { IDENTITY_EVENT_VERSION, resourceStreamId, type IdentityEvent } from '@scim-hub/identity';
import { rebuildReadModel, startProjector, type ProjectorLag } from './projector';
import type { ReadModel } from './read-model.port';
import { openSqliteReadModel } from './sqlite';
import { group, groupsOf, snapshot, user } from './testing';

function newEvent(event: IdentityEvent): NewEvent {
  return {
    id: randomUUID(),
    type: event.type,
    schemaVersion: IDENTITY_EVENT_VERSION[event.type],
    data: event.data as NewEvent['data'],
    metadata: { tenant: 'acme', time: new Date().toISOString() },
  };
}

async function append(store: EventStore, type: 'User' | 'Group', id: string, ...events: IdentityEvent[]): Promise<Position> {
  const result = await store.appendToStream(resourceStreamId('acme', type, id), 'any', events.map(newEvent));
  return result.position;
}

describe('projector (SQLite event store → SQLite read model, real files)', () => {
  let dir: string;
  let store: EventStore;
  let readModel: ReadModel;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'scim-projector-'));
    store = await openSqliteEventStore({ file: join(dir, 'events.db') });
    readModel = await openSqliteReadModel({ file: join(dir, 'read-model.db') });
  });
  afterEach(async () => {
    await readModel.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('projects appends so that a reader who waits for its append position sees its own write', async () => {
    const subscription = await startProjector(store, readModel);
    try {
      await append(store, 'User', 'u1', { type: 'UserCreated', data: { id: 'u1', resource: user('alice') } });
      const reserved = await store.appendToStream('acme/Unique/userName/alice', 'no_stream', [
        { id: randomUUID(), type: 'UniqueValueClaimed', schemaVersion: 1, data: { owner: 'u1' }, metadata: { tenant: 'acme', time: new Date().toISOString() } },
      ]);
      const position = await append(store, 'Group', 'g1', { type: 'GroupCreated', data: { id: 'g1', resource: group('G'), members: [{ value: 'u1', type: 'User' }] } });
      await subscription.waitFor(position, 10_000);

      expect((await readModel.getResource('acme', 'User', 'u1', { includeMembers: false }))?.resource.userName).toBe('alice');
      expect(await groupsOf(readModel, 'acme', 'u1')).toEqual([{ value: 'g1', display: 'G', type: 'direct' }]);
      expect(await readModel.checkpoint()).toEqual(position);
      expect(reserved.position.commit < position.commit || reserved.position.prepare < position.prepare).toBe(true);
    } finally {
      await subscription.stop();
    }
  });

  it('resumes from the read model checkpoint after a restart without applying an event twice', async () => {
    await append(store, 'Group', 'g1', { type: 'GroupCreated', data: { id: 'g1', resource: group('G'), members: [] } });
    let subscription = await startProjector(store, readModel);
    await subscription.waitFor(await append(store, 'Group', 'g1', { type: 'GroupMembersAdded', data: { members: [{ value: 'u1' }] } }), 10_000);
    await subscription.stop();

    const position = await append(store, 'Group', 'g1', { type: 'GroupMembersAdded', data: { members: [{ value: 'u2' }] } });
    subscription = await startProjector(store, readModel);
    expect(subscription.position).toBeDefined();
    await subscription.waitFor(position, 10_000);
    await subscription.stop();

    const g1 = await readModel.getResource('acme', 'Group', 'g1', { includeMembers: true });
    expect(g1?.version).toBe(2);
    expect(g1?.resource.members).toEqual([{ value: 'u1' }, { value: 'u2' }]);
  });

  it('reports lag while catching up and none once caught up', async () => {
    for (let i = 0; i < 7; i++) await append(store, 'User', `u${i}`, { type: 'UserCreated', data: { id: `u${i}`, resource: user(`user${i}`) } });
    const head = await append(store, 'User', 'u0', { type: 'UserDeactivated', data: {} });
    const lags: ProjectorLag[] = [];
    const subscription = await startProjector(store, readModel, { batchSize: 3, onLag: (lag) => lags.push(lag) });
    await subscription.waitFor(head, 10_000);
    await subscription.stop();

    expect(lags[0]).toMatchObject({ eventsBehind: 5, eventsBehindCapped: false });
    expect(lags[0].secondsBehind).toBeGreaterThanOrEqual(0);
    expect(lags.at(-1)).toEqual({ eventsBehind: 0, eventsBehindCapped: false, secondsBehind: 0 });
  });

  it('retries a batch whose projection failed and reports the error', async () => {
    const errors: unknown[] = [];
    let failures = 1;
    const project = async (events: Parameters<ReadModel['project']>[0]) => {
      if (failures-- > 0) throw new Error('disk full');
      await readModel.project(events);
    };
    const flaky = new Proxy(readModel, {
      get: (target, key) => (key === 'project' ? project : (target as any)[key].bind(target)),
    });
    const subscription = await startProjector(store, flaky, { onError: (e) => errors.push(e) });
    const position = await append(store, 'User', 'u1', { type: 'UserCreated', data: { id: 'u1', resource: user('alice') } });
    await subscription.waitFor(position, 10_000);
    await subscription.stop();

    expect(errors).toEqual([new Error('disk full')]);
    expect(await readModel.getResource('acme', 'User', 'u1', { includeMembers: false })).toBeDefined();
  });

  it('rebuilds the read model from the whole log to the same state', async () => {
    await append(store, 'User', 'u1', { type: 'UserCreated', data: { id: 'u1', resource: user('alice') } });
    await append(store, 'Group', 'g1', { type: 'GroupCreated', data: { id: 'g1', resource: group('G'), members: [{ value: 'u1' }] } });
    const head = await append(store, 'User', 'u1', { type: 'UserUpdated', data: { changes: [{ attribute: 'title', value: 'CTO' }] } });
    const subscription = await startProjector(store, readModel);
    await subscription.waitFor(head, 10_000);
    await subscription.stop();
    const before = await snapshot(readModel, ['acme']);

    expect(await rebuildReadModel(store, readModel, 2)).toBe(3);
    expect(await snapshot(readModel, ['acme'])).toEqual(before);
  });
});
