import type Database from 'better-sqlite3';
import type { StatementTrace } from '../read-model.port';
import { translatingSqlite } from './sqlite-errors';

type Params = unknown[];

const MAX_CACHED_STATEMENTS = 500;

/**
 * Runs SQL on one better-sqlite3 connection with prepared statements cached by text, reporting each execution;
 * a file or lock that cannot be used becomes ReadModelUnavailable.
 */
export class SqliteStatements {
  private readonly cache = new Map<string, Database.Statement>();

  constructor(
    readonly db: Database.Database,
    private readonly onStatement?: (trace: StatementTrace) => void,
  ) {}

  /** Executes a write and returns the number of changed rows. */
  run(sql: string, params: Params = []): number {
    const changes = translatingSqlite(() => this.prepare(sql).run(...params).changes);
    this.onStatement?.({ sql, params, rowCount: changes });
    return changes;
  }

  /** Returns every row of a query. */
  all<T>(sql: string, params: Params = []): T[] {
    const rows = translatingSqlite(() => this.prepare(sql).all(...params) as T[]);
    this.onStatement?.({ sql, params, rowCount: rows.length });
    return rows;
  }

  /** Returns the first row of a query, if any. */
  get<T>(sql: string, params: Params = []): T | undefined {
    const row = translatingSqlite(() => this.prepare(sql).get(...params) as T | undefined);
    this.onStatement?.({ sql, params, rowCount: row === undefined ? 0 : 1 });
    return row;
  }

  // Least-recently-used eviction: filter texts vary with the filter's shape (values are parameters),
  // so clients could otherwise grow the cache without bound.
  private prepare(sql: string): Database.Statement {
    let statement = this.cache.get(sql);
    if (statement) {
      this.cache.delete(sql);
    } else {
      statement = this.db.prepare(sql);
      if (this.cache.size >= MAX_CACHED_STATEMENTS) this.cache.delete(this.cache.keys().next().value as string);
    }
    this.cache.set(sql, statement);
    return statement;
  }
}
