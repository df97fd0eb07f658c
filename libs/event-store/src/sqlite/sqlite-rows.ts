import type { NewEvent, RecordedEvent } from '../event-store.port';

/** A row of the `events` table as better-sqlite3 returns it. */
export interface SqliteEventRow {
  position: number;
  stream_id: string;
  revision: number;
  event_id: string;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
  recorded_at: string;
}

/** Columns selected whenever events are read. */
export const EVENT_COLUMNS = 'position, stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at';

/** Maps a row to the port's event; SQLite has one sequence, so commit and prepare are both `position`. */
export function toRecordedEvent(row: SqliteEventRow): RecordedEvent {
  const sequence = BigInt(row.position);
  return {
    id: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
    streamId: row.stream_id,
    revision: row.revision,
    position: { commit: sequence, prepare: sequence },
    recordedAt: row.recorded_at,
  };
}

/** Insert parameters of one event (named parameters of the insert statement). */
export function toInsertParams(streamId: string, revision: number, event: NewEvent, recordedAt: string) {
  return {
    stream_id: streamId,
    revision,
    event_id: event.id,
    type: event.type,
    schema_version: event.schemaVersion,
    data: JSON.stringify(event.data),
    metadata: JSON.stringify(event.metadata),
    recorded_at: recordedAt,
  };
}
