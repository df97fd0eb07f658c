import { pgUnavailableReason } from '@scim-hub/platform/postgres';
import { EventStoreUnavailable } from '../event-store.errors';

// A serialization failure or deadlock (40001, 40P01) is also worth retrying for the log's transactions.
const RETRYABLE_CONFLICTS = new Set(['40001', '40P01']);

/** Whether a `pg` failure is about reaching the server rather than about the statement. */
export function isUnavailable(error: unknown): boolean {
  const { code } = (error ?? {}) as { code?: unknown };
  return pgUnavailableReason(error) !== undefined || (typeof code === 'string' && RETRYABLE_CONFLICTS.has(code));
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
