// The audit index in PostgreSQL (scale-out mode), in its own schema. Rows and checkpoint commit in one
// transaction; the DDL is the SQLite one (BIGINT, TEXT), placeholders are numbered here.
import { Pool, type PoolClient } from 'pg';
import { positionToString, storedPosition, type Position, type RecordedEvent } from '@scim-hub/event-store';
import type { AuditIndex, AuditListQuery, AuditPage, AuditPageRequest, AuditProjection, AuditResourceKey } from '../index-model/audit-index.port';
import { AUDIT_LINGER_MS, AUDIT_PROJECTION_NAME } from '../index-model/audit-index.port';
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
import { inTransaction, preparedName, surviveConnectionLoss } from '@scim-hub/platform/postgres';

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

// A whole batch in one statement, so one round trip: it locks the checkpoint row (FOR UPDATE serialises two writers
// of the same index; the lease normally prevents that anyway), inserts the records after that checkpoint, one array
// per column (insertRecord's parameters, transposed), and moves the checkpoint forward, never back. A single statement
// is atomic on its own; a record already there (re-delivery) is left alone. Checkpoints are `commit:prepare` text.
// COLUMN_TYPES: the PostgreSQL type of each of AUDIT_EVENT_COLUMNS, in the same order (AUDIT_DDL's types).
const COLUMN_TYPES = ['bigint', 'bigint', 'text', 'text', 'text', 'text', 'integer', 'text', 'text', 'text', 'text', 'text', 'text', 'text'];
const NAME = `$${COLUMN_TYPES.length + 1}`;
const NEXT = `$${COLUMN_TYPES.length + 2}`;
// The commit and prepare numbers of a `commit:prepare` text.
const partsOf = (text: string) => [`split_part(${text}, ':', 1)::numeric`, `split_part(${text}, ':', 2)::numeric`];
// Row constructors on both sides of every comparison: a NULL checkpoint (nothing indexed yet) then compares as
// unknown, never as the "NULL sorts last" of a composite column.
const [AT_COMMIT, AT_PREPARE] = partsOf('position');
const projectBatchSql = `WITH checkpoint AS (
    SELECT ${AT_COMMIT} AS at_commit, ${AT_PREPARE} AS at_prepare FROM audit_checkpoint WHERE name = ${NAME} FOR UPDATE
  ), inserted AS (
    INSERT INTO audit_events (${AUDIT_EVENT_COLUMNS})
    SELECT u.* FROM unnest(${COLUMN_TYPES.map((type, i) => `$${i + 1}::${type}[]`).join(', ')}) AS u(${AUDIT_EVENT_COLUMNS})
    WHERE NOT EXISTS (SELECT 1 FROM checkpoint c WHERE (u.pos_commit::numeric, u.pos_prepare::numeric) <= (c.at_commit, c.at_prepare))
    ON CONFLICT DO NOTHING
  )
  UPDATE audit_checkpoint SET position = ${NEXT}
  WHERE name = ${NAME} AND NOT EXISTS (SELECT 1 FROM checkpoint c WHERE (c.at_commit, c.at_prepare) >= (${partsOf(NEXT).join(', ')}))`;

function insertRecordsParams(records: readonly AuditRecord[]): unknown[][] {
  const rows = records.map((record) => insertRecord(record).params);
  return COLUMN_TYPES.map((_, column) => rows.map((row) => row[column]));
}

/** `?` → `$1, $2 …` (the shared SQL has no `?` inside literals). */
function numbered(statement: AuditStatement): [string, unknown[]] {
  let n = 0;
  return [statement.sql.replace(/\?/g, () => `$${++n}`), statement.params];
}

class PostgresAuditIndex implements AuditProjection, AuditIndex {
  readonly name = AUDIT_PROJECTION_NAME;
  readonly lingerMs = AUDIT_LINGER_MS;

  constructor(private readonly pool: Pool) {}

  async checkpoint(): Promise<Position | undefined> {
    return storedPosition((await this.pool.query('SELECT position FROM audit_checkpoint WHERE name = $1', [this.name])).rows[0]?.position);
  }

  async project(events: RecordedEvent[]): Promise<void> {
    const batch = planAuditBatch(events, undefined);
    if (!batch.checkpoint) return;
    const params = [...insertRecordsParams(batch.records), this.name, positionToString(batch.checkpoint)];
    await this.pool.query({ text: projectBatchSql, values: params, name: preparedName(projectBatchSql) });
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
