import { isScimError, parseFilter } from '@scim-hub/scim';
import { cursorScope, cursorsOf, decodeCursor, encodeCursor } from './page-cursor';

const scimTypeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    if (isScimError(e)) return e.scimType;
    throw e;
  }
  throw new Error('expected a ScimError');
};

describe('RFC 9865 page cursors', () => {
  const scope = cursorScope('acme', 'User', parseFilter('userName sw "a"'));

  it('round-trips a position within its query and uses only unreserved characters (RFC 9865 §2)', () => {
    const cursor = encodeCursor('after', ['2024-01-01T00:00:00.000Z', 'id-1'], scope);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, scope)).toEqual({ direction: 'after', key: ['2024-01-01T00:00:00.000Z', 'id-1'] });
    expect(decodeCursor(encodeCursor('before', ['t', 'x'], scope), scope)).toEqual({ direction: 'before', key: ['t', 'x'] });
    expect(decodeCursor('', scope)).toEqual({ direction: 'after' });
  });

  it('scopes a cursor to its tenant, resource type and filter (same filter in other spelling is the same query)', () => {
    expect(cursorScope('acme', 'User', parseFilter('userName  sw  "a"'))).toBe(scope);
    expect(cursorScope('beta', 'User', parseFilter('userName sw "a"'))).not.toBe(scope);
    expect(cursorScope('acme', 'Group', parseFilter('userName sw "a"'))).not.toBe(scope);
    expect(cursorScope('acme', 'User', undefined)).not.toBe(scope);
    const sorted = cursorScope('acme', 'User', parseFilter('userName sw "a"'), { by: 'userName', descending: true });
    expect(sorted).not.toBe(scope);
    expect(cursorScope('acme', 'User', parseFilter('userName sw "a"'), { by: 'USERNAME', descending: true })).toBe(sorted);
    expect(cursorScope('acme', 'User', parseFilter('userName sw "a"'), { by: 'userName', descending: false })).not.toBe(sorted);
    const other = encodeCursor('after', ['t', 'x'], cursorScope('beta', 'User', undefined));
    expect(scimTypeOf(() => decodeCursor(other, scope))).toBe('invalidCursor');
  });

  it.each(['garbage', 'e30', Buffer.from('{"v":2,"d":"a","k":[],"s":"x"}').toString('base64url'), Buffer.from('[1]').toString('base64url')])(
    'refuses %s with invalidCursor',
    (cursor) => {
      expect(scimTypeOf(() => decodeCursor(cursor, scope))).toBe('invalidCursor');
    },
  );

  it('gives nextCursor only when more follow and previousCursor only past the first page', () => {
    const first = { first: ['t1', 'a'], last: ['t2', 'b'], more: true } as const;
    expect(Object.keys(cursorsOf({ direction: 'after' }, first, scope))).toEqual(['nextCursor']);
    const last = cursorsOf({ direction: 'after', key: ['t0', 'z'] }, { ...first, more: false }, scope);
    expect(Object.keys(last)).toEqual(['previousCursor']);
    expect(decodeCursor(last.previousCursor!, scope)).toEqual({ direction: 'before', key: ['t1', 'a'] });
    const backToStart = cursorsOf({ direction: 'before', key: ['t3', 'c'] }, { ...first, more: false }, scope);
    expect(Object.keys(backToStart)).toEqual(['nextCursor']);
    expect(decodeCursor(backToStart.nextCursor!, scope)).toEqual({ direction: 'after', key: ['t2', 'b'] });
    expect(cursorsOf({ direction: 'after' }, { more: false }, scope)).toEqual({});
  });
});
