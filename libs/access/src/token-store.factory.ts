import { join } from 'node:path';
import type { HubConfig } from '@scim-hub/platform';
import type { TokenStore } from './token-store.port';

/** The part of the configuration that decides where tokens live. */
export type TokenStoreConfig = Pick<HubConfig, 'store' | 'databaseUrl' | 'dataDir'> & {
  /** PostgreSQL schema; default `scim_hub_access` (tests pass their own). */
  readonly postgresSchema?: string;
};

/**
 * Opens the token store the configuration implies: PostgreSQL (own schema) when DATABASE_URL is set —
 * replicas must share tokens — else the SQLite file `<HUB_DATA_DIR>/access.db`, also with EventStoreDB
 * (it has no place for mutable secrets). Adapters load lazily, so a PostgreSQL deployment never loads
 * better-sqlite3 (docs/development.md).
 */
export async function openTokenStore(config: TokenStoreConfig): Promise<TokenStore> {
  if (config.databaseUrl) {
    const { PostgresTokenStore } = await import('./postgres');
    return PostgresTokenStore.open({ connectionString: config.databaseUrl, schema: config.postgresSchema });
  }
  const { SqliteTokenStore, ACCESS_DB_FILE } = await import('./sqlite');
  return SqliteTokenStore.open(join(config.dataDir, ACCESS_DB_FILE));
}
