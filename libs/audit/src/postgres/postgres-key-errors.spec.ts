import { SubjectKeyStoreUnavailable, translatePostgresKeyError } from './postgres-key-errors';

describe('translatePostgresKeyError', () => {
  it.each([
    [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    [Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    [new Error('Connection terminated unexpectedly')],
  ])('turns %s into SubjectKeyStoreUnavailable (answered 503)', (error) => {
    const translated = translatePostgresKeyError(error);
    expect(translated).toBeInstanceOf(SubjectKeyStoreUnavailable);
    expect((translated as Error).name).toMatch(/^[A-Za-z]+Unavailable$/);
    expect((translated as Error).cause).toBe(error);
  });

  it('passes a failing statement on unchanged', () => {
    const error = Object.assign(new Error('syntax error at or near "SELEC"'), { code: '42601' });
    expect(translatePostgresKeyError(error)).toBe(error);
  });
});
