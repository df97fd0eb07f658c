import { TokenStoreUnavailable } from './access.errors';
import { translatePostgresTokenError } from './postgres/postgres-errors';
import { translateSqliteTokenError } from './sqlite/sqlite-errors';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('token store error translation', () => {
  it.each([
    ['ECONNREFUSED (server stopped)', withCode('ECONNREFUSED')],
    ['57P01 (pg_terminate_backend)', withCode('57P01', 'terminating connection due to administrator command')],
    ['08006 (connection failure)', withCode('08006')],
    ['a code-less "Connection terminated unexpectedly"', new Error('Connection terminated unexpectedly')],
  ])('maps PostgreSQL %s to TokenStoreUnavailable', (_name, error) => {
    expect(translatePostgresTokenError(error)).toBeInstanceOf(TokenStoreUnavailable);
  });

  it('passes a failing statement on unchanged', () => {
    const syntax = withCode('42601', 'syntax error');
    expect(translatePostgresTokenError(syntax)).toBe(syntax);
  });

  it.each(['SQLITE_BUSY', 'SQLITE_FULL', 'SQLITE_READONLY', 'SQLITE_IOERR_WRITE'])('maps %s to TokenStoreUnavailable', (code) => {
    expect(translateSqliteTokenError(withCode(code))).toBeInstanceOf(TokenStoreUnavailable);
  });

  it('passes SQLITE_CONSTRAINT on unchanged', () => {
    const constraint = withCode('SQLITE_CONSTRAINT_UNIQUE');
    expect(translateSqliteTokenError(constraint)).toBe(constraint);
  });
});
