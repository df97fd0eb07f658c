// The delivery state in a SQLite file (embedded mode). better-sqlite3 is synchronous and the dispatcher
// is one process, so every method is one short statement (or one transaction).
import Database from 'better-sqlite3';
import { positionFromString, type Position } from '@scim-hub/event-store';
import type { DeliveredResource, DeliveryStateStore, ParkedChange, QuarantineState } from '../state/delivery-state.port';
import { byPosition, parkedFromJson, parkedToJson, positionText } from '../state/delivery-state.rows';
import type { TargetResourceType } from '../target.definition';
import { SQLITE_PAGE_CACHE_KIB, setSqlitePageCache } from '@scim-hub/platform/sqlite';

/** Options of the SQLite delivery state. */
export interface SqliteDeliveryStateOptions {
  /** Database file (created when missing). */
  file: string;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS outbound_cursor (target_id TEXT PRIMARY KEY, position TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS outbound_resource (
    target_id TEXT NOT NULL, resource_type TEXT NOT NULL, source_id TEXT NOT NULL, target_resource_id TEXT, data TEXT NOT NULL,
    PRIMARY KEY (target_id, resource_type, source_id));
  CREATE TABLE IF NOT EXISTS outbound_deferred (
    target_id TEXT NOT NULL, waiter TEXT NOT NULL, referenced_id TEXT NOT NULL, PRIMARY KEY (target_id, waiter, referenced_id));
  CREATE INDEX IF NOT EXISTS outbound_deferred_referenced ON outbound_deferred (target_id, referenced_id);
  CREATE TABLE IF NOT EXISTS outbound_parked (
    target_id TEXT NOT NULL, resource_type TEXT NOT NULL, source_id TEXT NOT NULL, data TEXT NOT NULL,
    PRIMARY KEY (target_id, resource_type, source_id));
  CREATE TABLE IF NOT EXISTS outbound_quarantine (target_id TEXT PRIMARY KEY, data TEXT NOT NULL);
`;

const TABLES = ['outbound_cursor', 'outbound_resource', 'outbound_deferred', 'outbound_parked', 'outbound_quarantine'];

/** Opens (and creates) the delivery state in a SQLite file. */
export function openSqliteDeliveryState(options: SqliteDeliveryStateOptions): DeliveryStateStore {
  const db = new Database(options.file);
  db.pragma('journal_mode = WAL');
  // A commit lost to a power cut is harmless here: the cursor is behind it and delivery is idempotent
  // (match before create), so the fsync per commit that FULL costs buys nothing.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  setSqlitePageCache(db, SQLITE_PAGE_CACHE_KIB.small);
  db.exec(SCHEMA);
  return new SqliteDeliveryState(db);
}

/** The SQLite delivery-state adapter. */
export class SqliteDeliveryState implements DeliveryStateStore {
  constructor(private readonly db: Database.Database) {}

  async cursor(targetId: string): Promise<Position | undefined> {
    const row = this.db.prepare('SELECT position FROM outbound_cursor WHERE target_id = ?').get(targetId) as { position: string } | undefined;
    return row ? positionFromString(row.position) : undefined;
  }

  async saveCursor(targetId: string, position: Position): Promise<void> {
    this.db
      .prepare('INSERT INTO outbound_cursor (target_id, position) VALUES (?, ?) ON CONFLICT (target_id) DO UPDATE SET position = excluded.position')
      .run(targetId, positionText(position));
  }

  async resetCursor(targetId: string): Promise<void> {
    this.db.prepare('DELETE FROM outbound_cursor WHERE target_id = ?').run(targetId);
  }

  async resource(targetId: string, resourceType: TargetResourceType, sourceId: string): Promise<DeliveredResource | undefined> {
    const row = this.db
      .prepare('SELECT data FROM outbound_resource WHERE target_id = ? AND resource_type = ? AND source_id = ?')
      .get(targetId, resourceType, sourceId) as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as DeliveredResource) : undefined;
  }

  async saveResource(targetId: string, resource: DeliveredResource): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO outbound_resource (target_id, resource_type, source_id, target_resource_id, data) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (target_id, resource_type, source_id) DO UPDATE SET target_resource_id = excluded.target_resource_id, data = excluded.data`,
      )
      .run(targetId, resource.resourceType, resource.sourceId, resource.targetId ?? null, JSON.stringify(resource));
  }

  async resources(targetId: string, resourceType: TargetResourceType): Promise<DeliveredResource[]> {
    const rows = this.db.prepare('SELECT data FROM outbound_resource WHERE target_id = ? AND resource_type = ?').all(targetId, resourceType) as { data: string }[];
    return rows.map((row) => JSON.parse(row.data) as DeliveredResource);
  }

  async targetIds(targetId: string, resourceType: TargetResourceType, sourceIds: string[]): Promise<Map<string, string>> {
    const select = this.db.prepare(
      'SELECT target_resource_id FROM outbound_resource WHERE target_id = ? AND resource_type = ? AND source_id = ? AND target_resource_id IS NOT NULL',
    );
    const found = new Map<string, string>();
    for (const sourceId of sourceIds) {
      const row = select.get(targetId, resourceType, sourceId) as { target_resource_id: string } | undefined;
      if (row) found.set(sourceId, row.target_resource_id);
    }
    return found;
  }

  async setDeferred(targetId: string, waiter: string, referencedIds: string[]): Promise<void> {
    const insert = this.db.prepare('INSERT OR IGNORE INTO outbound_deferred (target_id, waiter, referenced_id) VALUES (?, ?, ?)');
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM outbound_deferred WHERE target_id = ? AND waiter = ?').run(targetId, waiter);
      for (const referencedId of referencedIds) insert.run(targetId, waiter, referencedId);
    })();
  }

  async waitingFor(targetId: string, referencedId: string): Promise<string[]> {
    const rows = this.db.prepare('SELECT waiter FROM outbound_deferred WHERE target_id = ? AND referenced_id = ? ORDER BY waiter').all(targetId, referencedId);
    return (rows as { waiter: string }[]).map((row) => row.waiter);
  }

  async park(targetId: string, change: ParkedChange): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO outbound_parked (target_id, resource_type, source_id, data) VALUES (?, ?, ?, ?)
         ON CONFLICT (target_id, resource_type, source_id) DO UPDATE SET data = excluded.data`,
      )
      .run(targetId, change.resourceType, change.sourceId, parkedToJson(change));
  }

  async unpark(targetId: string, resourceType: TargetResourceType, sourceId: string): Promise<void> {
    this.db.prepare('DELETE FROM outbound_parked WHERE target_id = ? AND resource_type = ? AND source_id = ?').run(targetId, resourceType, sourceId);
  }

  async parked(targetId: string): Promise<ParkedChange[]> {
    const rows = this.db.prepare('SELECT data FROM outbound_parked WHERE target_id = ?').all(targetId) as { data: string }[];
    return rows.map((row) => parkedFromJson(row.data)).sort(byPosition);
  }

  async isParked(targetId: string, resourceType: TargetResourceType, sourceId: string): Promise<boolean> {
    return !!this.db.prepare('SELECT 1 FROM outbound_parked WHERE target_id = ? AND resource_type = ? AND source_id = ?').get(targetId, resourceType, sourceId);
  }

  async quarantine(targetId: string): Promise<QuarantineState | undefined> {
    const row = this.db.prepare('SELECT data FROM outbound_quarantine WHERE target_id = ?').get(targetId) as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as QuarantineState) : undefined;
  }

  async saveQuarantine(targetId: string, state: QuarantineState | undefined): Promise<void> {
    if (!state) this.db.prepare('DELETE FROM outbound_quarantine WHERE target_id = ?').run(targetId);
    else
      this.db
        .prepare('INSERT INTO outbound_quarantine (target_id, data) VALUES (?, ?) ON CONFLICT (target_id) DO UPDATE SET data = excluded.data')
        .run(targetId, JSON.stringify(state));
  }

  async dropTarget(targetId: string): Promise<void> {
    this.db.transaction(() => {
      for (const table of TABLES) this.db.prepare(`DELETE FROM ${table} WHERE target_id = ?`).run(targetId);
    })();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
