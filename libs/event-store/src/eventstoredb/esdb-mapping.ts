import { EventStoreUnavailable, StreamRevisionConflict } from '../event-store.errors';
import type { EventMetadata, ExpectedRevision, NewEvent, Position, RecordedEvent } from '../event-store.port';
import {
  AccessDeniedError,
  ANY,
  type AppendExpectedRevision,
  CancelledError,
  type ClientPosition,
  type CurrentRevision,
  DeadlineExceededError,
  type EventData,
  jsonEvent,
  type JSONType,
  NO_STREAM,
  NotLeaderError,
  STREAM_EXISTS,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
} from './esdb-client';

/** Metadata key carrying the event's schema version (EventStoreDB has no field for it). */
export const SCHEMA_VERSION_KEY = '$schemaVersion';

/** The client's event data for a new event; the schema version travels in the metadata. */
export function toEventData(event: NewEvent): EventData {
  const metadata = { ...event.metadata, [SCHEMA_VERSION_KEY]: event.schemaVersion };
  return jsonEvent({ id: event.id, type: event.type, data: event.data as JSONType, metadata });
}

/** The part of a client-side recorded event this adapter reads. */
export interface ClientRecordedEvent {
  streamId: string;
  id: string;
  isJson: boolean;
  revision: bigint;
  type: string;
  created: Date;
  data: unknown;
  metadata: unknown;
  position?: ClientPosition;
}

/** System streams and events (`$`-prefixed), link events and non-JSON events are not ours. */
export function isOwnEvent(event: ClientRecordedEvent | undefined): event is ClientRecordedEvent {
  return event !== undefined && event.isJson && !event.streamId.startsWith('$') && !event.type.startsWith('$');
}

/** Maps a recorded event of the client to the port's event. */
export function fromClientEvent(event: ClientRecordedEvent): RecordedEvent {
  if (!event.position) {
    throw new EventStoreUnavailable(`EventStoreDB returned ${event.streamId}@${event.revision} without a log position`);
  }
  const { [SCHEMA_VERSION_KEY]: schemaVersion, ...metadata } = (event.metadata ?? {}) as Record<string, unknown>;
  return {
    id: event.id,
    type: event.type,
    schemaVersion: typeof schemaVersion === 'number' ? schemaVersion : 1,
    data: event.data as Record<string, unknown>,
    metadata: metadata as EventMetadata,
    streamId: event.streamId,
    revision: Number(event.revision),
    position: fromClientPosition(event.position),
    recordedAt: event.created.toISOString(),
  };
}

/** The client's expected revision for the port's (revisions are bigint there). */
export function toClientExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'any') return ANY;
  if (expected === 'no_stream') return NO_STREAM;
  if (expected === 'stream_exists') return STREAM_EXISTS;
  return BigInt(expected);
}

/** The port's actual revision for the client's current revision. */
export function fromClientCurrentRevision(actual: CurrentRevision | string | undefined): number | 'no_stream' {
  return typeof actual === 'bigint' ? Number(actual) : 'no_stream';
}

/** Positions have the same shape on both sides; copy so neither side shares the object. */
export function toClientPosition(position: Position): ClientPosition {
  return { commit: position.commit, prepare: position.prepare };
}

/** See toClientPosition. */
export function fromClientPosition(position: ClientPosition): Position {
  return { commit: position.commit, prepare: position.prepare };
}

/** Translates a client error into the port's errors; anything unknown is rethrown unchanged. */
export function translateClientError(error: unknown, streamId?: string, expected?: ExpectedRevision): unknown {
  if (error instanceof WrongExpectedVersionError) {
    return new StreamRevisionConflict(
      error.streamName || streamId || '',
      expected ?? 'any',
      fromClientCurrentRevision(error.actualVersion),
    );
  }
  if (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError ||
    error instanceof NotLeaderError ||
    error instanceof CancelledError ||
    error instanceof AccessDeniedError
  ) {
    return new EventStoreUnavailable(`EventStoreDB: ${error.message}`, error);
  }
  return error;
}
