// An audit trail entry as the admin API and the CLI show it: the indexed metadata plus the change itself.
import { positionToString, type EventJson, type EventStore, type RecordedEvent } from '@scim-hub/event-store';
import { isErasedData } from '../erasure/personal-streams';
import type { AuditRecord } from '../index-model/audit-record';

/** One event of the audit trail with its change (`{ erased: true }` once the subject's data was erased). */
export interface AuditEntry {
  type: string;
  tenant: string;
  resourceType: string;
  resourceId: string;
  stream: string;
  revision: number;
  time: string;
  actor?: string;
  requestId?: string;
  clientAddress?: string;
  userAgent?: string;
  /** Global log position `<commit>:<prepare>`. */
  position: string;
  change: EventJson;
}

/** Reads the changes of `records` from their streams (one ranged read per stream) and builds the entries. */
export async function auditEntries(store: EventStore, records: readonly AuditRecord[]): Promise<AuditEntry[]> {
  const ranges = new Map<string, { from: number; to: number }>();
  for (const r of records) {
    const range = ranges.get(r.streamId);
    ranges.set(r.streamId, range ? { from: Math.min(range.from, r.revision), to: Math.max(range.to, r.revision) } : { from: r.revision, to: r.revision });
  }
  const events = new Map<string, RecordedEvent>();
  await Promise.all(
    [...ranges].map(async ([streamId, range]) => {
      for (const e of await store.readStream(streamId, { fromRevision: range.from, toRevision: range.to })) events.set(`${e.revision}@${streamId}`, e);
    }),
  );
  return records.map((r) => entryOf(r, events.get(`${r.revision}@${r.streamId}`)));
}

function entryOf(record: AuditRecord, event: RecordedEvent | undefined): AuditEntry {
  const { eventType, streamId, eventId: _id, position, ...rest } = record;
  const data = event?.data ?? {};
  return { type: eventType, ...rest, stream: streamId, position: positionToString(position), change: isErasedData(data) ? { erased: true } : data };
}
