import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreContract, newEvent, newEvents, uniquePrefix } from '../testing';
import { openSqliteEventStore } from './sqlite-event-store';

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

  it('maps an unusable file to EventStoreUnavailable', async () => {
    await expect(openSqliteEventStore({ file: join(ownDir, 'missing-dir', 'x.db') })).rejects.toMatchObject({
      name: 'EventStoreUnavailable',
    });
  });
});
