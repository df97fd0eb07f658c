// Builds RecordedEvents the way a store would record them (per-stream revisions, increasing positions,
// a deterministic clock), so the contract suite needs no event store.
import type { RecordedEvent } from '@scim-hub/event-store';
import { RecordedEventLog } from '@scim-hub/event-store/testing';
import { IDENTITY_EVENT_VERSION, resourceStreamId, type IdentityEvent } from '@scim-hub/identity';

const START = Date.parse('2024-01-01T00:00:00.000Z');

/** An in-memory log of recorded identity events. */
export class IdentityEventLog extends RecordedEventLog {
  constructor() {
    super(START);
  }

  /** Records one identity event on `<tenant>/<type>/<id>` and returns it. */
  record(tenant: string, resourceType: 'User' | 'Group', id: string, event: IdentityEvent): RecordedEvent {
    return this.raw(tenant, resourceStreamId(tenant, resourceType, id), event.type, IDENTITY_EVENT_VERSION[event.type], event.data);
  }

  /** Records any event on any stream (e.g. a `<tenant>/Unique/...` reservation the read model must skip). */
  raw(tenant: string, streamId: string, type: string, schemaVersion: number, data: object): RecordedEvent {
    return this.append(streamId, type, schemaVersion, data, { tenant });
  }
}
