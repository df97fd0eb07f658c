/** PostgreSQL TokenStore adapter (own schema) and its options. */
export { PostgresTokenStore, DEFAULT_ACCESS_SCHEMA, type PostgresTokenStoreOptions } from './postgres-token-store';
