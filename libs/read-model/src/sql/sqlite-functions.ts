import { parseScimDateTime, scimLower } from '@scim-hub/scim';

/** The part of a better-sqlite3 Database this module needs (kept structural so the compiler stays driver-free). */
export interface SqliteFunctionHost {
  function(name: string, options: { deterministic: boolean }, fn: (value: unknown) => unknown): unknown;
}

/**
 * Registers the SQL functions compiled filters call on SQLite: `scim_lower` (JS toLowerCase, because
 * SQLite's lower() folds ASCII only and would disagree with the evaluator on "Åsa") and
 * `scim_datetime_ms` (RFC 7643 §2.3.5 dateTime → epoch ms, the evaluator's parser). Call once per connection.
 */
export function registerSqliteFunctions(db: SqliteFunctionHost): void {
  db.function('scim_lower', { deterministic: true }, (value) => (typeof value === 'string' ? scimLower(value) : value));
  db.function('scim_datetime_ms', { deterministic: true }, (value) =>
    typeof value === 'string' ? (parseScimDateTime(value) ?? null) : null,
  );
}
