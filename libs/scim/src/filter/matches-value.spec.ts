import { isScimError } from '../errors';
import { GROUP, USER } from '../schema';
import { matchesValue } from './filter.evaluator';
import { parseFilter } from './filter.parser';

const emails = USER.core.attributes.find((a) => a.name === 'emails')!;
const members = GROUP.core.attributes.find((a) => a.name === 'members')!;

describe('matchesValue: value filters on one element (PATCH paths, RFC 7644 §3.5.2)', () => {
  it('matches sub-attributes case-insensitively when caseExact is false', () => {
    expect(matchesValue(parseFilter('type eq "WORK"'), { type: 'work', value: 'a@b' }, emails)).toBe(true);
    expect(matchesValue(parseFilter('type eq "home"'), { type: 'work' }, emails)).toBe(false);
  });

  it('handles logical value filters and booleans', () => {
    const f = parseFilter('type eq "work" and primary eq true');
    expect(matchesValue(f, { type: 'work', primary: true }, emails)).toBe(true);
    expect(matchesValue(f, { type: 'work', primary: false }, emails)).toBe(false);
    expect(matchesValue(parseFilter('not (primary eq true)'), { type: 'work' }, emails)).toBe(true);
  });

  it('matches Entra member removal by value (docs/entra-compatibility.md §44)', () => {
    const f = parseFilter('value eq "2819c223-7f76-453a-919d-413861904646"');
    expect(matchesValue(f, { value: '2819c223-7f76-453a-919d-413861904646' }, members)).toBe(true);
    expect(matchesValue(f, { value: 'other' }, members)).toBe(false);
  });

  it('does not match unknown sub-attributes, and $ref is allowed here', () => {
    expect(matchesValue(parseFilter('nope eq "x"'), { nope: 'x' }, emails)).toBe(false);
    expect(matchesValue(parseFilter('$ref pr'), { value: 'a', $ref: 'https://x/Users/a' }, members)).toBe(true);
  });

  it('refuses a comparison the sub-attribute type forbids with invalidFilter', () => {
    let error: unknown;
    try {
      matchesValue(parseFilter('primary gt true'), { primary: true }, emails);
    } catch (e) {
      error = e;
    }
    expect(isScimError(error) && error.scimType).toBe('invalidFilter');
  });
});
