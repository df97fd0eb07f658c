import { until } from '@scim-hub/testing';
import type { Position, RecordedEvent } from '../event-store.port';
import { type LiveFeed, type LiveFeedSource, EsdbSubscription } from './esdb-subscription';

const at = (n: number): Position => ({ commit: BigInt(n), prepare: BigInt(n) });

function event(n: number, streamId = 'acme/User/1'): RecordedEvent {
  return {
    id: `e${n}`,
    type: 'Tested',
    schemaVersion: 1,
    data: {},
    metadata: { tenant: 'acme', time: '2025-01-01T00:00:00.000Z' },
    streamId,
    revision: n,
    position: at(n),
    recordedAt: '2025-01-01T00:00:00.000Z',
  };
}

/** A scripted stand-in for the server's catch-up subscription. */
class FakeSource implements LiveFeedSource {
  feeds: Array<{ from: Position | undefined; emit(e: RecordedEvent): void; fail(e: unknown): void; paused: boolean; checkpoint(p: Position): void; closed: boolean }> = [];
  pending = true;

  open(from: Position | undefined, onCheckpoint: (position: Position) => void): LiveFeed {
    const listeners: { event?: (e: RecordedEvent) => void; error?: (e: unknown) => void } = {};
    const record = {
      from,
      paused: false,
      closed: false,
      emit: (e: RecordedEvent) => listeners.event?.(e),
      fail: (e: unknown) => listeners.error?.(e),
      checkpoint: onCheckpoint,
    };
    this.feeds.push(record);
    return {
      onEvent: (l) => void (listeners.event = l),
      onError: (l) => void (listeners.error = l),
      pause: () => void (record.paused = true),
      resume: () => void (record.paused = false),
      close: async () => void (record.closed = true),
    };
  }

  async pendingUpTo(): Promise<boolean> {
    return this.pending;
  }
}

describe('EsdbSubscription (fake feed)', () => {
  it('hands events to the handler in batches and in order, and waitFor resolves with them', async () => {
    const source = new FakeSource();
    const seen: string[][] = [];
    const sub = new EsdbSubscription(source, { batchSize: 2, handle: (events) => void seen.push(events.map((e) => e.id)) });
    for (let n = 1; n <= 5; n++) source.feeds[0].emit(event(n));
    await sub.waitFor(at(5), 1000);
    expect(seen.flat()).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
    expect(seen.every((batch) => batch.length <= 2)).toBe(true);
    expect(sub.position).toEqual(at(5));
    await sub.stop();
  });

  it('pauses the feed while two batches wait and resumes when they are handled', async () => {
    const source = new FakeSource();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const sub = new EsdbSubscription(source, { batchSize: 1, handle: () => gate });
    for (let n = 1; n <= 3; n++) source.feeds[0].emit(event(n));
    expect(source.feeds[0].paused).toBe(true);
    release();
    await sub.waitFor(at(3), 1000);
    expect(source.feeds[0].paused).toBe(false);
    await sub.stop();
  });

  it('redelivers a failed batch and reports the error', async () => {
    const source = new FakeSource();
    const errors: unknown[] = [];
    const seen: string[] = [];
    let fail = true;
    const handle = (events: RecordedEvent[]) => {
      if (fail) {
        fail = false;
        throw new Error('boom');
      }
      seen.push(...events.map((e) => e.id));
    };
    const sub = new EsdbSubscription(source, { handle, onError: (e) => errors.push(e) });
    source.feeds[0].emit(event(1));
    await sub.waitFor(at(1), 2000);
    expect(seen).toEqual(['e1']);
    expect(errors).toHaveLength(1);
    await sub.stop();
  });

  it('resolves waitFor for filtered positions by server checkpoint or by asking the store', async () => {
    const source = new FakeSource();
    const sub = new EsdbSubscription(source, { handle: () => undefined });
    const byCheckpoint = sub.waitFor(at(10), 1000);
    source.feeds[0].checkpoint(at(12));
    await byCheckpoint;
    const byProbe = sub.waitFor(at(20), 1000);
    source.pending = false;
    await byProbe;
    await sub.stop();
  });

  it('after a feed error resubscribes from the last handled event and drops repeats', async () => {
    const source = new FakeSource();
    const errors: unknown[] = [];
    const seen: string[] = [];
    const sub = new EsdbSubscription(source, {
      handle: (events) => void seen.push(...events.map((e) => e.id)),
      onError: (e) => errors.push(e),
    });
    source.feeds[0].emit(event(1));
    source.feeds[0].emit(event(2));
    await sub.waitFor(at(2), 1000);
    source.feeds[0].fail(new Error('connection lost'));
    await until(() => source.feeds.length === 2, 'the resubscribed feed');
    expect(source.feeds[0].closed).toBe(true);
    expect(source.feeds[1].from).toEqual(at(2));
    source.feeds[1].emit(event(2));
    source.feeds[1].emit(event(3));
    await sub.waitFor(at(3), 1000);
    expect(seen).toEqual(['e1', 'e2', 'e3']);
    expect(errors).toHaveLength(1);
    await sub.stop();
  });

  it('stop closes the feed, ignores later events and rejects waiters', async () => {
    const source = new FakeSource();
    const seen: string[] = [];
    const sub = new EsdbSubscription(source, { handle: (events) => void seen.push(...events.map((e) => e.id)) });
    const waiting = sub.waitFor(at(9), 1000);
    await sub.stop();
    await expect(waiting).rejects.toMatchObject({ name: 'EventStoreUnavailable' });
    source.feeds[0].emit(event(1));
    expect(source.feeds[0].closed).toBe(true);
    expect(seen).toEqual([]);
  });
});
