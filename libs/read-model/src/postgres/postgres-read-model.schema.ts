import type { Pool } from 'pg';
import { postgresReadModelDdl } from '../sql';
import { inTransaction } from '@scim-hub/platform/postgres';

const CHECKPOINT_DDL = [
  'CREATE TABLE IF NOT EXISTS scim_read_model_checkpoint (name text PRIMARY KEY, position text)',
  "INSERT INTO scim_read_model_checkpoint (name, position) VALUES ('scim', NULL) ON CONFLICT DO NOTHING",
];

// Serialises concurrent starts (several projector replicas): CREATE ... IF NOT EXISTS alone can still
// race on the catalog. The lock id is fixed and only this migration uses it.
const MIGRATION_LOCK = 7_042_001;

/** Creates the schema, the read-model tables and the checkpoint table when missing; idempotent. */
export async function migratePostgresReadModel(pool: Pool, schema: string): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    for (const ddl of [...postgresReadModelDdl(schema), ...CHECKPOINT_DDL]) await client.query(ddl);
  });
}
