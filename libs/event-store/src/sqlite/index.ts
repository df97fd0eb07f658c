/** The embedded SQLite event store: `openSqliteEventStore({ file })` and its class. */
export { openSqliteEventStore, SqliteEventStore } from './sqlite-event-store';
/** Options of the SQLite event store. */
export type { SqliteEventStoreOptions } from './sqlite-event-store';
/** The file setup the store uses (pragmas, migrations), for tools and the durability test's child process. */
export {
  applySqlitePragmas,
  migrateSqliteEventStore,
  openSqliteEventStoreDatabase,
  SQLITE_EVENT_STORE_SCHEMA_VERSION,
} from './sqlite-schema';
/** `synchronous` setting of the SQLite event store (FULL by default; see docs/operations.md "Durability"). */
export type { SqliteSynchronous } from './sqlite-schema';
/** Group-committed fsync of a WAL file from the thread pool (durable commits without blocking the event loop). */
export { WalSyncer } from './wal-syncer';
