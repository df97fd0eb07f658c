import Database from 'better-sqlite3';
import { SQLITE_PAGE_CACHE_KIB, setSqlitePageCache, setSqliteWalAutocheckpoint } from '@scim-hub/platform/sqlite';

/**
 * The store's durability. FULL: an append is acknowledged only after its commit is fsynced, so it survives kill -9
 * AND power loss / OS crash (the event store does that fsync itself, off the event loop — see WalSyncer — so the
 * connection runs SQLite's `synchronous = NORMAL`). NORMAL: acknowledged at commit; survives kill -9 (the WAL is in
 * the OS page cache) but the last commits can vanish on power loss. An acknowledged SCIM write that later
 * disappears would silently diverge from what Entra ID believes it provisioned, so the default is FULL
 * (docs/operations.md "Durability" has the measured cost).
 */
export type SqliteSynchronous = 'FULL' | 'NORMAL';

/** Schema version recorded in `PRAGMA user_version`; bump with a migration step below. */
export const SQLITE_EVENT_STORE_SCHEMA_VERSION = 1;

// `position` is the global order: AUTOINCREMENT never reuses a value, so a checkpoint can never point at a
// position that a later event takes over. UNIQUE (stream_id, revision) is the optimistic-concurrency backstop.
const MIGRATIONS: Record<number, string> = {
  1: `
    CREATE TABLE events (
      position INTEGER PRIMARY KEY AUTOINCREMENT,
      stream_id TEXT NOT NULL,
      revision INTEGER NOT NULL,
      event_id TEXT NOT NULL,
      type TEXT NOT NULL,
      schema_version INTEGER NOT NULL,
      data TEXT NOT NULL,
      metadata TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      UNIQUE (stream_id, revision)
    );
    CREATE INDEX events_event_id ON events (event_id);
    CREATE TABLE checkpoints (
      subscriber_id TEXT PRIMARY KEY,
      position TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );`,
};

/** Sets the pragmas every connection to an event-store file uses (WAL, `synchronous`, busy timeout). */
export function applySqlitePragmas(db: Database.Database, synchronous: SqliteSynchronous = 'FULL'): void {
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  // Another process (CLI, a second hub by mistake) may hold the write lock briefly; wait instead of failing.
  db.pragma('busy_timeout = 5000');
  setSqliteWalAutocheckpoint(db);
  setSqlitePageCache(db, SQLITE_PAGE_CACHE_KIB.eventLog);
}

/** Brings the file's schema to the current version, one recorded step at a time (idempotent). */
export function migrateSqliteEventStore(db: Database.Database): void {
  db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    for (let version = current + 1; version <= SQLITE_EVENT_STORE_SCHEMA_VERSION; version++) {
      db.exec(MIGRATIONS[version]);
      db.pragma(`user_version = ${version}`);
    }
  }).immediate();
}

/** Opens (creating if needed) an event-store database file with the store's pragmas and schema. */
export function openSqliteEventStoreDatabase(file: string, synchronous: SqliteSynchronous = 'FULL'): Database.Database {
  const db = new Database(file);
  try {
    applySqlitePragmas(db, synchronous);
    migrateSqliteEventStore(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
