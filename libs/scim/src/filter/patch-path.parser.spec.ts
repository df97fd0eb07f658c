import { isScimError } from '../errors';
import { parsePatchPath } from './patch-path.parser';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('parsePatchPath (RFC 7644 §3.5.2 PATH)', () => {
  it.each([
    ['userName', { attribute: { name: 'userName' } }],
    ['name.givenName', { attribute: { name: 'name', sub: 'givenName' } }],
    ['manager', { attribute: { name: 'manager' } }],
    [`${ENTERPRISE}:employeeNumber`, { attribute: { schema: ENTERPRISE, name: 'employeeNumber' } }],
    [`${ENTERPRISE}:manager.value`, { attribute: { schema: ENTERPRISE, name: 'manager', sub: 'value' } }],
    [ENTERPRISE, { attribute: { schema: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0', name: 'User' } }],
    [
      'emails[type eq "work"].value',
      { attribute: { name: 'emails' }, valueFilter: { kind: 'compare', path: { name: 'type' }, op: 'eq', value: 'work' }, subAttribute: 'value' },
    ],
    [
      'members[value eq "2819c223-7f76-453a-919d-413861904646"]',
      { attribute: { name: 'members' }, valueFilter: { kind: 'compare', path: { name: 'value' }, op: 'eq', value: '2819c223-7f76-453a-919d-413861904646' } },
    ],
    [
      'members[value eq "a]b"]',
      { attribute: { name: 'members' }, valueFilter: { kind: 'compare', path: { name: 'value' }, op: 'eq', value: 'a]b' } },
    ],
    ['  active  ', { attribute: { name: 'active' } }],
  ])('%s', (text, expected) => {
    expect(parsePatchPath(text)).toEqual(expected);
  });

  it('keeps logical value filters', () => {
    expect(parsePatchPath('addresses[type eq "work" and primary eq true].locality').valueFilter?.kind).toBe('and');
  });

  it.each([
    '', ' ', 'name.', '.name', 'name.given.x', 'emails[', 'emails]', 'emails[]', 'emails[type eq]', 'emails[type eq "work"]value',
    'emails[type eq "work"].', 'emails[type eq "work"].a.b', 'name.givenName[value eq "x"]', '[type eq "x"]', 'emails [type eq "w"]',
    'emails[type[value eq "x"]]', 'urn:x', '1abc', 'emails[type eq "work"]]',
  ])('refuses %j with invalidPath', (text) => {
    let error: unknown;
    try {
      parsePatchPath(text);
    } catch (e) {
      error = e;
    }
    expect(isScimError(error) && error.scimType).toBe('invalidPath');
  });
});
