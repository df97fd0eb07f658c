// The relay's at-least-once rules with an in-memory store and a publisher that can refuse: the checkpoint
// moves only after the bus acknowledged, a refused batch is published again, a standby waits for the lease.
import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@scim-hub/event-store';
import { createInMemoryEventStore } from '@scim-hub/event-store/memory';
import { until } from '@scim-hub/testing';
import type { BusPublisher } from '../bus.port';
import type { RelayLease } from './relay-lease';
import { singleProcessLease } from './relay-lease';
import { startRelay } from './relay';

const event = (n: number) => ({ id: randomUUID(), type: 'Tested', schemaVersion: 1, data: { n }, metadata: { tenant: 't', time: new Date(0).toISOString() } });

class FlakyPublisher implements BusPublisher {
  readonly published: RecordedEvent[] = [];
  refuseNext = 0;
  async publish(events: readonly RecordedEvent[]): Promise<void> {
    if (this.refuseNext > 0) {
      this.refuseNext--;
      throw new Error('broker refused');
    }
    this.published.push(...events);
  }
  async close(): Promise<void> {}
}

describe('relay', () => {
  it('checkpoints only acknowledged batches and publishes a refused batch again', async () => {
    const store = createInMemoryEventStore();
    await store.appendToStream('t/User/a', 'no_stream', [event(0), event(1), event(2)]);
    const publisher = Object.assign(new FlakyPublisher(), { refuseNext: 1 });
    const errors: unknown[] = [];
    const relay = startRelay({ store, publisher, lease: singleProcessLease(), checkpointName: 'relay:t', onError: (e) => errors.push(e) });
    await until(() => publisher.published.length === 3, 'the batch published after the refusal', 10_000);
    expect(errors).toHaveLength(1);
    const all = await store.readAll({});
    await until(async () => (await store.checkpoints.load('relay:t'))?.commit === all[2].position.commit, 'checkpoint stored');
    expect(publisher.published.map((e) => e.id)).toEqual(all.map((e) => e.id));
    await relay.stop();
    await store.close();
  });

  it('resumes after its checkpoint on restart, publishing nothing twice that was checkpointed', async () => {
    const store = createInMemoryEventStore();
    await store.appendToStream('t/User/a', 'no_stream', [event(0), event(1)]);
    const first = new FlakyPublisher();
    const relay = startRelay({ store, publisher: first, lease: singleProcessLease(), checkpointName: 'relay:t' });
    await until(async () => (await store.checkpoints.load('relay:t')) !== undefined && first.published.length === 2, 'first relay done');
    await relay.stop();
    await store.appendToStream('t/User/a', 1, [event(2)]);
    const second = new FlakyPublisher();
    const restarted = startRelay({ store, publisher: second, lease: singleProcessLease(), checkpointName: 'relay:t' });
    await until(() => second.published.length === 1, 'the new event published');
    expect(second.published[0].data).toEqual({ n: 2 });
    await restarted.stop();
    await store.close();
  });

  it('publishes nothing until it holds the lease', async () => {
    const store = createInMemoryEventStore();
    await store.appendToStream('t/User/a', 'no_stream', [event(0)]);
    let grant: (() => void) | undefined;
    const lease: RelayLease = { acquire: () => new Promise<void>((resolve) => (grant = resolve)), onLost: () => undefined, release: async () => undefined };
    const publisher = new FlakyPublisher();
    const relay = startRelay({ store, publisher, lease, checkpointName: 'relay:t' });
    await until(() => grant !== undefined, 'the relay asked for the lease');
    await store.readAll({}); // a turn through the store: a relay that ignored the lease would have read by now
    expect(publisher.published).toEqual([]);
    expect(relay.position).toBeUndefined();
    grant!();
    await relay.active;
    await until(() => publisher.published.length === 1, 'published once the lease is held');
    await relay.stop();
    await store.close();
  });
});
