import { StreamRevisionConflict } from '../event-store.errors';
import type { NewEvent } from '../event-store.port';
import { assertDistinctStreams, assertExpectedRevision, couldBeRetry, decideAppend, validateAppend } from './append-rules';

const ev = (id: string): NewEvent => ({ id, type: 'T', schemaVersion: 1, data: {}, metadata: { tenant: 't', time: 'now' } });

describe('append rules', () => {
  it.each([
    ['any', -1, true],
    ['any', 4, true],
    ['no_stream', -1, true],
    ['no_stream', 0, false],
    ['stream_exists', -1, false],
    ['stream_exists', 2, true],
    [2, 2, true],
    [2, 3, false],
    [0, -1, false],
  ] as const)('expected %p against current %p → ok=%p', (expected, current, ok) => {
    const check = () => assertExpectedRevision('s', expected, current);
    if (ok) expect(check).not.toThrow();
    else expect(check).toThrow(StreamRevisionConflict);
  });

  it('reports the actual revision, or no_stream, in the conflict', () => {
    expect(() => assertExpectedRevision('s', 1, 5)).toThrow(expect.objectContaining({ actual: 5, expected: 1 }));
    expect(() => assertExpectedRevision('s', 1, -1)).toThrow(expect.objectContaining({ actual: 'no_stream' }));
  });

  it('recognises a retry only where the expectation puts the events', () => {
    expect(couldBeRetry('no_stream', 0)).toBe(true);
    expect(couldBeRetry('no_stream', 1)).toBe(false);
    expect(couldBeRetry(4, 5)).toBe(true);
    expect(couldBeRetry(4, 6)).toBe(false);
    expect(couldBeRetry('any', 9)).toBe(true);
  });

  it('decides: fresh append, idempotent retry, or conflict on partially repeated ids', () => {
    const state = (ids: string[], retryFrom?: number) => ({
      current: ids.length - 1,
      retryFrom,
      idsFrom: (from: number, count: number) => ids.slice(from, from + count),
    });
    expect(decideAppend('s', 1, [ev('c')], state(['a', 'b']))).toEqual({ kind: 'append', firstRevision: 2 });
    expect(decideAppend('s', 'no_stream', [ev('a'), ev('b')], state(['a', 'b'], 0))).toEqual({ kind: 'retry', lastRevision: 1 });
    expect(() => decideAppend('s', 'no_stream', [ev('a'), ev('x')], state(['a', 'b'], 0))).toThrow(StreamRevisionConflict);
    // An old id at a place the expectation does not point to is a new write (as EventStoreDB does).
    expect(decideAppend('s', 1, [ev('a')], state(['a', 'b'], 0))).toEqual({ kind: 'append', firstRevision: 2 });
    expect(() => decideAppend('s', 0, [ev('a')], state(['a', 'b'], 0))).toThrow(StreamRevisionConflict);
  });

  it('validates stream ids, batches, revisions and distinct streams', () => {
    expect(() => validateAppend('', 'any', [ev('a')])).toThrow(TypeError);
    expect(() => validateAppend('s', 'any', [])).toThrow(TypeError);
    expect(() => validateAppend('s', 1.5, [ev('a')])).toThrow(TypeError);
    expect(() => validateAppend('s', -1, [ev('a')])).toThrow(TypeError);
    expect(() => validateAppend('s', 0, [ev('a')])).not.toThrow();
    expect(() => assertDistinctStreams(['a', 'b', 'a'])).toThrow(TypeError);
  });
});
