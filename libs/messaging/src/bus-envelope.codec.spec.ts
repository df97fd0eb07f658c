import type { RecordedEvent } from '@scim-hub/event-store';
import { fromEnvelope, toEnvelope } from './bus-envelope';
import { decodeEnvelope, encodeEnvelope } from './bus-envelope.codec';
import { BusEnvelopeInvalid } from './messaging.errors';

const recorded: RecordedEvent = {
  id: '6f1c1a3e-2c57-4d39-9a59-0d6a1f0b8d11',
  streamId: 'acme/User/u1',
  revision: 3,
  position: { commit: 18446744073709551615n, prepare: 7n },
  recordedAt: '2026-01-02T03:04:05.678Z',
  type: 'UserUpdated',
  schemaVersion: 2,
  data: { changes: [{ op: 'replace', path: 'active', value: false }] },
  metadata: { tenant: 'acme', requestId: 'r-1', time: '2026-01-02T03:04:05.000Z' },
};

describe('bus envelope', () => {
  it('round-trips a recorded event through bytes, bigint positions included', () => {
    const decoded = decodeEnvelope(encodeEnvelope(toEnvelope(recorded)));
    expect(decoded).toMatchObject({ schemaVersion: 1, eventId: recorded.id, eventSchemaVersion: 2, position: '18446744073709551615:7' });
    expect(fromEnvelope(decoded)).toEqual(recorded);
  });

  it.each([
    ['not JSON', '{', /not JSON/],
    ['not an object', '42', /not an object/],
    ['another layout version', JSON.stringify({ ...toEnvelope(recorded), schemaVersion: 2 }), /schemaVersion 2 is not 1/],
    ['a missing event id', JSON.stringify({ ...toEnvelope(recorded), eventId: undefined }), /eventId is not a string/],
    ['a fractional revision', JSON.stringify({ ...toEnvelope(recorded), revision: 1.5 }), /revision and eventSchemaVersion/],
    ['null data', JSON.stringify({ ...toEnvelope(recorded), data: null }), /data and metadata must be objects/],
  ])('refuses %s', (_case, text, message) => {
    expect(() => decodeEnvelope(text)).toThrow(BusEnvelopeInvalid);
    expect(() => decodeEnvelope(text)).toThrow(message);
  });

  it('refuses a position that is not <commit>:<prepare> when converting back', () => {
    expect(() => fromEnvelope({ ...toEnvelope(recorded), position: '12' })).toThrow(RangeError);
  });
});
