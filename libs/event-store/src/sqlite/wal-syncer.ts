import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Makes a file's written data durable (default: fsync in libuv's thread pool). A test seam. */
export type SyncFile = (handle: FileHandle) => Promise<void>;

const fsyncHandle: SyncFile = (handle) => handle.sync();

/**
 * Makes committed WAL frames durable without blocking the event loop.
 *
 * The store commits with `synchronous = NORMAL`, which writes the frames to the `-wal` file (the OS page cache)
 * but does not fsync; SQLite itself fsyncs the WAL before every checkpoint and the database after it, so a frame
 * is durable once either our fsync of the WAL or a checkpoint has run after its commit. `sync()` fsyncs the WAL
 * from the thread pool; one fsync covers every commit made before it started, so concurrent commits share it
 * (group commit), and while one runs, the next is queued for all commits made meanwhile.
 */
export class WalSyncer {
  private handle?: FileHandle;
  private running?: Promise<void>;
  private queued?: Promise<void>;

  constructor(
    private readonly databaseFile: string,
    private readonly syncFile: SyncFile = fsyncHandle,
  ) {}

  /** Resolves once every commit made before this call is durable; rejects when the fsync failed. */
  sync(): Promise<void> {
    if (!this.running) {
      this.running = this.syncOnce().finally(() => (this.running = undefined));
      return this.running;
    }
    // One fsync is running and may have started before our commit: wait for it, then run one more.
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.sync();
      });
    return this.queued;
  }

  /** The fsync in flight (the last one queued), if any; settles when it is done, whether or not it failed. */
  inFlight(): Promise<void> | undefined {
    const last = this.queued ?? this.running;
    return last?.catch(() => undefined);
  }

  /** Waits for the fsyncs in flight and releases the file handle. */
  async close(): Promise<void> {
    await Promise.allSettled([this.running, this.queued]);
    await this.handle?.close();
    this.handle = undefined;
  }

  private async syncOnce(): Promise<void> {
    if (!this.handle) {
      // The -wal file exists from the first commit on and stays while the store is open (SQLite resets it in
      // place after a checkpoint); its directory entry is made durable once, as SQLite does for its journals.
      const handle = await open(`${this.databaseFile}-wal`, 'r');
      const directory = await open(dirname(this.databaseFile), 'r');
      try {
        await this.syncFile(directory);
      } finally {
        await directory.close();
      }
      this.handle = handle;
    }
    await this.syncFile(this.handle);
  }
}
