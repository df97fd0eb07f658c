// Swapping a rebuilt PostgreSQL read model in: the live schema and the shadow schema trade names in one
// transaction. Connections find the tables through `search_path=<live schema>`, by name, so every statement
// that starts after the commit reads the new tables (PostgreSQL re-plans prepared statements when a schema
// changes); statements already running finish on the old ones, which are dropped afterwards.
import type { Pool } from 'pg';
import { inTransaction } from '@scim-hub/platform/postgres';

/** Names the shadow and retired copies of `schema` use; both must stay valid identifiers (≤ 63 bytes). */
export function companionSchemas(schema: string): { shadow: string; retired: string } {
  const names = { shadow: `${schema}_shadow`, retired: `${schema}_retired` };
  if (names.retired.length > 63) throw new Error(`read-model schema name too long for a rebuild: ${schema}`);
  return names;
}

/** Makes `shadow` the live schema `live` atomically and drops the old live tables. */
export async function swapPostgresSchemas(pool: Pool, live: string, shadow: string): Promise<void> {
  const { retired } = companionSchemas(live);
  await pool.query(`DROP SCHEMA IF EXISTS "${retired}" CASCADE`);
  await inTransaction(pool, async (client) => {
    await client.query(`ALTER SCHEMA "${live}" RENAME TO "${retired}"`);
    await client.query(`ALTER SCHEMA "${shadow}" RENAME TO "${live}"`);
  });
  await pool.query(`DROP SCHEMA "${retired}" CASCADE`);
}
