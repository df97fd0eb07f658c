import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { eventStoreContract, newEvent, newEvents, uniquePrefix } from '../testing';
import type { AppendResult, RecordedEvent } from '../event-store.port';
import { openSqliteEventStore } from './sqlite-event-store';

/** Counts the reads of the log (every read of events is a better-sqlite3 `all`) while `during` runs. */
async function logReads(during: () => Promise<void>): Promise<number> {
  const statement = Object.getPrototypeOf(new Database(':memory:').prepare('SELECT 1')) as { all: (...args: unknown[]) => unknown };
  const all = jest.spyOn(statement, 'all');
  try {
    await during();
    return all.mock.calls.length;
  } finally {
    all.mockRestore();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'scim-hub-es-'));
const file = join(dir, 'events.db');

eventStoreContract(
  'SQLite (real file, WAL)',
  () => openSqliteEventStore({ file, pollIntervalMs: 50 }),
  async () => rmSync(dir, { recursive: true, force: true }),
);

describe('SQLite event store specifics', () => {
  const ownDir = mkdtempSync(join(tmpdir(), 'scim-hub-es-'));
  afterAll(() => rmSync(ownDir, { recursive: true, force: true }));

  it('keeps events across close and reopen, and migrates an existing file idempotently', async () => {
    const path = join(ownDir, 'reopen.db');
    const first = await openSqliteEventStore({ file: path });
    const events = newEvents(3);
    await first.appendToStream('t/User/1', 'no_stream', events);
    await first.close();
    const second = await openSqliteEventStore({ file: path });
    try {
      expect((await second.readStream('t/User/1')).map((e) => e.id)).toEqual(events.map((e) => e.id));
      expect((await second.appendToStream('t/User/1', 2, [newEvent()])).nextExpectedRevision).toBe(3);
    } finally {
      await second.close();
    }
  });

  it('group-commits concurrent appends: a conflict fails alone, the rest of the batch is durable', async () => {
    const path = join(ownDir, 'group-commit.db');
    const store = await openSqliteEventStore({ file: path });
    await store.appendToStream('t/User/taken', 'no_stream', [newEvent()]);
    // Issued in the same tick, so they share one flush; the third one conflicts.
    const appends = [
      store.appendToStream('t/User/a', 'no_stream', [newEvent()]),
      store.appendToStream('t/User/b', 'no_stream', [newEvent()]),
      store.appendToStream('t/User/taken', 'no_stream', [newEvent()]),
      store.appendToStream('t/User/a', 0, [newEvent()]),
    ];
    const settled = await Promise.allSettled(appends);
    expect(settled.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((settled[2] as PromiseRejectedResult).reason).toMatchObject({ name: 'StreamRevisionConflict', actual: 0 });
    await store.close();
    const reopened = await openSqliteEventStore({ file: path });
    try {
      expect(await reopened.readStream('t/User/a')).toHaveLength(2);
      expect(await reopened.readStream('t/User/b')).toHaveLength(1);
      expect(await reopened.readStream('t/User/taken')).toHaveLength(1);
    } finally {
      await reopened.close();
    }
  });

  it('a subscription on a second handle (another process in production) sees appends by polling', async () => {
    const path = join(ownDir, 'two-handles.db');
    const writer = await openSqliteEventStore({ file: path });
    const reader = await openSqliteEventStore({ file: path, pollIntervalMs: 20 });
    try {
      const prefix = uniquePrefix();
      const seen: string[] = [];
      const sub = reader.subscribe({ streamPrefixes: [prefix], handle: (events) => void seen.push(...events.map((e) => e.id)) });
      const event = newEvent();
      const written = await writer.appendToStream(`${prefix}User/1`, 'no_stream', [event]);
      await sub.waitFor(written.position);
      expect(seen).toEqual([event.id]);
    } finally {
      await Promise.all([writer.close(), reader.close()]);
    }
  });

  it('hands its commits to caught-up subscriptions without reading them back; a conflict in the batch is left out', async () => {
    const store = await openSqliteEventStore({ file: join(ownDir, 'handed.db') });
    try {
      await store.appendToStream('t/User/taken', 'no_stream', [newEvent()]);
      const seen: RecordedEvent[] = [];
      const sub = store.subscribe({ streamPrefixes: ['t/User/'], handle: (events) => void seen.push(...events) });
      const everything: string[] = []; // no prefixes, given as an empty list: every stream
      const all = store.subscribe({ streamPrefixes: [], handle: (events) => void everything.push(...events.map((e) => e.id)) });
      const first = await store.appendToStream('t/User/first', 'no_stream', [newEvent()]);
      await Promise.all([sub.waitFor(first.position), all.waitFor(first.position)]);
      const a = newEvent('Tested', { n: 1 });
      const b = newEvent();
      const reads = await logReads(async () => {
        const settled = await Promise.allSettled([
          store.appendToStream('t/User/a', 'no_stream', [a]),
          // Its first stream is written before the second conflicts: both are rolled back, and never handed over.
          store.appendMulti([
            { streamId: 't/User/half', expectedRevision: 'no_stream', events: [newEvent()] },
            { streamId: 't/User/taken', expectedRevision: 'no_stream', events: [newEvent()] },
          ]),
          store.appendToStream('t/Group/b', 'no_stream', [b]), // outside the subscription's prefix
        ]);
        expect(settled.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
        const last = [settled[0], settled[2]].map((r) => (r as PromiseFulfilledResult<AppendResult>).value.position);
        await Promise.all(last.flatMap((position) => [sub.waitFor(position), all.waitFor(position)]));
      });
      expect(reads).toBe(0);
      expect(seen.slice(2).map((e) => [e.streamId, e.id, e.data])).toEqual([['t/User/a', a.id, { n: 1 }]]);
      expect(everything.slice(2)).toEqual([a.id, b.id]);
      // Positions and revisions are those the log holds.
      const logged = (await store.readAll()).find((e) => e.id === a.id);
      expect(seen[2]).toEqual(logged);
    } finally {
      await store.close();
    }
  });

  it('reads the log again when another handle appended in between, so no event is skipped', async () => {
    const path = join(ownDir, 'handed-gap.db');
    const store = await openSqliteEventStore({ file: path, pollIntervalMs: 60_000 });
    const other = await openSqliteEventStore({ file: path });
    try {
      const seen: string[] = [];
      const sub = store.subscribe({ handle: (events) => void seen.push(...events.map((e) => e.id)) });
      const first = newEvent();
      await sub.waitFor((await store.appendToStream('t/User/1', 'no_stream', [first])).position);
      const elsewhere = newEvent(); // this handle is not told of it, and polls only every minute
      await other.appendToStream('t/User/2', 'no_stream', [elsewhere]);
      const mine = newEvent();
      const reads = await logReads(async () => sub.waitFor((await store.appendToStream('t/User/3', 'no_stream', [mine])).position));
      expect(reads).toBeGreaterThan(0);
      expect(seen).toEqual([first.id, elsewhere.id, mine.id]);
    } finally {
      await Promise.all([store.close(), other.close()]);
    }
  });

  it('maps an unusable file to EventStoreUnavailable', async () => {
    await expect(openSqliteEventStore({ file: join(ownDir, 'missing-dir', 'x.db') })).rejects.toMatchObject({
      name: 'EventStoreUnavailable',
    });
  });
});
