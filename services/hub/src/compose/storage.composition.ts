import type { EventStore } from '@scim-hub/event-store';
import { ConfigError, type HubConfig } from '@scim-hub/platform';
import type { ReadModel } from '@scim-hub/read-model';
import type { CustomSchemaDefinition } from '@scim-hub/scim';
import { resourceSchemasWith } from '@scim-hub/scim';
import { join } from 'node:path';

/** File names under HUB_DATA_DIR in embedded mode (the log and the read model are kept apart). */
export const EVENTS_DB_FILE = 'events.db';
export const READ_MODEL_DB_FILE = 'read-model.db';

// Each adapter is imported only when chosen, so a PostgreSQL deployment never loads better-sqlite3.

/**
 * Runs `open` and, when the server behind `variable` cannot be used, fails with a message that names the
 * variable (and never its credentials), so that a wrong or unreachable URL is obvious at start.
 */
export async function openNamed<T>(variable: string, open: () => Promise<T>): Promise<T> {
  try {
    return await open();
  } catch (error) {
    if (error instanceof ConfigError) throw error; // names its own variable (a missing or wrong HUB_MASTER_KEY)
    throw new Error(`cannot use the server given by ${variable}: ${(error as Error).message}`, { cause: error });
  }
}

/** Opens the event store HUB_STORE names. */
export function openEventStore(config: HubConfig): Promise<EventStore> {
  if (config.store === 'postgres') return openNamed('DATABASE_URL', () => openStore(config));
  if (config.store === 'eventstoredb') return openNamed('EVENTSTORE_URL', () => openStore(config));
  return openNamed('HUB_DATA_DIR', () => openStore(config));
}

async function openStore(config: HubConfig): Promise<EventStore> {
  switch (config.store) {
    case 'sqlite': {
      const { openSqliteEventStore } = await import('@scim-hub/event-store/sqlite');
      return openSqliteEventStore({ file: join(config.dataDir, EVENTS_DB_FILE) });
    }
    case 'postgres': {
      const { openPostgresEventStore } = await import('@scim-hub/event-store/postgres');
      return openPostgresEventStore({ connectionString: required(config.databaseUrl, 'DATABASE_URL') });
    }
    case 'eventstoredb': {
      const { openEventStoreDbEventStore } = await import('@scim-hub/event-store/eventstoredb');
      return openEventStoreDbEventStore({ connectionString: required(config.eventStoreUrl, 'EVENTSTORE_URL') });
    }
  }
}

/** Opens the read model: PostgreSQL when DATABASE_URL is set (scale-out), else SQLite (docs/architecture.md). */
export async function openReadModel(config: HubConfig, custom: readonly CustomSchemaDefinition[]): Promise<ReadModel> {
  const schemas = resourceSchemasWith(custom);
  const { databaseUrl } = config;
  if (databaseUrl) {
    const { openPostgresReadModel } = await import('@scim-hub/read-model/postgres');
    return openNamed('DATABASE_URL', () => openPostgresReadModel({ connectionString: databaseUrl, schema: 'scim_hub_read', schemas }));
  }
  const { openSqliteReadModel } = await import('@scim-hub/read-model/sqlite');
  return openNamed('HUB_DATA_DIR', () => openSqliteReadModel({ file: join(config.dataDir, READ_MODEL_DB_FILE), schemas }));
}

// The config module already refused a missing value; this keeps the types honest.
function required(value: string | undefined, name: string): string {
  if (!value) throw new Error(`${name} is required`);
  return value;
}
