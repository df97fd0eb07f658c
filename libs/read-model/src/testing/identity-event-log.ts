// Builds RecordedEvents the way a store would record them (per-stream revisions, increasing positions,
// a deterministic clock), so the contract suite needs no event store.
import type { RecordedEvent } from '@scim-hub/event-store';
import { IDENTITY_EVENT_VERSION, resourceStreamId, type IdentityEvent } from '@scim-hub/identity';

const START = Date.parse('2024-01-01T00:00:00.000Z');

/** An in-memory log of recorded identity events with helpers for the common ones. */
export class IdentityEventLog {
  readonly events: RecordedEvent[] = [];
  private readonly revisions = new Map<string, number>();
  private clock = START;

  /** Records one identity event on `<tenant>/<type>/<id>` and returns it. */
  record(tenant: string, resourceType: 'User' | 'Group', id: string, event: IdentityEvent): RecordedEvent {
    return this.raw(tenant, resourceStreamId(tenant, resourceType, id), event.type, IDENTITY_EVENT_VERSION[event.type], event.data);
  }

  /** Records any event on any stream (e.g. a `<tenant>/Unique/...` reservation the read model must skip). */
  raw(tenant: string, streamId: string, type: string, schemaVersion: number, data: object): RecordedEvent {
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
      schemaVersion,
      data: structuredClone(data) as RecordedEvent['data'],
      metadata: { tenant, time },
    };
    this.events.push(event);
    return event;
  }

  /** The events recorded since `from` (an index into `events`). */
  since(from: number): RecordedEvent[] {
    return this.events.slice(from);
  }
}
