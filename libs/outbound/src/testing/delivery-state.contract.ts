// One contract suite for every DeliveryStateStore adapter: each adapter's int-spec calls it with a factory.
import type { DeliveredResource, DeliveryStateStore, ParkedChange } from '../state/delivery-state.port';

/** A fresh, empty store and how to throw it away. */
export interface DeliveryStateFixture {
  store: DeliveryStateStore;
  /** Opens a second store over the same data (proves persistence). */
  reopen(): Promise<DeliveryStateStore>;
  dispose(): Promise<void>;
}

const alice: DeliveredResource = {
  resourceType: 'Users',
  sourceId: 'u-1',
  targetId: 't-1',
  body: { userName: 'alice', name: { givenName: 'Alice' }, active: true },
  lastAttemptAt: '2026-01-01T00:00:00.000Z',
  lastAnswer: { status: 201 },
};

const parkedChange = (sourceId: string, commit: bigint): ParkedChange => ({
  resourceType: 'Users',
  sourceId,
  position: { commit, prepare: commit },
  parkedAt: '2026-01-01T00:00:00.000Z',
  answer: { status: 400, detail: '{"detail":"bad"}' },
  attempts: 1,
});

/** Registers the delivery-state contract for one adapter. */
export function deliveryStateContract(open: () => Promise<DeliveryStateFixture>): void {
  let fixture: DeliveryStateFixture;
  let store: DeliveryStateStore;
  beforeEach(async () => {
    fixture = await open();
    store = fixture.store;
  });
  afterEach(() => fixture.dispose());

  it('keeps a cursor per target, persisted across reopening', async () => {
    expect(await store.cursor('a')).toBeUndefined();
    await store.saveCursor('a', { commit: 12n, prepare: 12n });
    await store.saveCursor('a', { commit: 2n ** 40n, prepare: 7n });
    await store.saveCursor('b', { commit: 3n, prepare: 3n });
    const again = await fixture.reopen();
    expect(await again.cursor('a')).toEqual({ commit: 2n ** 40n, prepare: 7n });
    expect(await again.cursor('b')).toEqual({ commit: 3n, prepare: 3n });
    await again.resetCursor('a');
    expect(await store.cursor('a')).toBeUndefined();
    expect(await store.cursor('b')).toEqual({ commit: 3n, prepare: 3n });
  });

  it('stores, replaces and lists resource records per target and type', async () => {
    await store.saveResource('a', alice);
    await store.saveResource('a', { ...alice, body: { userName: 'alice2' } });
    await store.saveResource('b', { ...alice, targetId: 'other' });
    await store.saveResource('a', { resourceType: 'Groups', sourceId: 'g-1', targetId: 'tg-1', members: ['t-1'] });
    expect(await store.resource('a', 'Users', 'u-1')).toEqual({ ...alice, body: { userName: 'alice2' } });
    expect(await store.resource('a', 'Groups', 'u-1')).toBeUndefined();
    expect((await store.resources('a', 'Groups')).map((r) => r.members)).toEqual([['t-1']]);
    expect((await store.resources('b', 'Users')).map((r) => r.targetId)).toEqual(['other']);
  });

  it('maps source ids to target ids, leaving out resources not on the target', async () => {
    await store.saveResource('a', alice);
    await store.saveResource('a', { resourceType: 'Users', sourceId: 'u-2', deprovisioned: true });
    const ids = await store.targetIds('a', 'Users', ['u-1', 'u-2', 'u-3']);
    expect([...ids]).toEqual([['u-1', 't-1']]);
    expect((await store.targetIds('a', 'Users', [])).size).toBe(0);
  });

  it('replaces what a resource waits for and finds the resources waiting for one', async () => {
    await store.setDeferred('a', 'Groups/g-1', ['u-1', 'u-2']);
    await store.setDeferred('a', 'Users/u-7', ['u-2']);
    await store.setDeferred('b', 'Groups/g-9', ['u-2']);
    expect(await store.waitingFor('a', 'u-2')).toEqual(['Groups/g-1', 'Users/u-7']);
    await store.setDeferred('a', 'Groups/g-1', ['u-1']);
    expect(await store.waitingFor('a', 'u-2')).toEqual(['Users/u-7']);
    await store.setDeferred('a', 'Groups/g-1', []);
    expect(await store.waitingFor('a', 'u-1')).toEqual([]);
  });

  it('parks one change per resource, lists them in log order, unparks', async () => {
    await store.park('a', parkedChange('u-2', 9n));
    await store.park('a', parkedChange('u-1', 4n));
    await store.park('a', { ...parkedChange('u-1', 5n), attempts: 2 });
    expect((await store.parked('a')).map((p) => [p.sourceId, p.position.commit, p.attempts])).toEqual([
      ['u-1', 5n, 2],
      ['u-2', 9n, 1],
    ]);
    expect(await store.isParked('a', 'Users', 'u-1')).toBe(true);
    await store.unpark('a', 'Users', 'u-1');
    expect(await store.isParked('a', 'Users', 'u-1')).toBe(false);
    expect(await store.parked('b')).toEqual([]);
    expect((await store.parked('a'))[0]?.answer).toEqual({ status: 400, detail: '{"detail":"bad"}' });
  });

  it('sets and lifts a quarantine', async () => {
    const state = { since: '2026-01-01T00:00:00.000Z', reason: 'connection refused', probes: 2, nextProbeAt: '2026-01-01T00:01:00.000Z' };
    await store.saveQuarantine('a', state);
    expect(await (await fixture.reopen()).quarantine('a')).toEqual(state);
    await store.saveQuarantine('a', undefined);
    expect(await store.quarantine('a')).toBeUndefined();
  });

  it('forgets everything about a dropped target and nothing about the others', async () => {
    await store.saveCursor('a', { commit: 1n, prepare: 1n });
    await store.saveResource('a', alice);
    await store.saveResource('b', alice);
    await store.setDeferred('a', 'Groups/g', ['u']);
    await store.park('a', parkedChange('u-1', 1n));
    await store.saveQuarantine('a', { since: 'x', reason: 'y', probes: 0, nextProbeAt: 'z' });
    await store.dropTarget('a');
    expect(await store.cursor('a')).toBeUndefined();
    expect(await store.resource('a', 'Users', 'u-1')).toBeUndefined();
    expect(await store.waitingFor('a', 'u')).toEqual([]);
    expect(await store.parked('a')).toEqual([]);
    expect(await store.quarantine('a')).toBeUndefined();
    expect(await store.resource('b', 'Users', 'u-1')).toEqual(alice);
  });
}
