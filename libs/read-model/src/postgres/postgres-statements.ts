import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { ReadModelUnavailable } from '../read-model.errors';
import type { StatementTrace } from '../read-model.port';
import { pgUnavailableReason } from '@scim-hub/platform/postgres';

type Queryable = Pool | PoolClient;

/** Runs SQL on a pg pool or client, naming static statements so each connection prepares them once. */
export class PostgresStatements {
  constructor(private readonly onStatement?: (trace: StatementTrace) => void) {}

  /**
   * Executes one statement. `prepared` names it by a hash of its text; use it only for texts that do not
   * vary per call (filters and IN lists do), or every connection would keep growing its statement cache.
   */
  async query<T>(on: Queryable, sql: string, params: unknown[] = [], prepared = false): Promise<T[]> {
    try {
      // The text-and-values form: pg copies a config object property by property on every call.
      const result = prepared ? await on.query({ text: sql, values: params, name: statementName(sql) }) : await on.query(sql, params);
      this.onStatement?.({ sql, params, rowCount: result.rowCount ?? undefined });
      return result.rows as T[];
    } catch (error) {
      throw translatePgError(error);
    }
  }
}

// Names of the static statements, by text: a fixed set, so the map stays small.
const NAMES = new Map<string, string>();

function statementName(sql: string): string {
  let name = NAMES.get(sql);
  if (name === undefined) NAMES.set(sql, (name = 'rm_' + createHash('sha1').update(sql).digest('hex').slice(0, 20)));
  return name;
}

// Connection-level failures become the port's ReadModelUnavailable; anything else (a bug, a constraint) is
// passed on unchanged. The same rules as every PostgreSQL adapter's (pgUnavailableReason).
export function translatePgError(error: unknown): unknown {
  if (error instanceof ReadModelUnavailable) return error;
  const reason = pgUnavailableReason(error);
  return reason === undefined ? error : new ReadModelUnavailable(`read model database unavailable (${reason})`, error);
}
