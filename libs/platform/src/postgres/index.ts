// PostgreSQL helpers shared by the adapters (`@scim-hub/platform/postgres`); loads only the `pg` types.

/** Runs work in one transaction on a pooled connection (COMMIT, or ROLLBACK on error; always released). */
export { inTransaction } from './in-transaction';
/** inTransaction with a lock statement sent with BEGIN and a finishing statement sent with COMMIT (two round trips fewer). */
export { inLockedTransaction, type LockedWork } from './in-transaction';
/** Why a `pg` failure means the server cannot be used right now (undefined: the statement failed). */
export { pgUnavailableReason } from './pg-unavailable';
/** Keeps a dropped connection from ending the process, whether its client is idle or in use. */
export { surviveConnectionLoss } from './connection-loss';
/** The prepared-statement name of a static SQL text (a hash, worked out once per text). */
export { preparedName } from './statement-name';
/** A string as a PostgreSQL literal (pg's escapeLiteral, without its per-character loop). */
export { sqlLiteral } from './sql-literal';
