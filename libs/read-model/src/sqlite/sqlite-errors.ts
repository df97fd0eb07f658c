import { ReadModelUnavailable } from '../read-model.errors';

// Codes that mean "the file or its lock is not usable right now" (another process holds the lock past the
// busy timeout, the disk is full, the file went read-only or away), not "the statement is wrong".
const UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|READONLY|CORRUPT|NOTADB|PROTOCOL)/;

/** Translates better-sqlite3 failures into ReadModelUnavailable (HTTP 503); anything else is passed on as is. */
export function translateSqliteError(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && UNAVAILABLE.test(code)) return new ReadModelUnavailable(`SQLite read model unavailable (${code})`, error);
  // By name: the driver's TypeError may come from another realm (Jest's sandbox), where instanceof fails.
  if (typeof error === 'object' && error !== null && (error as Error).name === 'TypeError' && /database connection is not open/.test(String((error as Error).message))) {
    return new ReadModelUnavailable('read model is closed', error);
  }
  return error;
}

/** Runs `work`, translating what it throws. */
export function translatingSqlite<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw translateSqliteError(error);
  }
}
