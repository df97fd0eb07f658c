// Bytes ⇄ envelope. Decoding checks the shape, so a foreign or newer record is reported instead of projected.
import { BUS_ENVELOPE_VERSION, type BusEnvelope } from './bus-envelope';
import { BusEnvelopeInvalid } from './messaging.errors';

/** Serialises an envelope as UTF-8 JSON. */
export function encodeEnvelope(envelope: BusEnvelope): Buffer {
  return Buffer.from(JSON.stringify(envelope), 'utf8');
}

const STRING_FIELDS = ['eventId', 'streamId', 'type', 'position', 'recordedAt'] as const;

/** Parses and checks an encoded envelope; throws BusEnvelopeInvalid naming what is wrong. */
export function decodeEnvelope(bytes: Buffer | string): BusEnvelope {
  let value: unknown;
  try {
    value = JSON.parse(typeof bytes === 'string' ? bytes : bytes.toString('utf8'));
  } catch (error) {
    throw new BusEnvelopeInvalid(`not JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null) throw new BusEnvelopeInvalid('not an object');
  const record = value as Record<string, unknown>;
  if (record['schemaVersion'] !== BUS_ENVELOPE_VERSION) {
    throw new BusEnvelopeInvalid(`schemaVersion ${String(record['schemaVersion'])} is not ${BUS_ENVELOPE_VERSION}`);
  }
  for (const field of STRING_FIELDS) {
    if (typeof record[field] !== 'string') throw new BusEnvelopeInvalid(`${field} is not a string`);
  }
  if (!Number.isInteger(record['revision']) || !Number.isInteger(record['eventSchemaVersion'])) {
    throw new BusEnvelopeInvalid('revision and eventSchemaVersion must be integers');
  }
  if (typeof record['data'] !== 'object' || typeof record['metadata'] !== 'object' || !record['data'] || !record['metadata']) {
    throw new BusEnvelopeInvalid('data and metadata must be objects');
  }
  return record as unknown as BusEnvelope;
}
