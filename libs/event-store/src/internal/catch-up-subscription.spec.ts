import type { Position, RecordedEvent } from '../event-store.port';
import { until } from '@scim-hub/testing';
import { CatchUpSubscription, MAX_CHASE_MS, type CatchUpSource, type CommittedPage } from './catch-up-subscription';

const POLL_MS = 1000;

const at = (n: bigint): Position => ({ commit: n, prepare: n });

function event(n: bigint): RecordedEvent {
  return { id: `e${n}`, type: 'Noted', schemaVersion: 1, data: {}, metadata: { tenant: 't', time: '2026-11-28T00:00:00.000Z' }, streamId: 's', revision: Number(n) - 1, position: at(n), recordedAt: '2026-11-28T00:00:00.000Z' };
}

/**
 * A log like PostgreSQL's: an appended event becomes readable only once `visibleThrough` reaches it (every older
 * transaction of the cluster has ended), and that moment is announced to nobody.
 */
function hidingLog() {
  const log = { events: [event(1n)], visibleThrough: 0n, reads: 0, notify: (_position: Position) => undefined as void };
  const source: CatchUpSource = {
    readPage: async (after) => {
      log.reads++;
      const from = after?.commit ?? 0n;
      return { events: log.events.filter((e) => e.position.commit > from && e.position.commit <= log.visibleThrough) };
    },
    onAppend: (listener) => {
      log.notify = (position) => listener(position);
      return () => undefined;
    },
    pollIntervalMs: POLL_MS,
  };
  return { log, source };
}

describe('CatchUpSubscription chasing a notified position it cannot see yet', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('reads it within MAX_CHASE_MS of it becoming visible, however long it was hidden', async () => {
    const { log, source } = hidingLog();
    const handled: string[] = [];
    const subscription = new CatchUpSubscription(source, { handle: async (events) => void handled.push(...events.map((e) => e.id)) });
    log.notify(at(1n));
    // Hidden for 3.1 s: a chase that doubled up to the poll interval would now read once a second (at 3.02 s, then
    // 4.02 s), so the event would wait until then.
    await jest.advanceTimersByTimeAsync(3100);
    expect(handled).toEqual([]);
    log.visibleThrough = 1n;
    await jest.advanceTimersByTimeAsync(MAX_CHASE_MS + 1);
    expect(handled).toEqual(['e1']);
    await subscription.stop();
  });

  it('reads no more often than every MAX_CHASE_MS while the position stays hidden', async () => {
    const { log, source } = hidingLog();
    const subscription = new CatchUpSubscription(source, { handle: async () => undefined });
    log.notify(at(1n));
    await jest.advanceTimersByTimeAsync(100);
    const before = log.reads;
    await jest.advanceTimersByTimeAsync(10 * MAX_CHASE_MS);
    expect(log.reads - before).toBeGreaterThanOrEqual(9);
    expect(log.reads - before).toBeLessThanOrEqual(11);
    await subscription.stop();
  });

  it('waits the poll interval, not the chase, when nothing notified is missing', async () => {
    const { log, source } = hidingLog();
    log.visibleThrough = 1n;
    const subscription = new CatchUpSubscription(source, { handle: async () => undefined });
    await jest.advanceTimersByTimeAsync(10);
    const before = log.reads;
    await jest.advanceTimersByTimeAsync(POLL_MS - 20);
    expect(log.reads).toBe(before);
    await jest.advanceTimersByTimeAsync(20);
    expect(log.reads).toBe(before + 1);
    await subscription.stop();
  });
});

describe('CatchUpSubscription hearing of appends', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('does not read the log for a position it has already handled (its own NOTIFY heard back), but does for a newer one', async () => {
    const { log, source } = hidingLog();
    log.events.push(event(2n));
    log.visibleThrough = 1n;
    const handled: string[] = [];
    const subscription = new CatchUpSubscription(source, { handle: async (events) => void handled.push(...events.map((e) => e.id)) });
    await jest.advanceTimersByTimeAsync(10);
    expect(handled).toEqual(['e1']);
    const before = log.reads;
    log.notify(at(1n));
    await jest.advanceTimersByTimeAsync(10);
    expect(log.reads).toBe(before);
    log.visibleThrough = 2n;
    log.notify(at(2n));
    await jest.advanceTimersByTimeAsync(10);
    expect(log.reads).toBe(before + 1);
    expect(handled).toEqual(['e1', 'e2']);
    await subscription.stop();
  });
});

describe('CatchUpSubscription taking commits handed over', () => {
  it('takes the commits that queued while it was busy as one batch of at most batchSize, without reading the log', async () => {
    const listeners: ((position?: Position, committed?: CommittedPage) => void)[] = [];
    let reads = 0;
    const source: CatchUpSource = {
      readPage: async () => {
        reads++;
        return { events: [], scannedTo: at(0n) };
      },
      onAppend: (listener) => {
        listeners.push(listener);
        return () => undefined;
      },
      pollIntervalMs: POLL_MS,
    };
    const commit = (n: bigint) => {
      const page: CommittedPage = { after: at(n - 1n), last: at(n), events: (keep) => [event(n)].filter(keep) };
      for (const listener of listeners) listener(at(n), page);
    };
    let release: () => void = () => undefined;
    const batches: string[][] = [];
    const subscription = new CatchUpSubscription(source, {
      after: at(0n),
      batchSize: 2,
      handle: async (events) => {
        batches.push(events.map((e) => e.id));
        if (batches.length === 1) await new Promise<void>((resolve) => (release = resolve));
      },
    });
    commit(1n);
    await until(() => batches.length === 1);
    for (const n of [2n, 3n, 4n]) commit(n);
    release();
    await subscription.waitFor(at(4n), 5000);
    expect(batches).toEqual([['e1'], ['e2', 'e3'], ['e4']]);
    // One read at the start, before the first commit; every commit after it was taken as handed over.
    expect(reads).toBe(1);
    await subscription.stop();
  });
});
