// One PostgreSQL transaction on a pooled connection, the way every PostgreSQL adapter of the hub runs one.
import type { Pool, PoolClient } from 'pg';

/**
 * Runs `work` in one transaction on a connection of `pool`: COMMIT when it resolves, ROLLBACK when it throws
 * (a failing ROLLBACK is ignored, so `work`'s own error is what the caller sees); the connection goes back to
 * the pool either way.
 */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
