// Several processes over one delivery state: the lease `outbound:<target id>` decides who delivers. Two engines
// share one lease table (as two hub replicas share PostgreSQL); only the holder calls the target, and when it
// stops the standby takes over without creating anything twice.
import { LocalProjectionLeases } from '@scim-hub/event-store/projections';
import { until } from '@scim-hub/testing';
import { startScimTarget, type ScimTarget } from '@scim-hub/testing/scim-target';
import { openOutboundHarness, TARGET_TOKEN, targetDefinition, type OutboundHarness } from '../testing';

describe('outbound leases', () => {
  let harness: OutboundHarness;
  let target: ScimTarget;

  beforeEach(async () => {
    harness = await openOutboundHarness();
    target = await startScimTarget({ token: TARGET_TOKEN });
    harness.targets.set(targetDefinition({ id: 't1', baseUrl: target.baseUrl }));
  });
  afterEach(async () => {
    await harness.close();
    await target.stop();
  });

  it('lets one engine deliver while the other stands by, and hands the target over when the holder stops', async () => {
    const leases = new LocalProjectionLeases();
    const delivered = { first: 0, second: 0 };
    const first = await harness.startEngine({ leases, leaseRetryMs: 20, hooks: { delivered: () => delivered.first++ } });
    const second = await harness.startEngine({ leases, leaseRetryMs: 20, hooks: { delivered: () => delivered.second++ } });
    expect((await first.engine.status('t1')).running).toBe(true);
    expect((await second.engine.status('t1')).running).toBe(false);

    await harness.writer.createUser('u-1', { userName: 'one@example.com' });
    await until(async () => (await target.list('Users')).length === 1, 'the first user on the target', 15_000, 20);
    expect(delivered).toEqual({ first: 1, second: 0 });

    await first.engine.stop();
    await until(async () => (await second.engine.status('t1')).running, 'the standby to take the lease', 15_000, 20);
    await harness.writer.createUser('u-2', { userName: 'two@example.com' });
    await until(async () => (await target.list('Users')).length === 2, 'the second user on the target', 15_000, 20);
    expect(delivered.second).toBeGreaterThanOrEqual(1);
    expect((await target.list('Users')).map((u) => u['userName']).sort()).toEqual(['one@example.com', 'two@example.com']);
  });
});
