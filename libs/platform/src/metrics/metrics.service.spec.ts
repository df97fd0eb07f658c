import { MetricsService } from './metrics.service';
import { eventStoreAppendDuration, readModelLag } from './store.metrics';

describe('MetricsService', () => {
  it('keeps one registry per instance, so two apps do not share counters', async () => {
    const a = new MetricsService();
    const b = new MetricsService();
    a.observeRequest('/scim/v2/Users', 'GET', 200, 0.01);
    expect((await a.scrape()).body).toContain('http_requests_total{route="/scim/v2/Users",method="GET",status="200"} 1');
    expect((await b.scrape()).body).not.toContain('route="/scim/v2/Users"');
  });

  it('returns the same metric when registered twice (modules may ask independently)', () => {
    const metrics = new MetricsService();
    expect(eventStoreAppendDuration(metrics)).toBe(eventStoreAppendDuration(metrics));
    expect(readModelLag(metrics).events).toBe(readModelLag(metrics).events);
    expect(metrics.counter('x_total', 'x')).toBe(metrics.counter('x_total', 'x'));
  });

  it('exposes the store and read-model metrics under their documented names', async () => {
    const metrics = new MetricsService();
    eventStoreAppendDuration(metrics).observe({ store: 'sqlite' }, 0.002);
    const lag = readModelLag(metrics);
    lag.events.set({ projection: 'scim' }, 7);
    lag.seconds.set({ projection: 'scim' }, 1.5);
    const { body, contentType } = await metrics.scrape();
    expect(contentType).toMatch(/^text\/plain/);
    expect(body).toContain('event_store_append_duration_seconds_bucket{le="0.0025",store="sqlite"} 1');
    expect(body).toContain('read_model_lag_events{projection="scim"} 7');
    expect(body).toContain('read_model_lag_seconds{projection="scim"} 1.5');
    expect(body).toContain('http_request_duration_seconds');
  });
});
