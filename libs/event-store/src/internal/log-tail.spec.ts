import type { Position, RecordedEvent } from '../event-store.port';
import { comparePositions } from '../position';
import type { LogPage } from './catch-up-subscription';
import { LogTail, TAIL_PAGE_SIZE } from './log-tail';

const at = (n: number): Position => ({ commit: BigInt(n), prepare: BigInt(n) });

function event(n: number): RecordedEvent {
  const streamId = n % 3 === 0 ? `Reservation-${n}` : `User-${n}`;
  return { id: `e${n}`, type: 'Noted', schemaVersion: 1, data: {}, metadata: { tenant: 't', time: '2026-11-28T00:00:00.000Z' }, streamId, revision: 0, position: at(n), recordedAt: '2026-11-28T00:00:00.000Z' };
}

/** A log of `count` events whose reads behave like PostgreSQL's: complete up to the visible end they report. */
function fakeLog(count: number) {
  const log = {
    events: Array.from({ length: count }, (_, i) => event(i + 1)),
    reads: [] as { after: Position | undefined; limit: number; prefixes: string[] | undefined }[],
    gate: undefined as Promise<void> | undefined,
    failNext: undefined as Error | undefined,
    append(n: number) {
      const first = log.events.length + 1;
      for (let i = 0; i < n; i++) log.events.push(event(first + i));
    },
    readLog: async (after: Position | undefined, limit: number, prefixes: string[] | undefined): Promise<LogPage> => {
      log.reads.push({ after, limit, prefixes });
      await log.gate;
      if (log.failNext) {
        const error = log.failNext;
        log.failNext = undefined;
        throw error;
      }
      return expectedPage(log.events, after, limit, prefixes);
    },
  };
  return log;
}

/** The page a direct read of the log gives. */
function expectedPage(events: RecordedEvent[], after: Position | undefined, limit: number, prefixes: string[] | undefined): LogPage {
  const matching = events.filter((e) => (!after || comparePositions(e.position, after) > 0) && (!prefixes || prefixes.some((p) => e.streamId.startsWith(p))));
  const page = matching.slice(0, limit);
  if (page.length >= limit) return { events: page };
  return { events: page, scannedTo: events.length === 0 ? after : events[events.length - 1].position };
}

const ids = (page: LogPage) => page.events.map((e) => e.id);

describe('LogTail', () => {
  it('gives subscriptions at the head one read between them: a caller arriving during the read joins it', async () => {
    const log = fakeLog(10);
    const tail = new LogTail(log.readLog);
    await tail.readPage(at(10), 500, undefined);
    log.append(2);
    log.reads = [];
    let open!: () => void;
    log.gate = new Promise((resolve) => (open = resolve));
    const projector = tail.readPage(at(10), 500, undefined);
    const audit = tail.readPage(at(10), 500, ['User-']);
    open();
    expect(ids(await projector)).toEqual(['e11', 'e12']);
    expect(ids(await audit)).toEqual(['e11']);
    expect(log.reads).toHaveLength(1);
  });

  it('serves a subscription behind the head from the events it keeps, without a read', async () => {
    const log = fakeLog(0);
    const tail = new LogTail(log.readLog);
    await tail.readPage(undefined, 500, undefined);
    log.append(6);
    expect(ids(await tail.readPage(undefined, 500, undefined))).toHaveLength(6);
    log.reads = [];
    const page = await tail.readPage(at(2), 500, ['User-']);
    expect(ids(page)).toEqual(['e4', 'e5']);
    expect(page.scannedTo).toEqual(at(6));
    expect(log.reads).toHaveLength(0);
  });

  it('answers every position, limit and prefix filter with the page the log itself gives', async () => {
    const log = fakeLog(0);
    const tail = new LogTail(log.readLog);
    await tail.readPage(undefined, 10, undefined);
    for (let round = 0; round < 40; round++) {
      log.append((round * 7) % 23);
      tail.heard(at(log.events.length));
      for (const limit of [1, 3, 500]) {
        for (const prefixes of [undefined, ['User-'], ['Reservation-'], ['Nothing-']]) {
          const head = log.events.length;
          for (const from of [head, head - 1, head - 5, head - 40]) {
            const after = from > 0 ? at(from) : undefined;
            const page = await tail.readPage(after, limit, prefixes);
            const direct = expectedPage(log.events, after, limit, prefixes);
            expect(ids(page)).toEqual(ids(direct));
            if (page.events.length < limit) expect(page.scannedTo).toEqual(direct.scannedTo);
          }
        }
      }
    }
  });

  it('reads on for a caller behind the head when a newer append was heard of, once while it stays hidden', async () => {
    const log = fakeLog(4);
    const tail = new LogTail(log.readLog);
    await tail.readPage(undefined, 500, undefined);
    log.append(1);
    tail.heard(at(5));
    log.reads = [];
    expect(ids(await tail.readPage(at(2), 500, undefined))).toEqual(['e3', 'e4', 'e5']);
    expect(log.reads).toHaveLength(1);
    tail.heard(at(9));
    const hidden = await tail.readPage(at(3), 500, undefined);
    expect(ids(hidden)).toEqual(['e4', 'e5']);
    expect(hidden.scannedTo).toEqual(at(5));
    expect(log.reads).toHaveLength(2);
    log.append(4);
    expect(ids(await tail.readPage(at(3), 500, undefined))).toEqual(['e4', 'e5', 'e6', 'e7', 'e8', 'e9']);
    expect(log.reads).toHaveLength(3);
    expect(ids(await tail.readPage(at(3), 500, undefined))).toHaveLength(6);
    expect(log.reads).toHaveLength(3);
    tail.heard(undefined);
    await tail.readPage(at(3), 500, undefined);
    await tail.readPage(at(3), 500, undefined);
    expect(log.reads).toHaveLength(4);
  });

  it('reads on past a full tail page while the caller wants more', async () => {
    const log = fakeLog(0);
    const tail = new LogTail(log.readLog);
    await tail.readPage(undefined, 10, undefined);
    log.append(TAIL_PAGE_SIZE * 2 + 5);
    log.reads = [];
    const page = await tail.readPage(undefined, 10_000, undefined);
    expect(page.events).toHaveLength(TAIL_PAGE_SIZE * 2 + 5);
    expect(log.reads.map((r) => r.limit)).toEqual([TAIL_PAGE_SIZE, TAIL_PAGE_SIZE, TAIL_PAGE_SIZE]);
  });

  it('moves to a subscription ahead of it when it started behind, instead of reading the backlog for it', async () => {
    const log = fakeLog(TAIL_PAGE_SIZE * 8);
    const tail = new LogTail(log.readLog);
    expect(await tail.readPage(undefined, 10, undefined)).toMatchObject({ events: expect.any(Array) });
    log.reads = [];
    const head = at(TAIL_PAGE_SIZE * 8);
    log.append(2);
    expect(ids(await tail.readPage(head, 500, undefined))).toEqual([`e${TAIL_PAGE_SIZE * 8 + 1}`, `e${TAIL_PAGE_SIZE * 8 + 2}`]);
    expect(log.reads.map((r) => r.after)).toEqual([head]);
    // The subscription left behind reads the log itself, from where it is.
    log.reads = [];
    expect(ids(await tail.readPage(at(10), 3, undefined))).toEqual(['e11', 'e12', 'e13']);
    expect(log.reads).toEqual([{ after: at(10), limit: 3, prefixes: undefined }]);
  });

  it('lets a subscription behind what it keeps read the log itself, with its own filter', async () => {
    const log = fakeLog(0);
    const tail = new LogTail(log.readLog);
    await tail.readPage(undefined, 10, undefined);
    log.append(TAIL_PAGE_SIZE * 6);
    await tail.readPage(undefined, TAIL_PAGE_SIZE * 6, undefined);
    log.reads = [];
    const page = await tail.readPage(at(10), 4, ['User-']);
    expect(ids(page)).toEqual(['e11', 'e13', 'e14', 'e16']);
    expect(log.reads).toEqual([{ after: at(10), limit: 4, prefixes: ['User-'] }]);
  });

  it('passes a failed read to every caller that joined it, and the next caller reads afresh', async () => {
    const log = fakeLog(3);
    const tail = new LogTail(log.readLog);
    log.failNext = new Error('connection lost');
    const first = tail.readPage(undefined, 500, undefined);
    const joined = tail.readPage(undefined, 500, undefined);
    await expect(first).rejects.toThrow('connection lost');
    await expect(joined).rejects.toThrow('connection lost');
    expect(ids(await tail.readPage(undefined, 500, undefined))).toEqual(['e1', 'e2', 'e3']);
    expect(log.reads).toHaveLength(2);
  });
});
