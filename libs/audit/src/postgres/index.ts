/** The audit index in a PostgreSQL schema (default `scim_hub_audit`). */
export { openPostgresAuditIndex, type PostgresAuditIndexOptions } from './postgres-audit-index';
/** Per-subject keys in a PostgreSQL schema (default `scim_hub_keys`). */
export { openPostgresSubjectKeyStore, type PostgresSubjectKeyStoreOptions } from './postgres-subject-key-store';
