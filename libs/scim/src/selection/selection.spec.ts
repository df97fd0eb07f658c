import { attribute, GROUP, USER, userResourceSchema, type SchemaDefinition } from '../schema';
import type { ScimResource } from '../resource';
import { isAttributeSelected, needsMembers, parseAttributeList, selectAttributes } from './index';
import table from './selection-cases.json';

interface Case {
  name: string;
  fixture: keyof typeof table.fixtures;
  attributes?: string | string[];
  excludedAttributes?: string | string[];
  expected: Record<string, unknown>;
}

const schemaOf = (fixture: string) => (fixture === 'user' ? USER : GROUP);

describe('selectAttributes case table', () => {
  const cases = table.cases as Case[];

  it('has at least 25 cases', () => expect(cases.length).toBeGreaterThanOrEqual(25));

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const resource = table.fixtures[c.fixture] as ScimResource;
    const before = structuredClone(resource);
    const out = selectAttributes(resource, schemaOf(c.fixture), { attributes: c.attributes, excludedAttributes: c.excludedAttributes });
    expect(out).toEqual(c.expected);
    expect(resource).toEqual(before);
  });
});

describe('selectAttributes and returned=request', () => {
  const badge: SchemaDefinition = {
    id: 'urn:example:scim:schemas:extension:badge:2.0:User',
    name: 'Badge',
    description: 'Badge data',
    attributes: [
      attribute('badgeId', 'string'),
      attribute('photoHash', 'string', { returned: 'request' }),
      attribute('pin', 'string', { returned: 'never' }),
    ],
  };
  const rs = userResourceSchema([badge]);
  const user: ScimResource = {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', badge.id],
    id: 'u1',
    userName: 'u',
    [badge.id]: { badgeId: 'B1', photoHash: 'abc', pin: '1234' },
  };

  it('leaves request attributes out by default and out of a whole-extension selection', () => {
    expect(selectAttributes(user, rs)[badge.id]).toEqual({ badgeId: 'B1' });
    expect(selectAttributes(user, rs, { attributes: [badge.id] })[badge.id]).toEqual({ badgeId: 'B1' });
    expect(selectAttributes(user, rs, { excludedAttributes: ['userName'] })[badge.id]).toEqual({ badgeId: 'B1' });
  });

  it('returns a request attribute when named, and never a never attribute', () => {
    expect(selectAttributes(user, rs, { attributes: 'photoHash,pin' })).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', badge.id],
      id: 'u1',
      [badge.id]: { photoHash: 'abc' },
    });
  });
});

describe('selectAttributes output shape', () => {
  it('puts schemas first', () => {
    const out = selectAttributes(table.fixtures.user as ScimResource, USER, { attributes: 'userName' });
    expect(Object.keys(out)[0]).toBe('schemas');
  });
});

describe('needsMembers (docs/entra-compatibility.md §22)', () => {
  it.each([
    [{}, true],
    [{ excludedAttributes: 'members' }, false],
    [{ excludedAttributes: ['Members'] }, false],
    [{ excludedAttributes: 'members.display' }, true],
    [{ excludedAttributes: 'urn:ietf:params:scim:schemas:core:2.0:Group:members' }, false],
    [{ attributes: 'displayName' }, false],
    [{ attributes: 'id' }, false],
    [{ attributes: 'members.value' }, true],
    [{ attributes: 'displayName,members' }, true],
    [{ attributes: 'urn:ietf:params:scim:schemas:core:2.0:Group' }, true],
    [{ attributes: 'members', excludedAttributes: 'members' }, true],
  ])('%j → %s', (selection, expected) => {
    expect(needsMembers(selection)).toBe(expected);
  });

  it('isAttributeSelected handles URN-qualified extension paths', () => {
    const urn = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
    expect(isAttributeSelected(USER, { excludedAttributes: urn }, `${urn}:manager`)).toBe(false);
    expect(isAttributeSelected(USER, { attributes: `${urn}:manager.value` }, `${urn}:manager`)).toBe(true);
    expect(isAttributeSelected(USER, {}, 'password')).toBe(false);
    expect(isAttributeSelected(USER, {}, 'noSuchThing')).toBe(false);
  });
});

describe('parseAttributeList', () => {
  it.each([
    ['userName, name.givenName', ['userName', 'name.givenName']],
    [' userName ,, ', ['userName']],
    ['', []],
    [undefined, []],
    [null, []],
    [['userName,emails', 'members'], ['userName', 'emails', 'members']],
  ])('%j → %j', (input, expected) => {
    expect(parseAttributeList(input as string | string[] | undefined | null)).toEqual(expected);
  });
});
