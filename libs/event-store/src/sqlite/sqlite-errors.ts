import { EventStoreUnavailable } from '../event-store.errors';

// Codes that mean "the file or the lock is not usable right now", not "the caller did something wrong".
const UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|READONLY|CORRUPT|NOTADB|PROTOCOL)/;

/** Translates better-sqlite3 failures into port errors; anything else (a bug) is rethrown as is. */
export function translateSqliteError(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && UNAVAILABLE.test(code)) {
    return new EventStoreUnavailable(`SQLite event store unavailable (${code})`, error);
  }
  if (error instanceof TypeError && /database connection is not open/.test(error.message)) {
    return new EventStoreUnavailable('event store is closed', error);
  }
  return error;
}
