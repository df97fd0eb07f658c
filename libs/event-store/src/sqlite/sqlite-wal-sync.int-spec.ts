import { mkdtempSync, rmSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { until } from '@scim-hub/testing';
import type { EventStore } from '../event-store.port';
import { newEvent } from '../testing';
import { openSqliteEventStore } from './sqlite-event-store';

/** One fsync of the WAL the test holds until it releases (or fails) it. */
interface WalSyncCall {
  release(): void;
  fail(error: Error): void;
}

describe('SQLite event store: FULL acknowledges only after the WAL fsync, which runs off the event loop', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scim-hub-walsync-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /**
   * Runs `body` on a store whose WAL fsyncs wait for the test. Afterwards the gate opens for good (an fsync that
   * starts only then, e.g. after a failed body, passes at once, so closing never waits on it), what is held is
   * released, and the store is closed.
   */
  async function withGatedStore(name: string, body: (store: EventStore, walSyncs: WalSyncCall[]) => Promise<void>): Promise<void> {
    const walSyncs: WalSyncCall[] = [];
    let gated = true;
    const syncFile = async (handle: FileHandle): Promise<void> => {
      if ((await handle.stat()).isDirectory() || !gated) return;
      await new Promise<void>((release, fail) => walSyncs.push({ release, fail }));
    };
    const store = await openSqliteEventStore({ file: join(dir, name), syncFile, pollIntervalMs: 20 });
    try {
      await body(store, walSyncs);
    } finally {
      gated = false;
      walSyncs.forEach((call) => call.release());
      await store.close();
    }
  }

  it('holds the acknowledgement, subscriptions and readAll back until the fsync completes', async () => {
    await withGatedStore('gate.db', async (store, walSyncs) => {
      const seen: string[] = [];
      const subscription = store.subscribe({ handle: (events) => void seen.push(...events.map((e) => e.id)) });
      const event = newEvent();
      let acknowledged = false;
      const append = store.appendToStream('t/User/1', 'no_stream', [event]).then((result) => {
        acknowledged = true;
        return result;
      });
      // Wait for the fsync or a (wrong) acknowledgement, whichever comes first.
      await until(() => walSyncs.length === 1 || acknowledged, 'the first WAL fsync');
      // Committed but not yet durable: the event loop is free (we are running, and until() has let every timer turn
      // and microtask run since the commit), nothing is acknowledged or shown.
      expect(walSyncs).toHaveLength(1);
      expect(acknowledged).toBe(false);
      expect(seen).toEqual([]);
      expect(await store.readAll()).toEqual([]);
      // A read of the stream itself sees the commit (the writer decides on it; see docs/operations.md).
      expect((await store.readStream('t/User/1')).map((e) => e.id)).toEqual([event.id]);

      walSyncs[0].release();
      const result = await append;
      await subscription.waitFor(result.position);
      expect(seen).toEqual([event.id]);
      expect((await store.readAll()).map((e) => e.id)).toEqual([event.id]);
      await subscription.stop();
    });
  });

  it('writes the appends made while an fsync runs in one commit after it, and they share the next fsync', async () => {
    await withGatedStore('shared.db', async (store, walSyncs) => {
      const first = store.appendToStream('t/User/a', 'no_stream', [newEvent()]);
      await until(() => walSyncs.length === 1, 'the first WAL fsync');
      // Three more appends, in separate turns of the event loop, while the first fsync is still running.
      const more: Promise<unknown>[] = [];
      for (const id of ['b', 'c', 'd']) {
        more.push(store.appendToStream(`t/User/${id}`, 'no_stream', [newEvent()]));
        await new Promise((resolve) => setImmediate(resolve));
        await new Promise((resolve) => setImmediate(resolve));
      }
      // They wait for it (they could not be acknowledged before the next fsync anyway): nothing of them is written.
      expect(await store.readStream('t/User/b')).toEqual([]);
      expect(await store.readStream('t/User/d')).toEqual([]);
      walSyncs[0].release();
      await first;
      await until(() => walSyncs.length === 2, 'the second WAL fsync');
      walSyncs[1].release();
      await Promise.all(more);
      expect(walSyncs).toHaveLength(2);
      expect(await store.readAll()).toHaveLength(4);
    });
  });

  it('a failed fsync rejects the appends it covered, shows nothing of them, and stops the store', async () => {
    await withGatedStore('failing.db', async (store, walSyncs) => {
      const append = store.appendToStream('t/User/1', 'no_stream', [newEvent()]);
      await until(() => walSyncs.length === 1, 'the first WAL fsync');
      walSyncs[0].fail(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' }));
      await expect(append).rejects.toMatchObject({ name: 'EventStoreUnavailable' });
      await expect(store.readAll()).rejects.toMatchObject({ name: 'EventStoreUnavailable' });
      await expect(store.appendToStream('t/User/2', 'no_stream', [newEvent()])).rejects.toMatchObject({ name: 'EventStoreUnavailable' });
    });
  });

  it('with the real fsync, 50 concurrent appends are all durable after fewer fsyncs than appends', async () => {
    let fsyncs = 0;
    const file = join(dir, 'real.db');
    const store = await openSqliteEventStore({ file, syncFile: async (handle) => void (await handle.sync(), fsyncs++) });
    const appends = Array.from({ length: 50 }, (_, i) => store.appendToStream(`t/User/${i}`, 'no_stream', [newEvent()]));
    await Promise.all(appends);
    await store.close();
    expect(fsyncs).toBeGreaterThanOrEqual(2); // the directory once, the WAL at least once
    expect(fsyncs).toBeLessThan(50);
    const reopened = await openSqliteEventStore({ file });
    try {
      expect(await reopened.readAll()).toHaveLength(50);
    } finally {
      await reopened.close();
    }
  });

  it('NORMAL acknowledges at commit and never fsyncs the WAL itself', async () => {
    const walSyncs: unknown[] = [];
    const store = await openSqliteEventStore({
      file: join(dir, 'normal.db'),
      synchronous: 'NORMAL',
      syncFile: async (handle) => void walSyncs.push(handle),
    });
    try {
      await store.appendToStream('t/User/1', 'no_stream', [newEvent()]);
      expect(await store.readAll()).toHaveLength(1);
      expect(walSyncs).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
