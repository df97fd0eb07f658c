import { createInMemoryEventStore } from '@scim-hub/event-store/memory';
import { MetricsService } from '@scim-hub/platform';
import { NO_OUTBOUND_ENGINE, type OutboundControl, parseTargetBody, SecretCipher, TargetRegistry } from '@scim-hub/targets';
import { randomBytes } from 'node:crypto';
import { registerOutboundMetrics } from './outbound.metrics';

const body = (id: string, tenant = 'default') => parseTargetBody({ id, tenant, baseUrl: 'http://127.0.0.1:9/scim', auth: { type: 'bearer', token: 'token-of-the-target' } });

describe('outbound metrics', () => {
  it('exposes per-target gauges from the engine status, and drops removed targets', async () => {
    const store = createInMemoryEventStore();
    const registry = await TargetRegistry.open(store, new SecretCipher(randomBytes(32)));
    await registry.add(body('a'), { actor: 'test' });
    await registry.add(body('b', 'acme'), { actor: 'test' });
    const status = jest.fn(async (id: string) => ({
      id,
      enabled: true,
      lag: { events: id === 'a' ? 7 : 0, seconds: 1.5 },
      inFlight: 2,
      parked: 1,
      quarantine: { quarantined: id === 'b' },
    }));
    const control: OutboundControl = { ...NO_OUTBOUND_ENGINE, status };
    const metrics = new MetricsService();
    // Reuse the status for a whole minute: one scrape must need only one status call per target.
    const sink = registerOutboundMetrics(metrics, registry, () => control, 60_000);
    sink.deliveries.inc({ target: 'a', resource_type: 'Users', outcome: 'delivered' });
    const text = (await metrics.scrape()).body;
    expect(text).toContain('outbound_targets{tenant="default",enabled="true"} 1');
    expect(text).toContain('outbound_lag_events{target="a"} 7');
    expect(text).toContain('outbound_lag_seconds{target="b"} 1.5');
    expect(text).toContain('outbound_quarantined{target="b"} 1');
    expect(text).toContain('outbound_parked{target="a"} 1');
    expect(text).toContain('outbound_deliveries_total{target="a",resource_type="Users",outcome="delivered"} 1');
    expect(status).toHaveBeenCalledTimes(2);
    await registry.close();
    await store.close();
  });

  it('drops the series of a removed target at the next scrape', async () => {
    const store = createInMemoryEventStore();
    const registry = await TargetRegistry.open(store, new SecretCipher(randomBytes(32)));
    await registry.add(body('a'), { actor: 'test' });
    const status = async (id: string) => ({ id, enabled: true, lag: { events: 7, seconds: 0 }, inFlight: 0, parked: 0, quarantine: { quarantined: false } });
    const metrics = new MetricsService();
    registerOutboundMetrics(metrics, registry, () => ({ ...NO_OUTBOUND_ENGINE, status }), 0);
    expect((await metrics.scrape()).body).toContain('outbound_lag_events{target="a"} 7');
    await registry.remove('a', { actor: 'test' });
    const after = (await metrics.scrape()).body;
    expect(after).not.toContain('target="a"');
    expect(after).not.toContain('outbound_targets{tenant="default"');
    await registry.close();
    await store.close();
  });

  it('leaves the status gauges empty while no engine runs', async () => {
    const store = createInMemoryEventStore();
    const registry = await TargetRegistry.open(store, new SecretCipher(randomBytes(32)));
    await registry.add(body('a'), { actor: 'test' });
    const metrics = new MetricsService();
    registerOutboundMetrics(metrics, registry, () => NO_OUTBOUND_ENGINE);
    const text = (await metrics.scrape()).body;
    expect(text).toContain('outbound_targets{tenant="default",enabled="true"} 1');
    expect(text).not.toContain('outbound_lag_events{');
    await registry.close();
    await store.close();
  });
});
