// Recorded events as a store would hand them out (per-stream revisions, increasing positions), for suites
// that need no event store.
import type { EventJson, RecordedEvent } from '@scim-hub/event-store';
import { RecordedEventLog } from '@scim-hub/event-store/testing';

/** Builds a log of recorded events with a deterministic clock one second apart. */
export class RecordedLog extends RecordedEventLog {
  constructor() {
    super(Date.parse('2025-03-01T10:00:00.000Z'));
  }

  /** Appends one event to the log and returns it. */
  add(streamId: string, type: string, data: EventJson, meta: Partial<{ actor: string; requestId: string; clientAddress: string; userAgent: string }> = {}): RecordedEvent {
    return this.append(streamId, type, 1, data, { tenant: streamId.split('/')[0], ...meta });
  }
}
