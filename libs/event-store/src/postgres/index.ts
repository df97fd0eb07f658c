/** The PostgreSQL event store: `openPostgresEventStore({ connectionString, schema })` and its class. */
export { openPostgresEventStore, PostgresEventStore } from './postgres-event-store';
/** Options of the PostgreSQL event store. */
export type { PostgresEventStoreOptions } from './postgres-event-store';
/** Schema version the store migrates to (rows of `schema_migrations`). */
export { POSTGRES_EVENT_STORE_SCHEMA_VERSION } from './postgres-schema';
/** Projection leases on PostgreSQL (advisory locks on dedicated connections) and their options. */
export { PostgresProjectionLeases, type PostgresProjectionLeasesOptions } from './postgres-projection-leases';
/** LISTEN for projection checkpoints committed by other processes (read-your-writes across processes). */
export { postgresCheckpointSignal } from './postgres-checkpoint-signal';
