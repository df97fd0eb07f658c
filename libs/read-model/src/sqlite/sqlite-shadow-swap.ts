// Swapping a rebuilt SQLite read model in: the shadow file is flushed and closed, the live connection is
// closed, the shadow file is renamed over the live one and reopened. Every step is synchronous, so no
// request of this (single-threaded) process runs between the close and the reopen; rename() is atomic,
// so a crash leaves either the old or the new file under the live name, each with its own checkpoint.
import type Database from 'better-sqlite3';
import { closeSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Renames `shadow`'s file over `liveFile`; returns the connection `reopen` opens on the result. */
export function swapSqliteFile(live: Database.Database, shadow: Database.Database, liveFile: string, reopen: () => Database.Database): Database.Database {
  const shadowFile = shadow.name;
  // The copy was written without a journal and unsynced: close it as an ordinary rollback-journal file (the
  // reopened connection switches it to WAL) and put it on disk before the rename makes it the live file.
  shadow.pragma('journal_mode = DELETE');
  shadow.close();
  syncPath(shadowFile);
  live.close();
  removeDatabaseFiles(liveFile, true);
  renameSync(shadowFile, liveFile);
  syncPath(dirname(liveFile));
  return reopen();
}

/** Removes a database file's WAL and shared-memory files, and with `walOnly` false the file itself. */
export function removeDatabaseFiles(file: string, walOnly = false): void {
  for (const suffix of walOnly ? ['-wal', '-shm'] : ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
}

// A file's contents, or a directory's entries (the rename), are durable only once synced.
function syncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a file's contents to disk in the thread pool (whichever connection wrote them). */
export async function syncFile(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
