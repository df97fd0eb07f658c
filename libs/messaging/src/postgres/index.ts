// PostgreSQL pieces of messaging (`@scim-hub/messaging/postgres`): the relay lease as an advisory lock.

/** The relay lease on a PostgreSQL event store, and its options. */
export { postgresRelayLease, type PostgresRelayLeaseOptions } from './postgres-relay-lease';
