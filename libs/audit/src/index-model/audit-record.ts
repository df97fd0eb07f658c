// One row of the audit index per event of a resource stream: the facts an auditor searches by. It holds
// metadata only (who, when, from where, which resource), never attribute values, so erasure never has to
// touch it (docs/audit.md).
import type { Position, RecordedEvent } from '@scim-hub/event-store';
import { parseAuditedStream, type AuditedResourceType } from './audited-stream';

/** An indexed event: where it sits (stream, revision, log position) and its audit metadata. */
export interface AuditRecord {
  tenant: string;
  resourceType: AuditedResourceType;
  resourceId: string;
  streamId: string;
  /** 0-based revision within `streamId`. */
  revision: number;
  eventType: string;
  eventId: string;
  /** ISO-8601 UTC with milliseconds: when the command was decided (metadata.time), else when it was stored. */
  time: string;
  actor?: string;
  requestId?: string;
  clientAddress?: string;
  userAgent?: string;
  position: Position;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** The audit record of an event, or undefined for streams the index does not cover (uniqueness reservations). */
export function auditRecordOf(event: RecordedEvent): AuditRecord | undefined {
  const stream = parseAuditedStream(event.streamId);
  if (!stream) return undefined;
  const meta = event.metadata ?? { tenant: stream.tenant, time: event.recordedAt };
  return {
    tenant: stream.tenant,
    resourceType: stream.resourceType,
    resourceId: stream.id,
    streamId: event.streamId,
    revision: event.revision,
    eventType: event.type,
    eventId: event.id,
    time: eventTime(event),
    actor: text(meta.actor),
    requestId: text(meta.requestId),
    clientAddress: text(meta.clientAddress),
    userAgent: text(meta.userAgent),
    position: event.position,
  };
}

// Normalised like the read model's meta times, so that "at=<time>" compares the same values clients saw.
function eventTime(event: RecordedEvent): string {
  for (const candidate of [event.metadata?.time, event.recordedAt]) {
    const millis = typeof candidate === 'string' ? Date.parse(candidate) : NaN;
    if (!Number.isNaN(millis)) return new Date(millis).toISOString();
  }
  return new Date(0).toISOString();
}

/** The time of an event as the audit trail reports it (exported for point-in-time reads). */
export const auditTimeOf = eventTime;
