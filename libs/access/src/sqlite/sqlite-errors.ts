import { TokenStoreUnavailable } from '../access.errors';

// Codes that mean "the file or its lock is not usable right now" (the CLI holding the lock past the busy
// timeout, a full disk, a read-only file), not "the statement is wrong".
const UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|READONLY|CORRUPT|NOTADB|PROTOCOL)/;

/** Translates better-sqlite3 failures into TokenStoreUnavailable; anything else is passed on as is. */
export function translateSqliteTokenError(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && UNAVAILABLE.test(code)) return new TokenStoreUnavailable(`SQLite token store unavailable (${code})`, error);
  // By name: the driver's TypeError may come from another realm (Jest's sandbox), where instanceof fails.
  if (typeof error === 'object' && error !== null && (error as Error).name === 'TypeError' && /database connection is not open/.test(String((error as Error).message))) {
    return new TokenStoreUnavailable('token store is closed', error);
  }
  return error;
}
