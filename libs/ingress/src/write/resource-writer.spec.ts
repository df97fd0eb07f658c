import { createInMemoryEventStore } from '@scim-hub/event-store/memory';
import type { EventStore } from '@scim-hub/event-store';
import { GROUP_SCHEMA, isScimError, USER_SCHEMA } from '@scim-hub/scim';
import { ResourceWriter } from './resource-writer';
import type { WriteContext } from './write-context';
import type { WriteIntent } from './identity-streams';

const ctx: WriteContext = { tenant: 'acme', requestId: 'req-1', actor: 'token-1', clientAddress: '127.0.0.1', userAgent: 'jest' };
const user = (userName: string) => ({ schemas: [USER_SCHEMA], userName, active: true });
const create = (writer: ResourceWriter, id: string, userName: string) =>
  writer.execute(ctx, 'User', id, { kind: 'create', id, resource: user(userName) });

async function outcomes(promises: Promise<unknown>[]) {
  const settled = await Promise.allSettled(promises);
  const ok = settled.filter((s) => s.status === 'fulfilled').length;
  const conflicts = settled.filter((s) => s.status === 'rejected' && isScimError(s.reason) && s.reason.status === 409).length;
  return { ok, conflicts, other: settled.length - ok - conflicts };
}

describe('ResourceWriter', () => {
  let store: EventStore;
  beforeEach(() => {
    store = createInMemoryEventStore();
  });
  afterEach(() => store.close());

  it('records the audit metadata on every event', async () => {
    await create(new ResourceWriter(store, () => new Date('2026-01-02T03:04:05.000Z')), 'u1', 'alice');
    const [event] = await store.readStream('acme/User/u1');
    expect(event.type).toBe('UserCreated');
    expect(event.metadata).toEqual({
      tenant: 'acme',
      requestId: 'req-1',
      causationId: 'req-1',
      actor: 'token-1',
      clientAddress: '127.0.0.1',
      userAgent: 'jest',
      time: '2026-01-02T03:04:05.000Z',
    });
  });

  it('lets exactly one of 50 concurrent creates of one userName (any case) win, across two writers', async () => {
    const a = new ResourceWriter(store);
    const b = new ResourceWriter(store); // a second process: no shared in-memory lock
    const names = Array.from({ length: 50 }, (_, i) => (i % 2 ? 'Race@Example.com' : 'race@example.COM'));
    const result = await outcomes(names.map((n, i) => create(i % 2 ? a : b, `u${i}`, n)));
    expect(result).toEqual({ ok: 1, conflicts: 49, other: 0 });
  });

  it('frees a userName on delete and moves the claim on rename', async () => {
    const writer = new ResourceWriter(store);
    await create(writer, 'u1', 'alice');
    await writer.execute(ctx, 'User', 'u1', { kind: 'patch', operations: [{ op: 'replace', path: 'userName', value: 'alicia' }] });
    await create(writer, 'u2', 'alice');
    await expect(create(writer, 'u3', 'ALICIA')).rejects.toMatchObject({ status: 409, scimType: 'uniqueness' });
    await writer.execute(ctx, 'User', 'u1', { kind: 'delete' });
    await expect(create(writer, 'u3', 'ALICIA')).resolves.toMatchObject({ id: 'u3' });
  });

  it('a create skips reading its new stream, yet an id whose stream exists is still refused as before', async () => {
    const reads: string[] = [];
    const counting = new Proxy(store, {
      get: (target, key) => (key === 'readStream' ? (id: string, o?: object) => (reads.push(id), target.readStream(id, o)) : Reflect.get(target, key)),
    });
    const writer = new ResourceWriter(counting);
    await create(writer, 'u1', 'alice');
    expect(reads.filter((id) => id.startsWith('acme/User/'))).toEqual([]);
    // Same id again (only a bug could do that): the append's no_stream expectation fails, the retry reads the stream.
    await expect(create(new ResourceWriter(counting), 'u1', 'bob')).rejects.toMatchObject({ status: 409 });
    expect(reads).toContain('acme/User/u1');
    expect(await store.readStream('acme/User/u1')).toHaveLength(1);
  });

  it('does not read the reservation of a userName it holds and keeps, until the user is written from elsewhere', async () => {
    const reads: string[] = [];
    const counting = new Proxy(store, {
      get: (target, key) => (key === 'readStream' ? (id: string, o?: object) => (reads.push(id), target.readStream(id, o)) : Reflect.get(target, key)),
    });
    const writer = new ResourceWriter(counting);
    const title = (value: string): WriteIntent => ({ kind: 'patch', operations: [{ op: 'replace', path: 'title', value }] });
    const reservationReads = () => reads.filter((id) => id.startsWith('acme/Unique/')).length;
    await create(writer, 'u1', 'alice');
    await writer.execute(ctx, 'User', 'u1', title('a'));
    await writer.execute(ctx, 'User', 'u1', title('b'));
    expect(reservationReads()).toBe(0);
    await new ResourceWriter(store).execute(ctx, 'User', 'u1', title('from another process'));
    await writer.execute(ctx, 'User', 'u1', title('c'));
    expect(reservationReads()).toBe(1);
    // A rename reads the value it claims, and the name it leaves is free again.
    await writer.execute(ctx, 'User', 'u1', { kind: 'patch', operations: [{ op: 'replace', path: 'userName', value: 'alicia' }] });
    await expect(create(writer, 'u2', 'alice')).resolves.toMatchObject({ id: 'u2' });
    await expect(create(writer, 'u3', 'Alicia')).rejects.toMatchObject({ status: 409, scimType: 'uniqueness' });
  });

  it('refuses a stale If-Match with 412 and accepts the current revision', async () => {
    const writer = new ResourceWriter(store);
    const created = await create(writer, 'u1', 'alice');
    const patch: WriteIntent = { kind: 'patch', operations: [{ op: 'replace', path: 'title', value: 'x' }] };
    const next = await writer.execute(ctx, 'User', 'u1', patch, [created.revision]);
    expect(next.revision).toBe(created.revision + 1);
    await expect(writer.execute(ctx, 'User', 'u1', patch, [created.revision])).rejects.toMatchObject({ status: 412 });
  });

  it('appends nothing for a PATCH that changes nothing', async () => {
    const writer = new ResourceWriter(store);
    const created = await create(writer, 'u1', 'alice');
    const same = await writer.execute(ctx, 'User', 'u1', { kind: 'patch', operations: [{ op: 'replace', path: 'active', value: 'True' }] });
    expect(same).toEqual({ id: 'u1', revision: created.revision, position: undefined });
    expect(await store.readStream('acme/User/u1')).toHaveLength(1);
  });

  it('sees writes made by another writer (no stale cache)', async () => {
    const a = new ResourceWriter(store);
    const b = new ResourceWriter(store);
    await create(a, 'u1', 'alice');
    await b.execute(ctx, 'User', 'u1', { kind: 'patch', operations: [{ op: 'replace', path: 'title', value: 'from b' }] });
    const viaA = await a.execute(ctx, 'User', 'u1', { kind: 'patch', operations: [{ op: 'replace', path: 'nickName', value: 'from a' }] });
    expect(viaA.revision).toBe(2);
  });

  describe('deciding on the state kept in memory', () => {
    const title = (value: string): WriteIntent => ({ kind: 'patch', operations: [{ op: 'replace', path: 'title', value }] });
    const readsOf = (reads: string[]) => reads.filter((id) => id === 'acme/User/u1').length;
    const counting = (reads: string[]) =>
      new Proxy(store, {
        get: (target, key) => (key === 'readStream' ? (id: string, o?: object) => (reads.push(id), target.readStream(id, o)) : Reflect.get(target, key)),
      });

    it('does not read the stream of a resource it wrote last; a state made stale elsewhere is refused by the append and decided again', async () => {
      const reads: string[] = [];
      const a = new ResourceWriter(counting(reads));
      await create(a, 'u1', 'alice');
      await a.execute(ctx, 'User', 'u1', title('a'));
      expect(readsOf(reads)).toBe(0);
      await new ResourceWriter(store).execute(ctx, 'User', 'u1', { kind: 'patch', operations: [{ op: 'replace', path: 'nickName', value: 'from b' }] });
      const viaA = await a.execute(ctx, 'User', 'u1', title('c'));
      expect(viaA.revision).toBe(3);
      expect(readsOf(reads)).toBeGreaterThan(0);
      expect(viaA.decided?.resource).toMatchObject({ title: 'c', nickName: 'from b' });
    });

    it('decides a PATCH that would change nothing on the stale state again on the stream, where it does change something', async () => {
      const a = new ResourceWriter(store);
      await create(a, 'u1', 'alice');
      await a.execute(ctx, 'User', 'u1', title('x'));
      await new ResourceWriter(store).execute(ctx, 'User', 'u1', title('y'));
      const viaA = await a.execute(ctx, 'User', 'u1', title('x'));
      expect(viaA.revision).toBe(3);
      expect(viaA.decided?.resource).toMatchObject({ title: 'x' });
      expect(await store.readStream('acme/User/u1')).toHaveLength(4);
    });

    it('checks an If-Match against the stream as stored, not against a stale state', async () => {
      const a = new ResourceWriter(store);
      const created = await create(a, 'u1', 'alice');
      const byB = await new ResourceWriter(store).execute(ctx, 'User', 'u1', title('from b'));
      await expect(a.execute(ctx, 'User', 'u1', title('current'), [byB.revision])).resolves.toMatchObject({ revision: byB.revision + 1 });
      await expect(a.execute(ctx, 'User', 'u1', title('stale'), [created.revision])).rejects.toMatchObject({ status: 412 });
    });
  });

  it('compensates claims when the store cannot append to several streams atomically', async () => {
    let failResourceAppend = true;
    const plain: EventStore = Object.create(store, {
      capabilities: { value: { atomicMultiStreamAppend: false } },
      appendToStream: {
        value: (streamId: string, ...rest: Parameters<EventStore['appendToStream']> extends [string, ...infer R] ? R : never) => {
          if (failResourceAppend && streamId.includes('/User/')) return Promise.reject(new Error('disk full'));
          return store.appendToStream(streamId, ...rest);
        },
      },
    });
    const writer = new ResourceWriter(plain);
    await expect(create(writer, 'u1', 'bob')).rejects.toThrow('disk full');
    const reservation = await store.readStream('acme/Unique/userName/bob');
    expect(reservation.map((e) => e.type)).toEqual(['UniqueValueClaimed', 'UniqueValueReleased']);
    failResourceAppend = false;
    await expect(create(writer, 'u2', 'bob')).resolves.toMatchObject({ id: 'u2' });
  });

  describe('group members (must be Users or Groups of the same tenant)', () => {
    const group = (id: string, members: object[]) => ({ schemas: [GROUP_SCHEMA], displayName: `G ${id}`, members }) as never;
    const createGroup = (writer: ResourceWriter, id: string, members: object[], tenant = ctx) =>
      writer.execute(tenant, 'Group', id, { kind: 'create', id, resource: group(id, members) });
    const addMembers = (writer: ResourceWriter, id: string, members: object[]) =>
      writer.execute(ctx, 'Group', id, { kind: 'patch', operations: [{ op: 'add', path: 'members', value: members }] });

    it('records each added member with its type, found in the event store', async () => {
      const writer = new ResourceWriter(store);
      await create(writer, 'u1', 'alice');
      await createGroup(writer, 'inner', []);
      await createGroup(writer, 'g1', [{ value: 'u1' }, { value: 'inner' }]);
      const [created] = await store.readStream('acme/Group/g1');
      expect(created.data.members).toEqual([{ value: 'u1', type: 'User' }, { value: 'inner', type: 'Group' }]);
    });

    it('refuses with 400 invalidValue naming the id: a member that exists nowhere, was deleted, or is of another tenant', async () => {
      const writer = new ResourceWriter(store);
      await create(writer, 'u1', 'alice');
      await create(writer, 'u2', 'bob');
      await writer.execute(ctx, 'User', 'u2', { kind: 'delete' });
      await createGroup(writer, 'g1', []);
      for (const value of ['nobody', 'u2']) {
        await expect(addMembers(writer, 'g1', [{ value: 'u1' }, { value }])).rejects.toMatchObject({ status: 400, scimType: 'invalidValue', detail: expect.stringContaining(value) });
      }
      const other = { ...ctx, tenant: 'globex' };
      await expect(createGroup(writer, 'g2', [{ value: 'u1' }], other)).rejects.toMatchObject({ status: 400, scimType: 'invalidValue' });
      await expect(addMembers(writer, 'g1', [{ value: 'u1', type: 'Group' }])).rejects.toMatchObject({ status: 400, detail: expect.stringContaining('u1') });
      expect(await store.readStream('acme/Group/g1')).toHaveLength(1);
      expect(await store.readStream('globex/Group/g2')).toEqual([]);
    });

    it('refuses a member deleted after the check but before the append: the append is conditioned on its stream', async () => {
      let deleteBeforeAppend = true;
      const writer = new ResourceWriter(store);
      const racing: EventStore = Object.create(store, {
        appendMulti: {
          value: async (...args: Parameters<EventStore['appendMulti']>) => {
            if (deleteBeforeAppend) {
              deleteBeforeAppend = false;
              await new ResourceWriter(store).execute(ctx, 'User', 'u1', { kind: 'delete' });
            }
            return store.appendMulti(...args);
          },
        },
      });
      await create(writer, 'u1', 'alice');
      await createGroup(writer, 'g1', []);
      await expect(addMembers(new ResourceWriter(racing), 'g1', [{ value: 'u1' }])).rejects.toMatchObject({ status: 400, scimType: 'invalidValue' });
      expect(await store.readStream('acme/Group/g1')).toHaveLength(1);
    });

    it('without multi-stream transactions, removes a member deleted between the check and the append right after it', async () => {
      let deleteBeforeAppend = true;
      const writer = new ResourceWriter(store);
      const plain: EventStore = Object.create(store, {
        capabilities: { value: { atomicMultiStreamAppend: false } },
        appendToStream: {
          value: async (...args: Parameters<EventStore['appendToStream']>) => {
            if (deleteBeforeAppend && args[0] === 'acme/Group/g1') {
              deleteBeforeAppend = false;
              await writer.execute(ctx, 'User', 'u1', { kind: 'delete' });
            }
            return store.appendToStream(...args);
          },
        },
      });
      await create(writer, 'u1', 'alice');
      await create(writer, 'u2', 'bob');
      await createGroup(writer, 'g1', []);
      const outcome = await addMembers(new ResourceWriter(plain), 'g1', [{ value: 'u1' }, { value: 'u2' }]);
      const events = await store.readStream('acme/Group/g1');
      expect(events.map((e) => e.type)).toEqual(['GroupCreated', 'GroupMembersAdded', 'GroupMembersRemoved']);
      expect(events[2].data).toEqual({ values: ['u1'] });
      expect(outcome.revision).toBe(2);
    });
  });

  it('names the attributes a write ignored in the metadata of its events, never their values', async () => {
    const writer = new ResourceWriter(store);
    await writer.execute({ ...ctx, ignoredAttributes: ['favouriteColour'] }, 'User', 'u1', { kind: 'create', id: 'u1', resource: user('alice') });
    const [event] = await store.readStream('acme/User/u1');
    expect(event.metadata.ignoredAttributes).toEqual(['favouriteColour']);
  });
});

