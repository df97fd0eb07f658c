import type { Pool, PoolClient } from 'pg';
import { ReadModelUnavailable } from '../read-model.errors';
import type { StatementTrace } from '../read-model.port';
import { pgUnavailableReason, preparedName } from '@scim-hub/platform/postgres';

type Queryable = Pool | PoolClient;

/** How many different texts may be prepared by name besides the static ones (see StatementNames). */
export const MAX_PREPARED_TEXTS = 256;
/** How many texts seen once are remembered while waiting to be seen again. */
const MAX_SEEN_ONCE = 1024;

/**
 * Runs SQL on a pg pool or client. Static statements, and any text that recurs, run as named prepared statements,
 * which each connection parses and plans once: PostgreSQL then answers a filter about four times as fast as when it
 * parses the text every time, and the hub spends less CPU per statement (docs/performance-history.md, round 12).
 */
export class PostgresStatements {
  private readonly names = new StatementNames();

  constructor(private readonly onStatement?: (trace: StatementTrace) => void) {}

  /**
   * Executes one statement. `prepared`: the text is static (it does not vary per call), so it is named at once;
   * other texts (a filter's shape, an IN list's length) are named from their second use on, within MAX_PREPARED_TEXTS.
   */
  async query<T>(on: Queryable, sql: string, params: unknown[] = [], prepared = false): Promise<T[]> {
    try {
      const name = this.names.nameOf(sql, prepared);
      // Unnamed: pg's text-and-values form, which saves pg copying a config object on every call.
      const result = name ? await on.query({ text: sql, values: params, name }) : await on.query(sql, params);
      this.onStatement?.({ sql, params, rowCount: result.rowCount ?? undefined });
      return result.rows as T[];
    } catch (error) {
      throw translatePgError(error);
    }
  }
}

/**
 * Statement names by text. Every connection keeps each statement it prepared until it closes, so the texts that get a
 * name are bounded: the static ones, and at most MAX_PREPARED_TEXTS others, each only once it has been used twice (a
 * client sending ever new filter shapes fills the bound at most once; past it, new texts run unnamed).
 */
class StatementNames {
  private readonly named = new Set<string>();
  private readonly seenOnce = new Set<string>();
  private recurring = 0;

  nameOf(sql: string, isStatic: boolean): string | undefined {
    if (!this.named.has(sql)) {
      if (!isStatic && !this.recurs(sql)) return undefined;
      this.named.add(sql);
    }
    return preparedName(sql);
  }

  // True the second time a text is seen, while fewer than MAX_PREPARED_TEXTS have been named this way.
  private recurs(sql: string): boolean {
    if (this.recurring >= MAX_PREPARED_TEXTS) return false;
    if (!this.seenOnce.delete(sql)) {
      if (this.seenOnce.size >= MAX_SEEN_ONCE) this.seenOnce.clear();
      this.seenOnce.add(sql);
      return false;
    }
    this.recurring++;
    return true;
  }
}

// Connection-level failures become the port's ReadModelUnavailable; anything else (a bug, a constraint) is
// passed on unchanged. The same rules as every PostgreSQL adapter's (pgUnavailableReason).
export function translatePgError(error: unknown): unknown {
  if (error instanceof ReadModelUnavailable) return error;
  const reason = pgUnavailableReason(error);
  return reason === undefined ? error : new ReadModelUnavailable(`read model database unavailable (${reason})`, error);
}
