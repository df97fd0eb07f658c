import type { EventStore } from '@scim-hub/event-store';
import type { HubConfig } from '@scim-hub/platform';
import { join } from 'node:path';

// Adapters are imported only when chosen, so a PostgreSQL relay never loads better-sqlite3.

/** Opens the event store HUB_STORE names (the same files and URLs as the hub). */
export async function openRelayStore(config: HubConfig): Promise<EventStore> {
  if (config.store === 'postgres' && config.databaseUrl) {
    const { openPostgresEventStore } = await import('@scim-hub/event-store/postgres');
    return openPostgresEventStore({ connectionString: config.databaseUrl });
  }
  if (config.store === 'sqlite') {
    const { openSqliteEventStore } = await import('@scim-hub/event-store/sqlite');
    return openSqliteEventStore({ file: join(config.dataDir, 'events.db') });
  }
  throw new Error(`the relay service runs on HUB_STORE=postgres or sqlite, not ${config.store}`);
}
