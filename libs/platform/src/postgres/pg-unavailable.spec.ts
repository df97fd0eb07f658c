import { pgUnavailableReason } from './pg-unavailable';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe('pgUnavailableReason', () => {
  it.each([
    ['connection failure', withCode('08006'), '08006'],
    ['too many connections', withCode('53300'), '53300'],
    ['session terminated by an administrator', withCode('57P01'), '57P01'],
    ['system error', withCode('58030'), '58030'],
    ['refused socket', withCode('ECONNREFUSED'), 'ECONNREFUSED'],
    ['reset socket', withCode('ECONNRESET'), 'ECONNRESET'],
    ["pg's code-less socket close", new Error('Connection terminated unexpectedly'), 'Connection terminated unexpectedly'],
    ['a pool that gave up', new Error('timeout exceeded when trying to connect'), 'timeout exceeded when trying to connect'],
  ])('names the reason for a %s', (_, error, reason) => {
    expect(pgUnavailableReason(error)).toBe(reason);
  });

  it.each([
    ['a unique violation', withCode('23505')],
    ['an unknown table', withCode('42P01')],
    ['a syntax error', withCode('42601')],
    ['a serialization failure (the caller decides)', withCode('40001')],
    ['an error without code', new Error('boom')],
    ['something that is not an error', null],
  ])('passes %s on as the statement failing', (_, error) => {
    expect(pgUnavailableReason(error)).toBeUndefined();
  });
});
