import { createInMemoryEventStore } from '@scim-hub/event-store/memory';
import type { NewEvent } from '@scim-hub/event-store';
import { MemorySubjectKeyStore } from '../testing';
import { protectPersonalData } from './protected-event-store';
import { openText } from './sealed-data';

// Counts decryptions; each still runs the real code.
jest.mock('./sealed-data', () => {
  const actual = jest.requireActual<typeof import('./sealed-data')>('./sealed-data');
  return { ...actual, openText: jest.fn(actual.openText) };
});

const meta = { tenant: 'acme', time: '2025-01-01T00:00:00.000Z' };
const event = (type: string, data: object, id = `e-${Math.random()}`): NewEvent => ({ id, type, schemaVersion: 1, data: data as NewEvent['data'], metadata: meta });

const dump = async (store: { readAll(): Promise<unknown[]> }) => JSON.stringify(await store.readAll(), (_k, v) => (typeof v === 'bigint' ? String(v) : v));

async function setup() {
  const inner = createInMemoryEventStore();
  const keys = new MemorySubjectKeyStore();
  const store = await protectPersonalData(inner, keys);
  return { inner, keys, store };
}

describe('protectPersonalData', () => {
  it('stores user events sealed and reads them back in clear; other streams stay in clear', async () => {
    const { inner, store } = await setup();
    await store.appendToStream('acme/User/u1', 'no_stream', [event('UserCreated', { id: 'u1', resource: { userName: 'alice@example.com' } })]);
    await store.appendToStream('acme/Group/g1', 'no_stream', [event('GroupCreated', { id: 'g1', resource: { displayName: 'Sales' }, members: [] })]);
    expect((await dump(inner))).not.toContain('alice@example.com');
    expect((await dump(inner))).toContain('Sales');
    expect((await store.readStream('acme/User/u1'))[0].data).toEqual({ id: 'u1', resource: { userName: 'alice@example.com' } });
    expect((await store.readAll())[0].data).toEqual({ id: 'u1', resource: { userName: 'alice@example.com' } });
  });

  it('tells the key store a subject is fresh only when its stream is appended to as no_stream', async () => {
    const inner = createInMemoryEventStore();
    const keys = new MemorySubjectKeyStore();
    const asked = jest.spyOn(keys, 'keyFor');
    const store = await protectPersonalData(inner, keys);
    await store.appendMulti([{ streamId: 'acme/User/u1', expectedRevision: 'no_stream', events: [event('UserCreated', { id: 'u1', resource: {} })] }]);
    const later = await protectPersonalData(inner, keys); // a process whose key cache is empty
    await later.appendToStream('acme/User/u1', 0, [event('UserAttributesReplaced', { id: 'u1', resource: {} })]);
    expect(asked.mock.calls.filter(([subject]) => subject === 'acme/User/u1')).toEqual([['acme/User/u1', true], ['acme/User/u1', false]]);
  });

  it('hashes the value in reservation stream ids and keeps the caller’s id in results', async () => {
    const { inner, store } = await setup();
    const [result] = await store.appendMulti([
      { streamId: 'acme/Unique/userName/alice%40example.com', expectedRevision: 'no_stream', events: [event('UniqueValueClaimed', { owner: 'u1' })] },
    ]);
    expect(result.streamId).toBe('acme/Unique/userName/alice%40example.com');
    expect((await dump(inner))).not.toContain('alice');
    expect((await store.readStream('acme/Unique/userName/alice%40example.com')).map((e) => e.data)).toEqual([{ owner: 'u1' }]);
    await expect(store.appendToStream('acme/Unique/userName/alice%40example.com', 'no_stream', [event('UniqueValueClaimed', { owner: 'u2' })])).rejects.toThrow();
  });

  it('reads events as erased once the key is destroyed, in the shape the domain can still fold', async () => {
    const { store } = await setup();
    await store.appendToStream('acme/User/u1', 'no_stream', [
      event('UserCreated', { id: 'u1', resource: { userName: 'alice' } }),
      event('UserUpdated', { changes: [{ attribute: 'displayName', value: 'Alice' }] }),
      event('UserDeleted', {}),
    ]);
    expect(await store.destroyKey('acme/User/u1')).toBe(true);
    expect((await store.readStream('acme/User/u1')).map((e) => e.data)).toEqual([
      { erased: true, id: 'u1', resource: {} },
      { erased: true, changes: [] },
      { erased: true },
    ]);
  });

  it('opens events in a subscription batch before the handler sees them', async () => {
    const { store } = await setup();
    const seen: unknown[] = [];
    const subscription = store.subscribe({ handle: (events) => void seen.push(...events.map((e) => e.data)) });
    const result = await store.appendToStream('acme/User/u1', 'no_stream', [event('UserCreated', { id: 'u1', resource: { userName: 'bob' } })]);
    await subscription.waitFor(result.position);
    await subscription.stop();
    expect(seen).toEqual([{ id: 'u1', resource: { userName: 'bob' } }]);
  });

  it('decrypts a recent event at most once: what it sealed not at all, what another process sealed once', async () => {
    const { inner, keys, store } = await setup();
    const other = await protectPersonalData(inner, keys); // another process on the same log and keys
    const decrypt = jest.mocked(openText);
    decrypt.mockClear();
    await store.appendToStream('acme/User/u1', 'no_stream', [event('UserCreated', { id: 'u1', resource: { userName: 'carol' } })]);
    await other.appendToStream('acme/User/u2', 'no_stream', [event('UserCreated', { id: 'u2', resource: { userName: 'erin' } })]);
    for (let read = 0; read < 3; read++) {
      expect((await store.readAll()).map((e) => e.data)).toEqual([
        { id: 'u1', resource: { userName: 'carol' } },
        { id: 'u2', resource: { userName: 'erin' } },
      ]);
    }
    expect(decrypt).toHaveBeenCalledTimes(1);
  });

  it('forgets the texts of a subject whose key is destroyed or forgotten', async () => {
    const { keys, store } = await setup();
    await store.appendToStream('acme/User/u1', 'no_stream', [event('UserCreated', { id: 'u1', resource: { userName: 'carol' } })]);
    await keys.destroy('acme/User/u1'); // by another process: this one holds the key and the text until told
    expect((await store.readStream('acme/User/u1'))[0].data).toEqual({ id: 'u1', resource: { userName: 'carol' } });
    store.forgetKey('acme/User/u1');
    expect((await store.readStream('acme/User/u1'))[0].data).toEqual({ erased: true, id: 'u1', resource: {} });
  });

  it('gives each reader its own copy of an opened event', async () => {
    const { store } = await setup();
    await store.appendToStream('acme/User/u1', 'no_stream', [event('UserCreated', { id: 'u1', resource: { userName: 'dave' } })]);
    const [first] = await store.readStream('acme/User/u1');
    (first.data as { resource: { userName: string } }).resource.userName = 'changed by a reader';
    expect((await store.readStream('acme/User/u1'))[0].data).toEqual({ id: 'u1', resource: { userName: 'dave' } });
  });

  describe("a group's member display texts", () => {
    const members = [
      { value: 'u1', type: 'User', display: 'Alice Personal' },
      { value: 'u2', type: 'User' },
      { value: 'g2', type: 'Group', display: 'Sales Team' },
    ];

    async function withUsers() {
      const setUpStore = await setup();
      for (const id of ['u1', 'u2']) await setUpStore.store.appendToStream(`acme/User/${id}`, 'no_stream', [event('UserCreated', { id, resource: {} })]);
      return setUpStore;
    }

    it("are sealed with the member user's key and read back in clear; a group member's name stays in clear", async () => {
      const { inner, keys, store } = await withUsers();
      await store.appendToStream('acme/Group/g1', 'no_stream', [event('GroupCreated', { id: 'g1', resource: { displayName: 'All' }, members })]);
      await store.appendToStream('acme/Group/g1', 0, [event('GroupMembersAdded', { members: [{ value: 'u2', type: 'User', display: 'Bob Personal' }] })]);
      expect(await dump(inner)).not.toMatch(/Alice Personal|Bob Personal/);
      expect(await dump(inner)).toContain('Sales Team');
      const expected = [
        { id: 'g1', resource: { displayName: 'All' }, members },
        { members: [{ value: 'u2', type: 'User', display: 'Bob Personal' }] },
      ];
      expect((await store.readStream('acme/Group/g1')).map((e) => e.data)).toEqual(expected);
      const fresh = await protectPersonalData(inner, keys); // another process: no key cached
      const find = jest.spyOn(keys, 'find');
      expect((await fresh.readAll()).slice(2).map((e) => e.data)).toEqual(expected);
      expect(find.mock.calls.map(([subjects]) => [...subjects].sort())).toEqual([['acme/User/u1', 'acme/User/u2']]);
    });

    it("lose the text, never the member, once the user's key is destroyed", async () => {
      const { store } = await withUsers();
      await store.appendToStream('acme/Group/g1', 'no_stream', [event('GroupCreated', { id: 'g1', resource: { displayName: 'All' }, members })]);
      await store.destroyKey('acme/User/u1');
      expect((await store.readStream('acme/Group/g1'))[0].data).toEqual({
        id: 'g1',
        resource: { displayName: 'All' },
        members: [{ value: 'u1', type: 'User' }, { value: 'u2', type: 'User' }, { value: 'g2', type: 'Group', display: 'Sales Team' }],
      });
    });

    it('are not stored for a user whose key is gone when the group is written', async () => {
      const { inner, store } = await withUsers();
      await store.destroyKey('acme/User/u1');
      await store.appendToStream('acme/Group/g1', 'no_stream', [event('GroupCreated', { id: 'g1', resource: { displayName: 'All' }, members })]);
      expect(await dump(inner)).not.toContain('Alice Personal');
      expect((await store.readStream('acme/Group/g1'))[0].data).toMatchObject({ members: [{ value: 'u1', type: 'User' }, { value: 'u2' }, { value: 'g2' }] });
    });

    it('cannot be moved to another member: the text is bound to its event and member', async () => {
      const { inner, store } = await withUsers();
      const evil = createInMemoryEventStore();
      await store.appendToStream('acme/Group/g1', 'no_stream', [event('GroupCreated', { id: 'g1', resource: {}, members })]);
      const [stored] = await inner.readStream('acme/Group/g1');
      const sealed = (stored.data as { members: { display: unknown }[] }).members[0].display;
      const moved = { value: 'u2', type: 'User', display: sealed };
      await evil.appendToStream('acme/Group/g1', 'no_stream', [{ ...event('GroupCreated', { id: 'g1', resource: {}, members: [moved] }), id: stored.id }]);
      await expect(store.openEvents(await evil.readAll())).rejects.toThrow();
    });
  });
});

