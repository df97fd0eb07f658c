import { Writable } from 'node:stream';
import { MetricsService, createLogger } from '@scim-hub/platform';
import { reportingHooks } from './projections.composition';

describe('projection reporting hooks', () => {
  it('shows a poisoned projection in the metrics and as an error log line with its position', async () => {
    const lines: string[] = [];
    const logger = createLogger('info', new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));
    const metrics = new MetricsService();
    const hooks = reportingHooks({ logger, metrics, shutdown: { register: () => undefined } })!;

    hooks.onError!('audit', new TypeError('bad event'), '12:3');
    hooks.onPoisoned!('audit', new TypeError('bad event'), '12:3');
    hooks.onStatus!({ name: 'audit', state: 'stopped', source: 'log', position: '11:1', lagEvents: 4, lagEventsCapped: false, lagSeconds: 2.5 });

    const { body } = await metrics.scrape();
    expect(body).toContain('projection_state{projection="audit",state="stopped"} 1');
    expect(body).toContain('projection_state{projection="audit",state="running"} 0');
    expect(body).toContain('projection_errors_total{projection="audit"} 1');
    expect(body).toContain('read_model_lag_events{projection="audit"} 4');
    const poisoned = lines.map((l) => JSON.parse(l)).find((l) => l.msg.includes('poisoned'));
    expect(poisoned).toMatchObject({ level: 50, projection: 'audit', position: '12:3', err: expect.objectContaining({ message: 'bad event' }) });
  });
});
