// One PostgreSQL transaction on a pooled connection, the way every PostgreSQL adapter of the hub runs one.
import type { Pool, PoolClient, QueryResult, QueryResultRow } from 'pg';

/**
 * Runs `work` in one transaction on a connection of `pool`: COMMIT when it resolves, ROLLBACK when it throws
 * (a failing ROLLBACK is ignored, so `work`'s own error is what the caller sees); the connection goes back to
 * the pool either way.
 */
export function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  return onConnection(pool, async (client) => {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  });
}

/** What the work of inLockedTransaction returns: its result, and the statement to send with COMMIT. */
export interface LockedWork<T> {
  readonly result: T;
  /** One statement without parameters (values written with sqlLiteral), run just before COMMIT. */
  readonly finish?: string;
}

/**
 * inTransaction for a batch writer (the read model's projector), two round trips shorter: `lock` (statements without
 * parameters: typically a lock, then the read of the writer's checkpoint) travels with BEGIN, and the `finish` statement
 * `work` returns (typically the checkpoint's update) with COMMIT, each in one simple-query message. `work` gets the rows
 * of the last `lock` statement. When `finish` fails, PostgreSQL skips the COMMIT of its message and the transaction is
 * rolled back, as when `work` throws.
 */
export function inLockedTransaction<T>(
  pool: Pool,
  lock: string,
  work: (client: PoolClient, locked: QueryResultRow[]) => Promise<LockedWork<T>>,
): Promise<T> {
  return onConnection(pool, async (client) => {
    const results = (await client.query(`BEGIN; ${lock}`)) as unknown as QueryResult[];
    const { result, finish } = await work(client, results[results.length - 1].rows);
    await client.query(finish ? `${finish}; COMMIT` : 'COMMIT');
    return result;
  });
}

// A connection of `pool` for one transaction that `run` begins and commits: rolled back when `run` throws (a failing
// ROLLBACK is ignored), released either way.
async function onConnection<T>(pool: Pool, run: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    return await run(client);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
