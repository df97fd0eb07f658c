import { comparePositions, type Position, type RecordedEvent } from '@scim-hub/event-store';
import { auditRecordOf, type AuditRecord } from './audit-record';

/** What one batch writes: the records to insert and the new checkpoint (undefined: nothing new). */
export interface AuditBatch {
  records: AuditRecord[];
  checkpoint: Position | undefined;
}

/** Plans a batch: skips events at or before `checkpoint` (re-delivery), indexes the audited ones. */
export function planAuditBatch(events: RecordedEvent[], checkpoint: Position | undefined): AuditBatch {
  const batch: AuditBatch = { records: [], checkpoint: undefined };
  let last = checkpoint;
  for (const event of events) {
    if (last && comparePositions(event.position, last) <= 0) continue;
    last = event.position;
    batch.checkpoint = event.position;
    const record = auditRecordOf(event);
    if (record) batch.records.push(record);
  }
  return batch;
}
