import { createInMemoryEventStore } from '@scim-hub/event-store/memory';
import { MetricsService, eventStoreAppendDuration } from '@scim-hub/platform';
import { TimedEventStore } from './timed-event-store';

const event = () => ({ id: crypto.randomUUID(), type: 'UserCreated', schemaVersion: 1, data: {}, metadata: { tenant: 't', time: new Date().toISOString() } });

describe('TimedEventStore', () => {
  it('records every append, including a refused one, and passes reads through', async () => {
    const metrics = new MetricsService();
    const store = new TimedEventStore(createInMemoryEventStore(), eventStoreAppendDuration(metrics), 'memory');
    await store.appendToStream('t/User/1', 'no_stream', [event()]);
    await store.appendMulti([{ streamId: 't/User/2', expectedRevision: 'no_stream', events: [event()] }]);
    await expect(store.appendToStream('t/User/1', 'no_stream', [event()])).rejects.toThrow();
    expect(await store.readStream('t/User/1')).toHaveLength(1);
    expect(await store.readAll()).toHaveLength(2);
    const { body } = await metrics.scrape();
    expect(body).toContain('event_store_append_duration_seconds_count{store="memory"} 3');
    await store.close();
  });
});
