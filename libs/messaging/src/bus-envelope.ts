// The one message format on every bus: a recorded event plus what a consumer needs to order and deduplicate it.
// Kafka carries it as the JSON value of a record keyed by `streamId`; the log-backed bus builds it in memory.
import type { EventJson, EventMetadata, RecordedEvent } from '@scim-hub/event-store';
import { positionFromString, positionToString } from '@scim-hub/event-store';

/** Version of the envelope's own layout; a consumer refuses any other. */
export const BUS_ENVELOPE_VERSION = 1;

/** One identity event on the bus. */
export interface BusEnvelope {
  /** Layout version of this envelope (BUS_ENVELOPE_VERSION). */
  schemaVersion: number;
  /** The event's id (a UUID): the same event delivered twice has the same id, so consumers deduplicate by it. */
  eventId: string;
  /** The stream (`<tenant>/<User|Group>/<id>`); the Kafka record key, so one stream stays in one partition. */
  streamId: string;
  type: string;
  /** Schema version of the event's data (the event's own, not the envelope's). */
  eventSchemaVersion: number;
  /** 0-based revision within the stream. */
  revision: number;
  /** Global log position as `<commit>:<prepare>` (bigint text; JSON has no bigint). */
  position: string;
  /** ISO-8601 time the store recorded the event. */
  recordedAt: string;
  data: EventJson;
  metadata: EventMetadata;
}

/** The envelope of a recorded event. */
export function toEnvelope(event: RecordedEvent): BusEnvelope {
  return {
    schemaVersion: BUS_ENVELOPE_VERSION,
    eventId: event.id,
    streamId: event.streamId,
    type: event.type,
    eventSchemaVersion: event.schemaVersion,
    revision: event.revision,
    position: positionToString(event.position),
    recordedAt: event.recordedAt,
    data: event.data,
    metadata: event.metadata,
  };
}

/** The recorded event an envelope carries (what projections such as the read model take). */
export function fromEnvelope(envelope: BusEnvelope): RecordedEvent {
  return {
    id: envelope.eventId,
    streamId: envelope.streamId,
    type: envelope.type,
    schemaVersion: envelope.eventSchemaVersion,
    revision: envelope.revision,
    position: positionFromString(envelope.position),
    recordedAt: envelope.recordedAt,
    data: envelope.data,
    metadata: envelope.metadata,
  };
}
