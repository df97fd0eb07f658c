import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { ReadModelUnavailable } from '../read-model.errors';
import type { StatementTrace } from '../read-model.port';

type Queryable = Pool | PoolClient;

/** Runs SQL on a pg pool or client, naming static statements so each connection prepares them once. */
export class PostgresStatements {
  constructor(private readonly onStatement?: (trace: StatementTrace) => void) {}

  /**
   * Executes one statement. `prepared` names it by a hash of its text; use it only for texts that do not
   * vary per call (filters and IN lists do), or every connection would keep growing its statement cache.
   */
  async query<T>(on: Queryable, sql: string, params: unknown[] = [], prepared = false): Promise<T[]> {
    const name = prepared ? 'rm_' + createHash('sha1').update(sql).digest('hex').slice(0, 20) : undefined;
    try {
      const result = await on.query({ text: sql, values: params, ...(name ? { name } : {}) });
      this.onStatement?.({ sql, params, rowCount: result.rowCount ?? undefined });
      return result.rows as T[];
    } catch (error) {
      throw translatePgError(error);
    }
  }
}

// SQLSTATE classes that mean "try again later": connection exceptions (08), insufficient resources (53),
// operator intervention (57, e.g. 57P01 when pg_terminate_backend ends the session), system errors (58).
const TRANSIENT_SQLSTATE = /^(08|53|57|58)/;
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN', 'EHOSTUNREACH']);
// pg reports a socket closed under it without a code, only by message.
const DRIVER_MESSAGES = /Connection terminated|connection error|not queryable|timeout exceeded when trying to connect|pool after calling end/i;

// Connection-level failures become the port's ReadModelUnavailable; anything else (a bug, a constraint) is
// passed on unchanged. The same rules as the PostgreSQL event store's.
export function translatePgError(error: unknown): unknown {
  if (error instanceof ReadModelUnavailable) return error;
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const byCode = typeof code === 'string' && (NETWORK_CODES.has(code) || (code.length === 5 && TRANSIENT_SQLSTATE.test(code)));
  if (byCode || (typeof message === 'string' && DRIVER_MESSAGES.test(message))) {
    return new ReadModelUnavailable(`read model database unavailable (${typeof code === 'string' ? code : String(message)})`, error);
  }
  return error;
}
