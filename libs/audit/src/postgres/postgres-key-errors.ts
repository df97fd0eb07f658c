// The same rules as the PostgreSQL event store, read model and token store: connection exceptions (08),
// insufficient resources (53), operator intervention (57, e.g. 57P01 after pg_terminate_backend), system errors
// (58), socket errors, and pg's code-less "Connection terminated" messages.
const TRANSIENT_SQLSTATE = /^(08|53|57|58)/;
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN', 'EHOSTUNREACH']);
const DRIVER_MESSAGES = /Connection terminated|connection error|not queryable|timeout exceeded when trying to connect|pool after calling end/i;

/**
 * The key store's database cannot be reached. Keys are part of every user write (protected-event-store.ts), so the
 * HTTP layer answers it like an unavailable event store: 503 with Retry-After (docs/operations.md, "Store outages").
 */
export class SubjectKeyStoreUnavailable extends Error {
  constructor(message: string, cause: unknown) {
    super(message, { cause });
    this.name = 'SubjectKeyStoreUnavailable';
  }
}

/** Translates `pg` connection failures into SubjectKeyStoreUnavailable; a failing statement is passed on unchanged. */
export function translatePostgresKeyError(error: unknown): unknown {
  if (error instanceof SubjectKeyStoreUnavailable) return error;
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const byCode = typeof code === 'string' && (NETWORK_CODES.has(code) || (code.length === 5 && TRANSIENT_SQLSTATE.test(code)));
  if (byCode || (typeof message === 'string' && DRIVER_MESSAGES.test(message))) {
    return new SubjectKeyStoreUnavailable(`key store database unavailable (${typeof code === 'string' ? code : String(message)})`, error);
  }
  return error;
}
