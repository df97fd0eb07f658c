import type { EventStore } from '@scim-hub/event-store';
import type { HubConfig } from '@scim-hub/platform';
import type { ReadModel } from '@scim-hub/read-model';
import type { CustomSchemaDefinition } from '@scim-hub/scim';
import { resourceSchemasWith } from '@scim-hub/scim';
import { join } from 'node:path';

/** File names under HUB_DATA_DIR in embedded mode (the log and the read model are kept apart). */
export const EVENTS_DB_FILE = 'events.db';
export const READ_MODEL_DB_FILE = 'read-model.db';

// Each adapter is imported only when chosen, so a PostgreSQL deployment never loads better-sqlite3.

/** Opens the event store HUB_STORE names. */
export async function openEventStore(config: HubConfig): Promise<EventStore> {
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

/** Opens the read model: PostgreSQL when DATABASE_URL is set (scale-out), else SQLite (DESIGN.md). */
export async function openReadModel(config: HubConfig, custom: readonly CustomSchemaDefinition[]): Promise<ReadModel> {
  const schemas = resourceSchemasWith(custom);
  if (config.databaseUrl) {
    const { openPostgresReadModel } = await import('@scim-hub/read-model/postgres');
    return openPostgresReadModel({ connectionString: config.databaseUrl, schema: 'scim_hub_read', schemas });
  }
  const { openSqliteReadModel } = await import('@scim-hub/read-model/sqlite');
  return openSqliteReadModel({ file: join(config.dataDir, READ_MODEL_DB_FILE), schemas });
}

// The config module already refused a missing value; this keeps the types honest.
function required(value: string | undefined, name: string): string {
  if (!value) throw new Error(`${name} is required`);
  return value;
}
