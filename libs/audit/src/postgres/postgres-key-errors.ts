import { pgUnavailableReason } from '@scim-hub/platform/postgres';

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
  const reason = pgUnavailableReason(error);
  return reason === undefined ? error : new SubjectKeyStoreUnavailable(`key store database unavailable (${reason})`, error);
}
