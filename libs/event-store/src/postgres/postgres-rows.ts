import type { Position, RecordedEvent } from '../event-store.port';

/** A row of the `events` table as `pg` returns it (bigint and xid8 as text). */
export interface PostgresEventRow {
  global_position: string;
  transaction_id: string;
  stream_id: string;
  revision: string;
  event_id: string;
  type: string;
  schema_version: number;
  data: Record<string, unknown>;
  metadata: RecordedEvent['metadata'];
  recorded_at: Date;
}

/** Columns selected whenever events are read (xid8 read as text), optionally qualified by a table alias. */
export function eventColumns(alias?: string): string {
  const p = alias ? `${alias}.` : '';
  return [
    `${p}global_position`,
    `${p}transaction_id::text AS transaction_id`,
    ...['stream_id', 'revision', 'event_id', 'type', 'schema_version', 'data', 'metadata', 'recorded_at'].map((c) => p + c),
  ].join(', ');
}

/** Unqualified event columns. */
export const EVENT_COLUMNS = eventColumns();

/** Position of a row: (transaction id, global position). */
export function rowPosition(row: { transaction_id: string; global_position: string }): Position {
  return { commit: BigInt(row.transaction_id), prepare: BigInt(row.global_position) };
}

/** Maps a row to the port's event. */
export function toRecordedEvent(row: PostgresEventRow): RecordedEvent {
  return {
    id: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    streamId: row.stream_id,
    revision: Number(row.revision),
    position: rowPosition(row),
    recordedAt: row.recorded_at.toISOString(),
  };
}
