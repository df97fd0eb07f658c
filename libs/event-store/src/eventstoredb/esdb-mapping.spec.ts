import { EventStoreUnavailable, StreamRevisionConflict } from '../event-store.errors';
import type { NewEvent } from '../event-store.port';
import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  DeadlineExceededError,
} from './esdb-client';
import {
  type ClientRecordedEvent,
  fromClientCurrentRevision,
  fromClientEvent,
  fromClientPosition,
  isOwnEvent,
  SCHEMA_VERSION_KEY,
  toClientExpectedRevision,
  toClientPosition,
  toEventData,
  translateClientError,
} from './esdb-mapping';

const event: NewEvent = {
  id: '4b7a3b0e-5f0c-4e0e-9f4e-2f1f0a1b2c3d',
  type: 'UserCreated',
  schemaVersion: 2,
  data: { id: 'u1', resource: { userName: 'alice@contoso.com' } },
  metadata: { tenant: 'acme', requestId: 'r1', time: '2025-01-01T00:00:00.000Z' },
};

function recorded(overrides: Partial<ClientRecordedEvent> = {}): ClientRecordedEvent {
  const data = toEventData(event);
  return {
    streamId: 'acme/User/u1',
    id: data.id,
    isJson: true,
    revision: 4n,
    type: data.type,
    created: new Date('2025-01-01T00:00:01.000Z'),
    data: data.data,
    metadata: data.metadata,
    position: { commit: 1200n, prepare: 1100n },
    ...overrides,
  };
}

describe('EventStoreDB mapping: events', () => {
  it('writes a JSON event with our id and type, and the schema version in the metadata', () => {
    const data = toEventData(event);
    expect(data).toMatchObject({ id: event.id, type: 'UserCreated', contentType: 'application/json', data: event.data });
    expect(data.metadata).toEqual({ ...event.metadata, [SCHEMA_VERSION_KEY]: 2 });
  });

  it('reads a recorded event back to exactly the event that was written, with revision and position', () => {
    const back = fromClientEvent(recorded());
    expect({ id: back.id, type: back.type, schemaVersion: back.schemaVersion, data: back.data, metadata: back.metadata }).toEqual(event);
    expect(back).toMatchObject({ streamId: 'acme/User/u1', revision: 4, recordedAt: '2025-01-01T00:00:01.000Z' });
    expect(back.position).toEqual({ commit: 1200n, prepare: 1100n });
  });

  it('defaults a missing schema version to 1 and refuses an event without a log position', () => {
    expect(fromClientEvent(recorded({ metadata: { tenant: 'acme' } })).schemaVersion).toBe(1);
    expect(() => fromClientEvent(recorded({ position: undefined }))).toThrow(EventStoreUnavailable);
  });

  it('treats system streams, system event types, links and binary events as not ours', () => {
    expect(isOwnEvent(recorded())).toBe(true);
    expect(isOwnEvent(undefined)).toBe(false);
    expect(isOwnEvent(recorded({ streamId: '$scim-hub-checkpoint-p1' }))).toBe(false);
    expect(isOwnEvent(recorded({ type: '$metadata' }))).toBe(false);
    expect(isOwnEvent(recorded({ isJson: false }))).toBe(false);
  });
});

describe('EventStoreDB mapping: revisions, positions, errors', () => {
  it('maps expected revisions to the client values (bigint revisions)', () => {
    expect(toClientExpectedRevision('any')).toBe(ANY);
    expect(toClientExpectedRevision('no_stream')).toBe(NO_STREAM);
    expect(toClientExpectedRevision('stream_exists')).toBe(STREAM_EXISTS);
    expect(toClientExpectedRevision(0)).toBe(0n);
    expect(toClientExpectedRevision(41)).toBe(41n);
  });

  it('maps the current revision of the client back', () => {
    expect(fromClientCurrentRevision(7n)).toBe(7);
    expect(fromClientCurrentRevision(NO_STREAM)).toBe('no_stream');
    expect(fromClientCurrentRevision(undefined)).toBe('no_stream');
  });

  it('copies positions both ways without sharing objects', () => {
    const position = { commit: 2n ** 40n, prepare: 2n ** 40n - 5n };
    const client = toClientPosition(position);
    expect(client).toEqual(position);
    expect(client).not.toBe(position);
    expect(fromClientPosition(client)).toEqual(position);
  });

  it('translates WrongExpectedVersionError into StreamRevisionConflict with the actual revision', () => {
    const error = new WrongExpectedVersionError(undefined, { streamName: 'acme/User/u1', expected: 3n, current: 5n });
    const translated = translateClientError(error, 'acme/User/u1', 3);
    expect(translated).toBeInstanceOf(StreamRevisionConflict);
    expect(translated).toMatchObject({ streamId: 'acme/User/u1', expected: 3, actual: 5 });
    const missing = new WrongExpectedVersionError(undefined, { streamName: 's', expected: STREAM_EXISTS, current: NO_STREAM });
    expect(translateClientError(missing, 's', 'stream_exists')).toMatchObject({ actual: 'no_stream' });
  });

  it('translates unavailable and deadline errors into EventStoreUnavailable and leaves others alone', () => {
    expect(translateClientError(new UnavailableError(undefined as never, 'down'))).toBeInstanceOf(EventStoreUnavailable);
    expect(translateClientError(new DeadlineExceededError(undefined as never, 'slow'))).toBeInstanceOf(EventStoreUnavailable);
    const notFound = new StreamNotFoundError(undefined, 'x');
    expect(translateClientError(notFound)).toBe(notFound);
    const bug = new RangeError('bug');
    expect(translateClientError(bug)).toBe(bug);
  });
});
