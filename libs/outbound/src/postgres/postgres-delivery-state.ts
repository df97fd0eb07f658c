// The delivery state in PostgreSQL (scale-out mode): the same tables as the SQLite adapter, in a schema of
// their own, through a pg pool whose connections use that schema.
import { Pool } from 'pg';
import { positionFromString, type Position } from '@scim-hub/event-store';
import type { DeliveredResource, DeliveryStateStore, ParkedChange, QuarantineState } from '../state/delivery-state.port';
import { byPosition, parkedFromJson, parkedToJson, positionText, type StoredParkedChange } from '../state/delivery-state.rows';
import type { TargetResourceType } from '../target.definition';
import { inTransaction, surviveConnectionLoss } from '@scim-hub/platform/postgres';

/** Options of the PostgreSQL delivery state. */
export interface PostgresDeliveryStateOptions {
  connectionString: string;
  /** PostgreSQL schema holding the tables (created when missing); letters, digits and `_` only. */
  schema: string;
  /** Pool size (default 4). */
  maxConnections?: number;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS outbound_cursor (target_id TEXT PRIMARY KEY, position TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS outbound_resource (
    target_id TEXT NOT NULL, resource_type TEXT NOT NULL, source_id TEXT NOT NULL, target_resource_id TEXT, data JSONB NOT NULL,
    PRIMARY KEY (target_id, resource_type, source_id));
  CREATE TABLE IF NOT EXISTS outbound_deferred (
    target_id TEXT NOT NULL, waiter TEXT NOT NULL, referenced_id TEXT NOT NULL, PRIMARY KEY (target_id, waiter, referenced_id));
  CREATE INDEX IF NOT EXISTS outbound_deferred_referenced ON outbound_deferred (target_id, referenced_id);
  CREATE TABLE IF NOT EXISTS outbound_parked (
    target_id TEXT NOT NULL, resource_type TEXT NOT NULL, source_id TEXT NOT NULL, data JSONB NOT NULL,
    PRIMARY KEY (target_id, resource_type, source_id));
  CREATE TABLE IF NOT EXISTS outbound_quarantine (target_id TEXT PRIMARY KEY, data JSONB NOT NULL);
`;

const TABLES = ['outbound_cursor', 'outbound_resource', 'outbound_deferred', 'outbound_parked', 'outbound_quarantine'];

/** Opens (and creates) the delivery state in a PostgreSQL schema. */
export async function openPostgresDeliveryState(options: PostgresDeliveryStateOptions): Promise<DeliveryStateStore> {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(options.schema)) throw new Error(`invalid delivery-state schema name: ${options.schema}`);
  const pool = surviveConnectionLoss(new Pool({ connectionString: options.connectionString, max: options.maxConnections ?? 4, options: `-c search_path=${options.schema}` }));
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`);
    await pool.query(SCHEMA);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return new PostgresDeliveryState(pool);
}

/** The PostgreSQL delivery-state adapter. */
export class PostgresDeliveryState implements DeliveryStateStore {
  constructor(private readonly pool: Pool) {}

  async cursor(targetId: string): Promise<Position | undefined> {
    const { rows } = await this.pool.query<{ position: string }>('SELECT position FROM outbound_cursor WHERE target_id = $1', [targetId]);
    return rows[0] ? positionFromString(rows[0].position) : undefined;
  }

  async saveCursor(targetId: string, position: Position): Promise<void> {
    await this.pool.query(
      'INSERT INTO outbound_cursor (target_id, position) VALUES ($1, $2) ON CONFLICT (target_id) DO UPDATE SET position = excluded.position',
      [targetId, positionText(position)],
    );
  }

  async resetCursor(targetId: string): Promise<void> {
    await this.pool.query('DELETE FROM outbound_cursor WHERE target_id = $1', [targetId]);
  }

  async resource(targetId: string, resourceType: TargetResourceType, sourceId: string): Promise<DeliveredResource | undefined> {
    const { rows } = await this.pool.query<{ data: DeliveredResource }>(
      'SELECT data FROM outbound_resource WHERE target_id = $1 AND resource_type = $2 AND source_id = $3',
      [targetId, resourceType, sourceId],
    );
    return rows[0]?.data;
  }

  async saveResource(targetId: string, resource: DeliveredResource): Promise<void> {
    await this.pool.query(
      `INSERT INTO outbound_resource (target_id, resource_type, source_id, target_resource_id, data) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (target_id, resource_type, source_id) DO UPDATE SET target_resource_id = excluded.target_resource_id, data = excluded.data`,
      [targetId, resource.resourceType, resource.sourceId, resource.targetId ?? null, JSON.stringify(resource)],
    );
  }

  async resources(targetId: string, resourceType: TargetResourceType): Promise<DeliveredResource[]> {
    const { rows } = await this.pool.query<{ data: DeliveredResource }>(
      'SELECT data FROM outbound_resource WHERE target_id = $1 AND resource_type = $2',
      [targetId, resourceType],
    );
    return rows.map((row) => row.data);
  }

  async targetIds(targetId: string, resourceType: TargetResourceType, sourceIds: string[]): Promise<Map<string, string>> {
    const { rows } = await this.pool.query<{ source_id: string; target_resource_id: string }>(
      `SELECT source_id, target_resource_id FROM outbound_resource
       WHERE target_id = $1 AND resource_type = $2 AND source_id = ANY($3) AND target_resource_id IS NOT NULL`,
      [targetId, resourceType, sourceIds],
    );
    return new Map(rows.map((row) => [row.source_id, row.target_resource_id]));
  }

  async setDeferred(targetId: string, waiter: string, referencedIds: string[]): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await client.query('DELETE FROM outbound_deferred WHERE target_id = $1 AND waiter = $2', [targetId, waiter]);
      await client.query(
        'INSERT INTO outbound_deferred (target_id, waiter, referenced_id) SELECT $1, $2, unnest($3::text[]) ON CONFLICT DO NOTHING',
        [targetId, waiter, referencedIds],
      );
    });
  }

  async waitingFor(targetId: string, referencedId: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ waiter: string }>(
      'SELECT waiter FROM outbound_deferred WHERE target_id = $1 AND referenced_id = $2 ORDER BY waiter',
      [targetId, referencedId],
    );
    return rows.map((row) => row.waiter);
  }

  async park(targetId: string, change: ParkedChange): Promise<void> {
    await this.pool.query(
      `INSERT INTO outbound_parked (target_id, resource_type, source_id, data) VALUES ($1, $2, $3, $4)
       ON CONFLICT (target_id, resource_type, source_id) DO UPDATE SET data = excluded.data`,
      [targetId, change.resourceType, change.sourceId, parkedToJson(change)],
    );
  }

  async unpark(targetId: string, resourceType: TargetResourceType, sourceId: string): Promise<void> {
    await this.pool.query('DELETE FROM outbound_parked WHERE target_id = $1 AND resource_type = $2 AND source_id = $3', [targetId, resourceType, sourceId]);
  }

  async parked(targetId: string): Promise<ParkedChange[]> {
    const { rows } = await this.pool.query<{ data: StoredParkedChange }>('SELECT data FROM outbound_parked WHERE target_id = $1', [targetId]);
    return rows.map((row) => parkedFromJson(row.data)).sort(byPosition);
  }

  async isParked(targetId: string, resourceType: TargetResourceType, sourceId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      'SELECT 1 FROM outbound_parked WHERE target_id = $1 AND resource_type = $2 AND source_id = $3',
      [targetId, resourceType, sourceId],
    );
    return (rowCount ?? 0) > 0;
  }

  async quarantine(targetId: string): Promise<QuarantineState | undefined> {
    const { rows } = await this.pool.query<{ data: QuarantineState }>('SELECT data FROM outbound_quarantine WHERE target_id = $1', [targetId]);
    return rows[0]?.data;
  }

  async saveQuarantine(targetId: string, state: QuarantineState | undefined): Promise<void> {
    if (!state) await this.pool.query('DELETE FROM outbound_quarantine WHERE target_id = $1', [targetId]);
    else
      await this.pool.query(
        'INSERT INTO outbound_quarantine (target_id, data) VALUES ($1, $2) ON CONFLICT (target_id) DO UPDATE SET data = excluded.data',
        [targetId, JSON.stringify(state)],
      );
  }

  async dropTarget(targetId: string): Promise<void> {
    for (const table of TABLES) await this.pool.query(`DELETE FROM ${table} WHERE target_id = $1`, [targetId]);
  }

  async close(): Promise<void> {
    await this.pool.end().catch(() => undefined);
  }
}
