import { EventStoreUnavailable } from '../event-store.errors';

// SQLSTATE classes that mean "try again later": connection exceptions (08), insufficient resources (53),
// operator intervention (57), system errors (58), serialization failure / deadlock (40001, 40P01).
const TRANSIENT_SQLSTATE = /^(08|53|57|58|40001|40P01)/;
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN', 'EHOSTUNREACH']);
const DRIVER_MESSAGES = /Connection terminated|connection error|not queryable|timeout exceeded when trying to connect|pool after calling end/i;

/** Whether a `pg` failure is about reaching the server rather than about the statement. */
export function isUnavailable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || (code.length === 5 && TRANSIENT_SQLSTATE.test(code)))) {
    return true;
  }
  return typeof message === 'string' && DRIVER_MESSAGES.test(message);
}

/** Translates `pg` failures into port errors; a failing statement (a bug) is rethrown unchanged. */
export function translatePostgresError(error: unknown): unknown {
  if (error instanceof EventStoreUnavailable) return error;
  if (isUnavailable(error)) {
    const reason = error instanceof Error ? error.message : String(error);
    return new EventStoreUnavailable(`PostgreSQL event store unavailable: ${reason}`, error);
  }
  return error;
}

/** The unique_violation of the (stream_id, revision) constraint: another writer took the revision. */
export function isRevisionTaken(error: unknown): boolean {
  const { code, constraint } = (error ?? {}) as { code?: unknown; constraint?: unknown };
  return code === '23505' && constraint === 'events_stream_revision';
}
