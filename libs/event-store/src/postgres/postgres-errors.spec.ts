import { EventStoreUnavailable } from '../event-store.errors';
import { isRevisionTaken, isUnavailable, translatePostgresError } from './postgres-errors';

const pgError = (fields: Record<string, unknown>) => Object.assign(new Error(String(fields.message ?? 'pg error')), fields);

describe('PostgreSQL error translation', () => {
  it.each([
    ['connection refused', { code: 'ECONNREFUSED' }],
    ['admin shutdown', { code: '57P01' }],
    ['too many connections', { code: '53300' }],
    ['connection failure', { code: '08006' }],
    ['deadlock', { code: '40P01' }],
    ['terminated socket', { message: 'Connection terminated unexpectedly' }],
    ['pool timeout', { message: 'timeout exceeded when trying to connect' }],
  ])('%s → EventStoreUnavailable', (_, fields) => {
    const error = pgError(fields);
    expect(isUnavailable(error)).toBe(true);
    const translated = translatePostgresError(error);
    expect(translated).toBeInstanceOf(EventStoreUnavailable);
    expect((translated as EventStoreUnavailable).cause).toBe(error);
  });

  it('leaves statement errors (bugs) alone', () => {
    const syntax = pgError({ code: '42601', message: 'syntax error' });
    expect(translatePostgresError(syntax)).toBe(syntax);
    const unique = pgError({ code: '23505', constraint: 'checkpoints_pkey' });
    expect(translatePostgresError(unique)).toBe(unique);
  });

  it('recognises the (stream_id, revision) unique violation only', () => {
    expect(isRevisionTaken(pgError({ code: '23505', constraint: 'events_stream_revision' }))).toBe(true);
    expect(isRevisionTaken(pgError({ code: '23505', constraint: 'other' }))).toBe(false);
    expect(isRevisionTaken(undefined)).toBe(false);
  });
});
