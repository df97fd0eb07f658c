// The audit index in PostgreSQL (scale-out mode), in its own schema. Rows and checkpoint commit in one
// transaction; the DDL is the SQLite one (BIGINT, TEXT), placeholders are numbered here.
import pg, { Pool, type PoolClient } from 'pg';
import { positionFromString, positionToString, type Position, type RecordedEvent } from '@scim-hub/event-store';
import type { AuditIndex, AuditListQuery, AuditPage, AuditPageRequest, AuditProjection, AuditResourceKey } from '../index-model/audit-index.port';
import { AUDIT_PROJECTION_NAME } from '../index-model/audit-index.port';
import { planAuditBatch } from '../index-model/audit-batch';
import type { AuditRecord } from '../index-model/audit-record';
import {
  AUDIT_DDL,
  AUDIT_EVENT_COLUMNS,
  historyStatements,
  insertRecord,
  listStatements,
  recordOfRow,
  requestStatement,
  rewindStatements,
  type AuditStatement,
  type PagedStatements,
} from '../index-model/audit-sql';
import { inLockedTransaction, inTransaction, preparedName, surviveConnectionLoss } from '@scim-hub/platform/postgres';

/** Options of the PostgreSQL audit index. */
export interface PostgresAuditIndexOptions {
  connectionString: string;
  /** Schema holding the tables (created when missing); letters, digits and `_`. Default `scim_hub_audit`. */
  schema?: string;
  maxConnections?: number;
}

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** Opens (creating tables when missing) the PostgreSQL audit index. */
export async function openPostgresAuditIndex(options: PostgresAuditIndexOptions): Promise<AuditProjection> {
  const schema = options.schema ?? 'scim_hub_audit';
  if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid audit schema name: ${schema}`);
  const pool = surviveConnectionLoss(new Pool({ connectionString: options.connectionString, max: options.maxConnections ?? 4, options: `-c search_path=${schema}` }));
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    for (const ddl of AUDIT_DDL) await pool.query(ddl);
    await pool.query('INSERT INTO audit_checkpoint (name, position) VALUES ($1, NULL) ON CONFLICT DO NOTHING', [AUDIT_PROJECTION_NAME]);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return new PostgresAuditIndex(pool);
}

// A batch's records in one statement, one array per column (insertRecord's parameters, transposed), so a batch
// costs one round trip instead of one per event; a record already there (re-delivery) is left alone.
// COLUMN_TYPES: the PostgreSQL type of each of AUDIT_EVENT_COLUMNS, in the same order (AUDIT_DDL's types).
const COLUMN_TYPES = ['bigint', 'bigint', 'text', 'text', 'text', 'text', 'integer', 'text', 'text', 'text', 'text', 'text', 'text', 'text'];
const insertRecordsSql = `INSERT INTO audit_events (${AUDIT_EVENT_COLUMNS})
  SELECT * FROM unnest(${COLUMN_TYPES.map((type, i) => `$${i + 1}::${type}[]`).join(', ')}) ON CONFLICT DO NOTHING`;

function insertRecordsParams(records: readonly AuditRecord[]): unknown[][] {
  const rows = records.map((record) => insertRecord(record).params);
  return COLUMN_TYPES.map((_, column) => rows.map((row) => row[column]));
}

/** `?` → `$1, $2 …` (the shared SQL has no `?` inside literals). */
function numbered(statement: AuditStatement): [string, unknown[]] {
  let n = 0;
  return [statement.sql.replace(/\?/g, () => `$${++n}`), statement.params];
}

function positionOf(rows: { position?: string | null }[]): Position | undefined {
  const text = rows[0]?.position;
  return text ? positionFromString(text) : undefined;
}

class PostgresAuditIndex implements AuditProjection, AuditIndex {
  readonly name = AUDIT_PROJECTION_NAME;

  constructor(private readonly pool: Pool) {}

  async checkpoint(): Promise<Position | undefined> {
    return positionOf((await this.pool.query('SELECT position FROM audit_checkpoint WHERE name = $1', [this.name])).rows);
  }

  async project(events: RecordedEvent[]): Promise<void> {
    if (events.length === 0) return;
    // The row lock serialises two writers of the same index (the lease normally prevents that anyway); it travels
    // with BEGIN, and the checkpoint's update with COMMIT (inLockedTransaction).
    const name = pg.escapeLiteral(this.name);
    await inLockedTransaction(this.pool, `SELECT position FROM audit_checkpoint WHERE name = ${name} FOR UPDATE`, async (client, locked) => {
      const batch = planAuditBatch(events, positionOf(locked));
      if (!batch.checkpoint) return { result: undefined };
      if (batch.records.length > 0) await client.query({ text: insertRecordsSql, values: insertRecordsParams(batch.records), name: preparedName(insertRecordsSql) });
      return { result: undefined, finish: `UPDATE audit_checkpoint SET position = ${pg.escapeLiteral(positionToString(batch.checkpoint))} WHERE name = ${name}` };
    });
  }

  async reset(): Promise<void> {
    await this.rewind(undefined);
  }

  async rewind(to: Position | undefined): Promise<void> {
    await this.transaction(async (client) => {
      for (const statement of rewindStatements(this.name, to)) await client.query(...numbered(statement));
    });
  }

  history(key: AuditResourceKey, page: AuditPageRequest): Promise<AuditPage> {
    return this.paged(historyStatements(key, page), page);
  }

  async byRequest(requestId: string): Promise<AuditRecord[]> {
    return (await this.pool.query(...numbered(requestStatement(requestId)))).rows.map(recordOfRow);
  }

  list(query: AuditListQuery): Promise<AuditPage> {
    return this.paged(listStatements(query), query);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async paged(statements: PagedStatements, page: AuditPageRequest): Promise<AuditPage> {
    const counted = await this.pool.query(...numbered(statements.count));
    const records = page.count > 0 ? (await this.pool.query(...numbered(statements.page))).rows.map(recordOfRow) : [];
    return { totalResults: Number(counted.rows[0].n), startIndex: page.startIndex, records };
  }

  private transaction(work: (client: PoolClient) => Promise<void>): Promise<void> {
    return inTransaction(this.pool, work);
  }
}
