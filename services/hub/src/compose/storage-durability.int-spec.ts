// The hub's own composition must give the embedded event store FULL durability: an append is acknowledged only
// after the write-ahead log is fsynced. kill -9 cannot tell FULL from NORMAL (the OS keeps the page cache), so this
// test watches the fsyncs instead: it opens the store exactly as the hub does (loadConfig → openEventStore) and
// holds every FileHandle.sync() until it has checked that the append waits for the one on the WAL.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newEvent } from '@scim-hub/event-store/testing';
import { loadConfig } from '@scim-hub/platform';
import { until } from '@scim-hub/testing';
import { EVENTS_DB_FILE, openEventStore } from './storage.composition';

/** The prototype every FileHandle shares, so that a spy on it sees the syncs of handles the store opens itself. */
async function fileHandlePrototype(dir: string): Promise<{ sync(this: FileHandle): Promise<void> }> {
  const probe = await open(join(dir, 'probe'), 'w');
  try {
    return Object.getPrototypeOf(probe);
  } finally {
    await probe.close();
  }
}

describe('hub composition: the SQLite event store acknowledges an append only after the WAL fsync (FULL)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scim-hub-durability-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(() => jest.restoreAllMocks());

  it('holds the acknowledgement while the fsync of events.db-wal is held', async () => {
    const wal = join(dir, `${EVENTS_DB_FILE}-wal`);
    const heldWalSyncs: (() => void)[] = [];
    let gated = true;
    const proto = await fileHandlePrototype(dir);
    const realSync = proto.sync;
    jest.spyOn(proto, 'sync').mockImplementation(async function (this: FileHandle) {
      // Only the WAL's fsync is held; the directory's (made once, before it) passes.
      const isWal = (await this.stat()).ino === statSync(wal).ino;
      if (gated && isWal) await new Promise<void>((release) => heldWalSyncs.push(release));
      return realSync.call(this);
    });
    const store = await openEventStore(loadConfig({ HUB_DATA_DIR: dir, HUB_STORE: 'sqlite' }));
    try {
      let acknowledged = false;
      const append = store.appendToStream('t/User/1', 'no_stream', [newEvent()]).then(() => (acknowledged = true));
      // Without FULL the append is acknowledged with no fsync of the WAL at all.
      await until(() => heldWalSyncs.length > 0 || acknowledged, 'an fsync of events.db-wal or the acknowledgement');
      expect({ acknowledged, walFsyncs: heldWalSyncs.length }).toEqual({ acknowledged: false, walFsyncs: 1 });
      gated = false;
      heldWalSyncs.forEach((release) => release());
      await append;
      expect(acknowledged).toBe(true);
    } finally {
      gated = false;
      heldWalSyncs.forEach((release) => release());
      await store.close();
    }
  });
});
