import { isScimError } from '../errors';
import { parseFilter } from './filter.parser';
import type { Filter, Literal } from './filter.types';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const eq = (name: string, value: Literal, extra: object = {}): Filter => ({
  kind: 'compare',
  path: { name, ...extra },
  op: 'eq',
  value,
});

function scimTypeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    return isScimError(e) ? e.scimType : 'not a ScimError';
  }
}

describe('parseFilter builds the RFC 7644 §3.4.2.2 AST', () => {
  it('gives and precedence over or, and not over and', () => {
    expect(parseFilter('a eq 1 or b eq 2 and not (c eq 3)')).toEqual({
      kind: 'or',
      left: eq('a', 1),
      right: { kind: 'and', left: eq('b', 2), right: { kind: 'not', filter: eq('c', 3) } },
    });
  });

  it('chains and/or to the left', () => {
    expect(parseFilter('a pr and b pr and c pr')).toEqual({
      kind: 'and',
      left: { kind: 'and', left: { kind: 'present', path: { name: 'a' } }, right: { kind: 'present', path: { name: 'b' } } },
      right: { kind: 'present', path: { name: 'c' } },
    });
  });

  it('splits URN-qualified paths at the last colon', () => {
    expect(parseFilter(`${ENTERPRISE}:manager.value eq "x"`)).toEqual(eq('manager', 'x', { schema: ENTERPRISE, sub: 'value' }));
  });

  it('reads a value path followed by .sub as one element matching both', () => {
    expect(parseFilter('emails[type eq "work"].value eq "a@b"')).toEqual({
      kind: 'valuePath',
      path: { name: 'emails' },
      filter: { kind: 'and', left: eq('type', 'work'), right: eq('value', 'a@b') },
    });
  });

  it('reads literals: JSON strings with escapes, numbers, true/false/null in any case, bare words as strings', () => {
    const value = (text: string) => (parseFilter(`a eq ${text}`) as { value: unknown }).value;
    expect(value('"a\\"b\\u00e5\\n"')).toBe('a"bå\n');
    expect(value('-1.5e2')).toBe(-150);
    expect(value('TRUE')).toBe(true);
    expect(value('False')).toBe(false);
    expect(value('null')).toBeNull();
    expect(value('jyoung')).toBe('jyoung');
    expect(value('54D382A4-2050-4C03-94D1-E769F1D15682')).toBe('54D382A4-2050-4C03-94D1-E769F1D15682');
    expect(value('007')).toBe('007');
  });

  it('lowercases operators', () => {
    expect(parseFilter('a CO "x"')).toEqual({ kind: 'compare', path: { name: 'a' }, op: 'co', value: 'x' });
  });

  it('applies configurable limits', () => {
    expect(scimTypeOf(() => parseFilter('a eq "xxxxxxxxxx"', { maxLength: 10 }))).toBe('invalidFilter');
    expect(scimTypeOf(() => parseFilter('((a pr))', { maxDepth: 1 }))).toBe('invalidFilter');
    expect(scimTypeOf(() => parseFilter('a pr and b pr', { maxClauses: 1 }))).toBe('tooMany');
    expect(scimTypeOf(() => parseFilter('((a pr))', { maxDepth: 2 }))).toBeUndefined();
  });

  it('throws only ScimError for non-string input', () => {
    expect(scimTypeOf(() => parseFilter(42 as unknown as string))).toBe('invalidFilter');
  });
});
