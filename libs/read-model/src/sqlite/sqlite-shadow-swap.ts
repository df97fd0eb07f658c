// Swapping a rebuilt SQLite read model in: the shadow file is flushed and closed, the live connection is
// closed, the shadow file is renamed over the live one and reopened. Every step is synchronous, so no
// request of this (single-threaded) process runs between the close and the reopen; rename() is atomic,
// so a crash leaves either the old or the new file under the live name, each with its own checkpoint.
import type Database from 'better-sqlite3';
import { closeSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';

/** Renames `shadow`'s file over `liveFile`; returns the connection `reopen` opens on the result. */
export function swapSqliteFile(live: Database.Database, shadow: Database.Database, liveFile: string, reopen: () => Database.Database): Database.Database {
  const shadowFile = shadow.name;
  // Everything into the main file, and no WAL left beside it: the WAL's name would not follow the rename.
  shadow.pragma('wal_checkpoint(TRUNCATE)');
  shadow.pragma('journal_mode = DELETE');
  shadow.close();
  live.close();
  removeDatabaseFiles(liveFile, true);
  renameSync(shadowFile, liveFile);
  syncDirectory(dirname(liveFile));
  return reopen();
}

/** Removes a database file's WAL and shared-memory files, and with `walOnly` false the file itself. */
export function removeDatabaseFiles(file: string, walOnly = false): void {
  for (const suffix of walOnly ? ['-wal', '-shm'] : ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
}

// The rename is durable only once the directory entry is on disk.
function syncDirectory(directory: string): void {
  const fd = openSync(directory, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
