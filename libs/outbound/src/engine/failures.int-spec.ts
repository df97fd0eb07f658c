// Failures against real HTTP: a fault-injecting proxy in front of a scimmy target (own process).
import { until } from '@scim-hub/testing';
import { startScimTarget, type ScimTarget } from '@scim-hub/testing/scim-target';
import type { JsonObject } from '@scim-hub/scim';
import {
  openOutboundHarness,
  startFaultProxy,
  TARGET_TOKEN,
  targetDefinition,
  type FaultProxy,
  type OutboundHarness,
} from '../testing';

const userNames = async (target: ScimTarget) => new Set((await target.list('Users')).map((u) => String(u['userName'])));
const isCreateOf = (userName: string) => (r: { method: string; path: string; body: string }) =>
  r.method === 'POST' && r.path.endsWith('/Users') && r.body.includes(`"${userName}"`);

describe('outbound failures', () => {
  let harness: OutboundHarness;
  let target: ScimTarget;
  let proxy: FaultProxy;

  beforeEach(async () => {
    harness = await openOutboundHarness();
    target = await startScimTarget({ token: TARGET_TOKEN });
    proxy = await startFaultProxy(target.baseUrl);
    harness.targets.set(targetDefinition({ id: 't1', baseUrl: proxy.baseUrl }));
  });
  afterEach(async () => {
    await harness.close();
    await proxy.stop();
    await target.stop();
  });

  it('honours 429 Retry-After: 2 (no call to the target before it has passed)', async () => {
    proxy.inject({ when: isCreateOf('slow@example.com'), status: 429, headers: { 'retry-after': '2' }, times: 1 });
    await harness.startEngine();
    await harness.writer.createUser('u-slow', { userName: 'slow@example.com' });
    await until(async () => (await userNames(target)).has('slow@example.com'), 'user after the 429', 15_000, 50);
    const throttled = proxy.seen.find((r) => r.status === 429)!;
    const next = proxy.seen.find((r) => r.at > throttled.at)!;
    expect(next.at - throttled.at).toBeGreaterThanOrEqual(2000);
    expect(proxy.seen.filter((r) => r.status === 201)).toHaveLength(1);
  });

  it('stops at once while a target has asked to wait (Retry-After: 3600)', async () => {
    proxy.inject({ when: isCreateOf('held@example.com'), status: 429, headers: { 'retry-after': '3600' }, times: 1 });
    const { engine } = await harness.startEngine();
    await harness.writer.createUser('u-held', { userName: 'held@example.com' });
    await until(() => proxy.seen.some((r) => r.status === 429), 'throttled');
    await engine.stop();
    expect((await engine.status('t1').catch((error: Error) => error.name))).toBe('UnknownTarget');
  });

  it('parks a change the target refuses with 400, delivers the rest, and delivers it on redrive once fixed', async () => {
    proxy.inject({ when: isCreateOf('bad@example.com'), status: 400, body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '400', detail: 'department is required' } });
    const counted = { delivered: 0, parked: 0, failed: 0 };
    const { engine } = await harness.startEngine({
      hooks: { delivered: () => counted.delivered++, parked: () => counted.parked++, failed: () => counted.failed++ },
    });
    for (let i = 0; i < 10; i++) await harness.writer.createUser(`u-${i}`, { userName: `u${i}@example.com` });
    await harness.writer.createUser('u-bad', { userName: 'bad@example.com' });
    await harness.writer.createUser('u-after', { userName: 'after@example.com' });
    // The target holds a user as soon as it has answered; the engine's hooks run once the answer is back, so wait for them too.
    const hooksRan = () => counted.delivered >= 11 && counted.parked >= 1 && counted.failed >= 1;
    await until(async () => (await engine.parked('t1')).length === 1 && (await userNames(target)).size === 11 && hooksRan(), 'parked one, delivered the rest', 20_000, 50);
    const [parked] = await engine.parked('t1');
    expect(parked).toMatchObject({ resourceType: 'Users', sourceId: 'u-bad', answer: { status: 400 } });
    expect(parked?.answer.detail).toContain('department is required');
    expect(await engine.resourceStatus('t1', 'Users', 'u-bad')).toMatchObject({ delivered: false, parked: true, lastAnswer: { status: 400 } });
    expect((await engine.status('t1')).parked).toBe(1);
    expect(counted).toEqual({ delivered: 11, parked: 1, failed: 1 });

    // A later change of the parked resource waits behind it; other resources keep flowing.
    await harness.writer.updateUser('u-bad', { attribute: 'displayName', value: 'Fixed Later' });
    await harness.writer.createUser('u-flow', { userName: 'flow@example.com' });
    await until(async () => (await userNames(target)).has('flow@example.com'), 'other resources flow', 20_000, 50);
    expect((await userNames(target)).has('bad@example.com')).toBe(false);

    proxy.heal();
    expect(await engine.redrive('t1', { resourceType: 'Users', sourceId: 'u-bad' })).toEqual({ redriven: 1, delivered: 1, parkedAgain: 0 });
    const bad = (await target.list('Users')).find((u) => u['userName'] === 'bad@example.com') as JsonObject;
    expect(bad['displayName']).toBe('Fixed Later');
    expect(await engine.parked('t1')).toEqual([]);
    expect(await engine.resourceStatus('t1', 'Users', 'u-bad')).toMatchObject({ delivered: true, targetId: bad['id'], parked: false });
  });

  it('quarantines a target that refuses connections, probes it, and converges with nothing lost once it is back', async () => {
    const quarantine: boolean[] = [];
    const { engine } = await harness.startEngine({ hooks: { quarantine: (e) => quarantine.push(e.quarantined) } });
    await harness.writer.createUser('u-first', { userName: 'first@example.com' });
    await until(async () => (await userNames(target)).has('first@example.com'), 'first user', 20_000, 50);
    await proxy.down();
    for (let i = 0; i < 20; i++) await harness.writer.createUser(`u-${i}`, { userName: `u${i}@example.com` });
    await until(async () => (await engine.status('t1')).quarantine !== undefined, 'quarantined', 20_000, 50);
    const status = await engine.status('t1');
    expect(status.lagEvents).toBeGreaterThan(0);
    expect(status.lastError?.detail).toMatch(/ECONNREFUSED/);
    await until(async () => ((await engine.status('t1')).quarantine?.probes ?? 0) >= 2, 'probed twice', 20_000, 50);
    await proxy.up();
    await until(async () => (await userNames(target)).size === 21, 'converged after the outage', 15_000, 50);
    await until(async () => (await engine.status('t1')).lagEvents === 0, 'caught up', 20_000, 50);
    expect((await engine.status('t1')).quarantine).toBeUndefined();
    expect(quarantine).toEqual([true, false]);
    expect(await engine.parked('t1')).toEqual([]);
    expect((await target.stats()).userCreates).toBe(21);
  });

  it('quarantines a target that refuses our credentials (401), and resumes once it accepts them', async () => {
    proxy.inject({ when: () => true, status: 401 });
    const { engine } = await harness.startEngine();
    for (let i = 0; i < 5; i++) await harness.writer.createUser(`u-${i}`, { userName: `u${i}@example.com` });
    await until(async () => (await engine.status('t1')).quarantine !== undefined, 'quarantined');
    expect((await engine.status('t1')).lastError?.status).toBe(401);
    expect(await engine.parked('t1')).toEqual([]);
    proxy.heal();
    await until(async () => (await engine.status('t1')).lagEvents === 0 && (await target.stats()).userCreates === 5, 'converged once accepted');
    expect((await engine.status('t1')).quarantine).toBeUndefined();
  });

  it('probes a quarantine that survived a restart even when no change is waiting', async () => {
    const state = harness.openState();
    const since = new Date().toISOString();
    await state.saveQuarantine('t1', { since, reason: 'connection refused', probes: 3, nextProbeAt: since });
    const { engine } = await harness.startEngine();
    await until(async () => (await engine.status('t1')).quarantine === undefined, 'released after a successful probe');
    expect(proxy.seen.some((r) => r.path.endsWith('/Users?startIndex=1&count=1') && r.status === 200)).toBe(true);
  });

  it('keeps delivering to a healthy target while another one is down (separate loops)', async () => {
    const other = await startFaultProxy(target.baseUrl);
    await other.down();
    harness.targets.set(targetDefinition({ id: 't2', baseUrl: other.baseUrl }));
    const { engine } = await harness.startEngine();
    for (let i = 0; i < 10; i++) await harness.writer.createUser(`u-${i}`, { userName: `u${i}@example.com` });
    // t1's cursor is saved just after its deliveries: wait for it too, not only for the target's users.
    await until(
      async () => (await userNames(target)).size === 10 && (await engine.status('t1')).lagEvents === 0 && (await engine.status('t2')).quarantine !== undefined,
      't1 delivered and caught up, t2 quarantined',
      20_000,
      50,
    );
    expect((await engine.status('t2')).lagEvents).toBe(10);
    await other.stop();
  });

  it('converges with no duplicate creates when the engine is stopped mid-delivery and a new one takes over', async () => {
    proxy.latencyMs = 20;
    for (let i = 0; i < 40; i++) await harness.writer.createUser(`u-${i}`, { userName: `u${i}@example.com` });
    const first = await harness.startEngine({ batchSize: 500 });
    await until(async () => (await target.stats()).userCreates >= 5, 'some users delivered', 20_000, 50);
    await first.engine.stop();
    const midway = (await target.stats()).userCreates;
    expect(midway).toBeLessThan(40);
    expect(await first.state.cursor('t1')).toBeUndefined();
    proxy.latencyMs = 0;
    await harness.startEngine();
    await until(async () => (await target.stats()).userCreates === 40, 'all users delivered', 20_000, 50);
    const creates = Object.values(await target.creates());
    expect(creates).toHaveLength(40);
    expect(creates.every((count) => count === 1)).toBe(true);
  });

  it('creates nothing twice even when the delivery state is lost (match before create)', async () => {
    for (let i = 0; i < 10; i++) await harness.writer.createUser(`u-${i}`, { userName: `u${i}@example.com`, externalId: `e${i}` });
    await harness.writer.createGroup('g-1', 'Team', ['u-1', 'u-2']);
    const first = await harness.startEngine();
    await until(async () => (await target.list('Groups')).length === 1 && (await userNames(target)).size === 10, 'delivered', 20_000, 50);
    await first.engine.stop();
    await first.state.dropTarget('t1');
    await harness.writer.updateUser('u-1', { attribute: 'displayName', value: 'One' });
    const second = await harness.startEngine();
    await until(async () => (await second.engine.status('t1')).lagEvents === 0, 'caught up', 20_000, 50);
    expect(await target.stats()).toMatchObject({ userCreates: 10, groupCreates: 1 });
    expect((await target.list('Users')).find((u) => u['userName'] === 'u1@example.com')?.['displayName']).toBe('One');
    expect(await second.engine.resourceStatus('t1', 'Users', 'u-1')).toMatchObject({ delivered: true });
  });
});
