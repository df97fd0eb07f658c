import {
  etagListMatches,
  formatEtag,
  listResponse,
  parseEtag,
  parseEtagList,
  parsePaging,
  parseSearchRequest,
  resourceLocation,
  resourceMeta,
} from './index';
import { errorOf } from '../testing/error-of';

describe('listResponse (RFC 7644 §3.4.2)', () => {
  it('has the ListResponse shape with Resources and itemsPerPage = page size', () => {
    const page = listResponse([{ id: 'a' }, { id: 'b' }], { totalResults: 5, startIndex: 1 });
    expect(page).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 5,
      startIndex: 1,
      itemsPerPage: 2,
      Resources: [{ id: 'a' }, { id: 'b' }],
    });
  });

  it('answers "no match" with an empty Resources array (docs/entra-compatibility.md §20)', () => {
    const page = listResponse([], { totalResults: 0, startIndex: 1 });
    expect(page.Resources).toEqual([]);
    expect(page.totalResults).toBe(0);
    expect(page.itemsPerPage).toBe(0);
    expect(JSON.parse(JSON.stringify(page))).toEqual(page);
  });

  it('leaves startIndex out of a cursor page and carries the cursors (RFC 9865 §2)', () => {
    const page = listResponse([{ id: 'a' }], { totalResults: 3, nextCursor: 'n1', previousCursor: 'p1' });
    expect(page).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 3,
      itemsPerPage: 1,
      nextCursor: 'n1',
      previousCursor: 'p1',
      Resources: [{ id: 'a' }],
    });
  });

  it('keeps an explicit itemsPerPage', () => {
    expect(listResponse([], { totalResults: 3, startIndex: 11, itemsPerPage: 5 }).itemsPerPage).toBe(5);
  });
});

describe('parsePaging (RFC 7644 §3.4.2.4)', () => {
  const policy = { defaultCount: 100, maxCount: 200 };
  it.each([
    [{}, { startIndex: 1, count: 100 }],
    [{ startIndex: '11', count: '5' }, { startIndex: 11, count: 5 }],
    [{ startIndex: 6, count: 5 }, { startIndex: 6, count: 5 }],
    [{ startIndex: '0' }, { startIndex: 1, count: 100 }],
    [{ startIndex: '-4' }, { startIndex: 1, count: 100 }],
    [{ count: '-1' }, { startIndex: 1, count: 0 }],
    [{ count: '0' }, { startIndex: 1, count: 0 }],
    [{ count: '100000' }, { startIndex: 1, count: 200 }],
    [{ startIndex: ' 3 ', count: '' }, { startIndex: 3, count: 100 }],
  ])('%j → %j', (query, expected) => {
    expect(parsePaging(query, policy)).toEqual(expected);
  });

  it.each([[{ count: 'ten' }, 'count'], [{ startIndex: '1.5' }, 'startIndex'], [{ count: '1e3' }, 'count'], [{ count: ['1', '2'] }, 'count']])(
    '%j → invalidValue naming %s',
    (query, name) => {
      const e = errorOf(() => parsePaging(query, policy));
      expect(e.scimType).toBe('invalidValue');
      expect(e.detail).toContain(name);
    },
  );
});

describe('parsePaging with a cursor (RFC 9865 §2)', () => {
  const policy = { defaultCount: 100, maxCount: 200 };
  it.each([
    [{ cursor: '' }, { startIndex: 1, count: 100, cursor: '' }],
    [{ cursor: 'abc-_.~9', count: '10' }, { startIndex: 1, count: 10, cursor: 'abc-_.~9' }],
    [{ cursor: 'x', count: '100000' }, { startIndex: 1, count: 200, cursor: 'x' }],
    [{ cursor: 'x', startIndex: '' }, { startIndex: 1, count: 100, cursor: 'x' }],
  ])('%j → %j', (query, expected) => {
    expect(parsePaging(query, policy)).toEqual(expected);
  });
  it.each([
    [{ cursor: 'a b' }, 'invalidCursor'],
    [{ cursor: 'a/b+c=' }, 'invalidCursor'],
    [{ cursor: ['a', 'b'] }, 'invalidCursor'],
    [{ cursor: 'x'.repeat(20_000) }, 'invalidCursor'],
    [{ cursor: '', startIndex: '1' }, 'invalidValue'],
    [{ cursor: 'x', count: '0' }, 'invalidCount'],
    [{ cursor: 'x', count: '-3' }, 'invalidCount'],
  ])('%j → %s', (query, scimType) => {
    const e = errorOf(() => parsePaging(query, policy));
    expect(e.status).toBe(400);
    expect(e.scimType).toBe(scimType);
  });
});

describe('ETags', () => {
  it('formats a revision as a weak tag', () => {
    expect(formatEtag(0)).toBe('W/"0"');
    expect(formatEtag(42)).toBe('W/"42"');
    expect(parseEtag(formatEtag(42))).toBe(42);
  });

  it.each([
    ['W/"3", "4"', [3, 4]],
    ['W/"3"', [3]],
    ['"3"', [3]],
    ['*', '*'],
    [' * ', '*'],
    ['W/"1",W/"2" ,  W/"3"', [1, 2, 3]],
    ['"abc", W/"5"', [5]],
    ['"a,b", W/"6"', [6]],
    ['7', [7]],
    ['W/"x"', []],
    ['"1", , "2"', [1, 2]],
  ])('parseEtagList(%j) → %j', (header, expected) => {
    expect(parseEtagList(header)).toEqual(expected);
  });

  it.each(['', '   ', 'W/"3', '"3" "4"', '"3";"4"'])('parseEtagList(%j) → invalidSyntax', (header) => {
    expect(errorOf(() => parseEtagList(header)).scimType).toBe('invalidSyntax');
  });

  it('matches a revision against a parsed list', () => {
    expect(etagListMatches(parseEtagList('W/"3", "4"'), 4)).toBe(true);
    expect(etagListMatches(parseEtagList('W/"3", "4"'), 5)).toBe(false);
    expect(etagListMatches('*', 9)).toBe(true);
  });
});

describe('parseSearchRequest (RFC 7644 §3.4.3)', () => {
  const schemas = ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'];

  it('reads the RFC example', () => {
    const body = {
      schemas,
      attributes: ['displayName', 'userName'],
      excludedAttributes: [],
      filter: 'displayName sw "smith"',
      startIndex: 1,
      count: 10,
      sortBy: 'userName',
      sortOrder: 'descending',
    };
    expect(parseSearchRequest(body)).toEqual({
      attributes: ['displayName', 'userName'],
      excludedAttributes: [],
      filter: 'displayName sw "smith"',
      startIndex: 1,
      count: 10,
      sortBy: 'userName',
      sortOrder: 'descending',
    });
  });

  it('matches member names ignoring case and tolerates a comma-separated attributes string', () => {
    expect(parseSearchRequest({ Schemas: schemas, ATTRIBUTES: 'userName, emails', Filter: 'userName eq "a"', StartIndex: '2' })).toEqual({
      attributes: ['userName', 'emails'],
      filter: 'userName eq "a"',
      startIndex: 2,
    });
  });

  it('keeps an empty cursor (the first page) and a given one (RFC 9865 §3)', () => {
    expect(parseSearchRequest({ schemas, cursor: '' })).toEqual({ cursor: '' });
    expect(parseSearchRequest({ schemas, Cursor: 'abc', count: 5 })).toEqual({ cursor: 'abc', count: 5 });
    expect(errorOf(() => parseSearchRequest({ schemas, cursor: 5 })).scimType).toBe('invalidValue');
  });

  it('gives an empty object for a bare request', () => {
    expect(parseSearchRequest({ schemas })).toEqual({});
  });

  it.each([
    [null, 'invalidSyntax'],
    [[], 'invalidSyntax'],
    [{}, 'invalidSyntax'],
    [{ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'] }, 'invalidSyntax'],
    [{ schemas, count: 'ten' }, 'invalidValue'],
    [{ schemas, startIndex: 1.5 }, 'invalidValue'],
    [{ schemas, filter: 42 }, 'invalidValue'],
    [{ schemas, attributes: [1] }, 'invalidValue'],
    [{ schemas, filter: 'a', FILTER: 'b' }, 'invalidSyntax'],
  ])('%j → %s', (body, scimType) => {
    expect(errorOf(() => parseSearchRequest(body)).scimType).toBe(scimType);
  });
});

describe('resourceMeta (RFC 7643 §3.1)', () => {
  it('builds meta with location and version', () => {
    expect(
      resourceMeta({
        resourceType: 'User',
        id: '2819c223',
        baseUrl: 'https://hub.example/scim/v2/',
        created: new Date('2024-01-01T00:00:00.000Z'),
        lastModified: '2024-02-01T00:00:00.000Z',
        revision: 3,
      }),
    ).toEqual({
      resourceType: 'User',
      created: '2024-01-01T00:00:00.000Z',
      lastModified: '2024-02-01T00:00:00.000Z',
      location: 'https://hub.example/scim/v2/Users/2819c223',
      version: 'W/"3"',
    });
  });

  it('encodes the id and honours an explicit endpoint', () => {
    expect(resourceLocation('https://h/scim/v2', 'Groups', 'a/b c')).toBe('https://h/scim/v2/Groups/a%2Fb%20c');
    const meta = resourceMeta({ resourceType: 'Group', endpoint: '/Groups', id: 'g', baseUrl: 'https://h', created: 'x', lastModified: 'y', revision: 0 });
    expect(meta.location).toBe('https://h/Groups/g');
    expect(meta.version).toBe('W/"0"');
  });
});
