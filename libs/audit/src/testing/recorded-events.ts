// Recorded events as a store would hand them out (per-stream revisions, increasing positions), for suites
// that need no event store.
import type { EventJson, RecordedEvent } from '@scim-hub/event-store';

/** Builds a log of recorded events with a deterministic clock one second apart. */
export class RecordedLog {
  readonly events: RecordedEvent[] = [];
  private readonly revisions = new Map<string, number>();
  private clock = Date.parse('2025-03-01T10:00:00.000Z');

  /** Appends one event to the log and returns it. */
  add(streamId: string, type: string, data: EventJson, meta: Partial<{ actor: string; requestId: string; clientAddress: string; userAgent: string }> = {}): RecordedEvent {
    const revision = (this.revisions.get(streamId) ?? -1) + 1;
    this.revisions.set(streamId, revision);
    this.clock += 1000;
    const time = new Date(this.clock).toISOString();
    const position = BigInt(this.events.length + 1);
    const event: RecordedEvent = {
      id: `evt-${position}`,
      streamId,
      revision,
      position: { commit: position, prepare: position },
      recordedAt: time,
      type,
      schemaVersion: 1,
      data,
      metadata: { tenant: streamId.split('/')[0], time, ...meta },
    };
    this.events.push(event);
    return event;
  }
}
