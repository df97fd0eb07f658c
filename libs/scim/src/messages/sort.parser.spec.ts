import { GROUP, USER } from '../schema';
import { errorOf } from '../testing/error-of';
import { bindSort, parseSort } from './sort.parser';

describe('parseSort (RFC 7644 §3.4.2.3)', () => {
  it.each([
    [undefined, undefined, undefined],
    ['', 'descending', undefined],
    ['userName', undefined, { by: 'userName', descending: false }],
    [' name.familyName ', 'Descending', { by: 'name.familyName', descending: true }],
    ['userName', 'ASCENDING', { by: 'userName', descending: false }],
  ])('sortBy %j, sortOrder %j → %j', (by, order, expected) => {
    expect(parseSort(by, order)).toEqual(expected);
  });

  it.each([
    ['userName', 'up'],
    [42, undefined],
    ['userName', ['ascending']],
  ])('sortBy %j, sortOrder %j → invalidValue', (by, order) => {
    expect(errorOf(() => parseSort(by, order)).scimType).toBe('invalidValue');
  });
});

describe('bindSort', () => {
  it('resolves single-valued attributes and sub-attributes, core, common and extension', () => {
    expect(bindSort('userName', USER)).toMatchObject({ kind: 'single', def: { name: 'userName' } });
    expect(bindSort('NAME.familyName', USER)).toMatchObject({ kind: 'single', def: { name: 'familyName' }, sub: { name: 'familyName' } });
    expect(bindSort('meta.created', USER)).toMatchObject({ kind: 'single', def: { name: 'created', type: 'dateTime' } });
    expect(bindSort('active', USER)).toMatchObject({ kind: 'single', def: { type: 'boolean' } });
    expect(bindSort('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', USER)).toMatchObject({ kind: 'single' });
    expect(bindSort('displayName', GROUP)).toMatchObject({ kind: 'single', def: { name: 'displayName' } });
  });

  it('sorts by the primary (or first) email, and by nothing for unknown attributes', () => {
    expect(bindSort('emails', USER)).toEqual({ kind: 'emails' });
    expect(bindSort('emails.value', USER)).toEqual({ kind: 'emails' });
    expect(bindSort('noSuchAttribute', USER)).toEqual({ kind: 'none' });
    expect(bindSort('userName', GROUP)).toEqual({ kind: 'none' });
  });

  it.each(['name', 'phoneNumbers', 'members', 'groups', 'password', 'user name', 'emails[type eq "work"]'])('%s → invalidValue', (by) => {
    const schema = by === 'members' ? GROUP : USER;
    expect(errorOf(() => bindSort(by, schema)).scimType).toBe('invalidValue');
  });
});
