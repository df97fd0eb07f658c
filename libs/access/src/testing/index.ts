/** The TokenStore contract suite (Jest), run against every adapter. */
export { tokenStoreContract } from './token-store.contract';
/** Synchronous PostgreSQL reachability probe for int-specs. */
export { postgresReachable, TEST_DATABASE_URL } from './postgres-probe';
