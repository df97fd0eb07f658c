import { firstIndexAfter, matchesPrefixes, readAllLimit, revisionRange } from './read-rules';

const MAX = Number.MAX_SAFE_INTEGER;

describe('read rules', () => {
  it('turns forwards options into ascending bounds', () => {
    expect(revisionRange()).toEqual({ low: 0, high: MAX, backwards: false, limit: MAX });
    expect(revisionRange({ fromRevision: 3, toRevision: 5, maxCount: 2 })).toEqual({ low: 3, high: 5, backwards: false, limit: 2 });
  });

  it('reads backwards from fromRevision down to toRevision', () => {
    expect(revisionRange({ direction: 'backwards' })).toEqual({ low: 0, high: MAX, backwards: true, limit: MAX });
    expect(revisionRange({ direction: 'backwards', fromRevision: 9, toRevision: 4 })).toMatchObject({ low: 4, high: 9 });
  });

  it('rejects negative or fractional bounds and counts', () => {
    expect(() => revisionRange({ fromRevision: -1 })).toThrow(TypeError);
    expect(() => revisionRange({ maxCount: 1.5 })).toThrow(TypeError);
    expect(() => readAllLimit(-3)).toThrow(TypeError);
    expect(readAllLimit(undefined)).toBe(MAX);
  });

  it('matches stream prefixes exactly (case-sensitive), none meaning all', () => {
    expect(matchesPrefixes('acme/User/1', undefined)).toBe(true);
    expect(matchesPrefixes('acme/User/1', [])).toBe(true);
    expect(matchesPrefixes('acme/User/1', ['acme/Group/', 'acme/User/'])).toBe(true);
    expect(matchesPrefixes('acme/User/1', ['ACME/'])).toBe(false);
  });

  it('finds the first entry strictly after a position', () => {
    const list = [1n, 2n, 4n, 8n].map((n) => ({ position: { commit: n, prepare: n } }));
    expect(firstIndexAfter(list, undefined)).toBe(0);
    expect(firstIndexAfter(list, { commit: 2n, prepare: 2n })).toBe(2);
    expect(firstIndexAfter(list, { commit: 3n, prepare: 0n })).toBe(2);
    expect(firstIndexAfter(list, { commit: 8n, prepare: 8n })).toBe(4);
  });
});
