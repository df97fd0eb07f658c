// The audit index in its own SQLite file (embedded mode). Rows and checkpoint commit in one transaction.
import Database from 'better-sqlite3';
import { positionToString, storedPosition, type Position, type RecordedEvent } from '@scim-hub/event-store';
import type { AuditIndex, AuditListQuery, AuditPage, AuditPageRequest, AuditProjection, AuditResourceKey } from '../index-model/audit-index.port';
import { AUDIT_LINGER_MS, AUDIT_PROJECTION_NAME } from '../index-model/audit-index.port';
import { planAuditBatch } from '../index-model/audit-batch';
import type { AuditRecord } from '../index-model/audit-record';
import {
  AUDIT_DDL,
  historyStatements,
  insertRecord,
  listStatements,
  recordOfRow,
  requestStatement,
  rewindStatements,
  type AuditStatement,
  type PagedStatements,
} from '../index-model/audit-sql';
import { SQLITE_PAGE_CACHE_KIB, setSqlitePageCache, setSqliteWalAutocheckpoint } from '@scim-hub/platform/sqlite';

/** File name of the audit index under HUB_DATA_DIR. */
export const AUDIT_DB_FILE = 'audit.db';

/** Opens (creating when missing) the SQLite audit index at `file`. */
export function openSqliteAuditIndex(file: string): AuditProjection {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    // Rebuildable from the log, checkpoint in the same transaction: a lost tail is re-projected.
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    // Every projected event writes a row and four index entries: fewer, larger checkpoints, as the log and read model.
    setSqliteWalAutocheckpoint(db);
    setSqlitePageCache(db, SQLITE_PAGE_CACHE_KIB.small);
    db.transaction(() => {
      for (const ddl of AUDIT_DDL) db.exec(ddl);
      db.prepare('INSERT INTO audit_checkpoint (name, position) VALUES (?, NULL) ON CONFLICT DO NOTHING').run(AUDIT_PROJECTION_NAME);
    }).immediate();
  } catch (error) {
    db.close();
    throw error;
  }
  return new SqliteAuditIndex(db);
}

class SqliteAuditIndex implements AuditProjection, AuditIndex {
  readonly name = AUDIT_PROJECTION_NAME;
  readonly lingerMs = AUDIT_LINGER_MS;
  // Prepared once per SQL text: preparing dominates a single-row insert.
  private readonly prepared = new Map<string, Database.Statement>();
  private readonly projectBatch: Database.Transaction<(events: RecordedEvent[]) => void>;

  constructor(private readonly db: Database.Database) {
    this.projectBatch = db.transaction((events: RecordedEvent[]) => {
      const batch = planAuditBatch(events, this.readCheckpoint());
      if (!batch.checkpoint) return;
      for (const record of batch.records) this.run(insertRecord(record));
      this.run({ sql: 'UPDATE audit_checkpoint SET position = ? WHERE name = ?', params: [positionToString(batch.checkpoint), this.name] });
    });
  }

  async checkpoint(): Promise<Position | undefined> {
    return this.readCheckpoint();
  }

  async project(events: RecordedEvent[]): Promise<void> {
    if (events.length > 0) this.projectBatch.immediate(events);
  }

  async reset(): Promise<void> {
    await this.rewind(undefined);
  }

  async rewind(to: Position | undefined): Promise<void> {
    this.db.transaction(() => {
      for (const statement of rewindStatements(this.name, to)) this.run(statement);
    }).immediate();
  }

  async history(key: AuditResourceKey, page: AuditPageRequest): Promise<AuditPage> {
    return this.paged(historyStatements(key, page), page);
  }

  async byRequest(requestId: string): Promise<AuditRecord[]> {
    return this.all(requestStatement(requestId)).map(recordOfRow);
  }

  async list(query: AuditListQuery): Promise<AuditPage> {
    return this.paged(listStatements(query), query);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private paged(statements: PagedStatements, page: AuditPageRequest): AuditPage {
    const [counted] = this.all(statements.count);
    const records = page.count > 0 ? this.all(statements.page).map(recordOfRow) : [];
    return { totalResults: Number(counted['n']), startIndex: page.startIndex, records };
  }

  private readCheckpoint(): Position | undefined {
    const row = this.prepare('SELECT position FROM audit_checkpoint WHERE name = ?').safeIntegers(false).get(this.name) as { position: string | null } | undefined;
    return storedPosition(row?.position);
  }

  private all(statement: AuditStatement): Record<string, unknown>[] {
    // Safe integers: positions are int64 and must not round through a double.
    return this.prepare(statement.sql).safeIntegers(true).all(...(statement.params as never[])) as Record<string, unknown>[];
  }

  private run(statement: AuditStatement): void {
    this.prepare(statement.sql).safeIntegers(false).run(...(statement.params as never[]));
  }

  private prepare(sql: string): Database.Statement {
    let statement = this.prepared.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.prepared.set(sql, statement);
    }
    return statement;
  }
}
