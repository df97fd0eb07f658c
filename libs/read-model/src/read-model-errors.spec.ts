import { ReadModelUnavailable } from './read-model.errors';
import { translatePgError } from './postgres/postgres-statements';
import { translateSqliteError } from './sqlite/sqlite-errors';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('read model error translation', () => {
  it.each([
    ['ECONNREFUSED (server stopped)', withCode('ECONNREFUSED')],
    ['57P01 (pg_terminate_backend)', withCode('57P01', 'terminating connection due to administrator command')],
    ['53300 (too many connections)', withCode('53300')],
    ['a code-less "Connection terminated unexpectedly"', new Error('Connection terminated unexpectedly')],
    ['a pool that cannot connect in time', new Error('timeout exceeded when trying to connect')],
  ])('maps PostgreSQL %s to ReadModelUnavailable', (_name, error) => {
    expect(translatePgError(error)).toBeInstanceOf(ReadModelUnavailable);
  });

  it('passes a failing statement on unchanged', () => {
    const bug = withCode('42P01', 'relation does not exist');
    expect(translatePgError(bug)).toBe(bug);
  });

  it.each(['SQLITE_BUSY', 'SQLITE_FULL', 'SQLITE_READONLY', 'SQLITE_IOERR_FSYNC'])('maps SQLite %s to ReadModelUnavailable', (code) => {
    expect(translateSqliteError(withCode(code))).toBeInstanceOf(ReadModelUnavailable);
  });

  it('maps a closed connection to ReadModelUnavailable and passes SQLITE_ERROR on', () => {
    expect(translateSqliteError(new TypeError('The database connection is not open'))).toBeInstanceOf(ReadModelUnavailable);
    const bug = withCode('SQLITE_ERROR');
    expect(translateSqliteError(bug)).toBe(bug);
  });
});
