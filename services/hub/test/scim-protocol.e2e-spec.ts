// Black box, once per store: RFC 9865 cursor paging beside index paging (GET and POST .search, Users and Groups,
// its errors, stability under concurrent writes) and the HTTP-level ETag rules of RFC 7644 §3.14.
import { randomUUID } from 'node:crypto';
import { entraGroup, entraUser } from './support/entra-bodies';
import { forEachStore, type StoreUnderTest } from './support/e2e-stores';
import { removeDataDir, startHub, type HubProcess } from './support/hub-process';
import { filterQuery, patchOp, scimClient, type ScimClient, type ScimResponse } from './support/scim-client';

const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const SEARCH = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';

function expectScimError(res: ScimResponse, status: number, scimType?: string): void {
  expect(res.status).toBe(status);
  expect(res.body.schemas).toEqual([ERROR]);
  expect(res.body.status).toBe(String(status));
  if (scimType) expect(res.body.scimType).toBe(scimType);
}

function describeProtocol(store: StoreUnderTest): void {
  const TOKEN = 'e2e-token-' + randomUUID();
  let hub: HubProcess;
  let scim: ScimClient;

  beforeAll(async () => {
    hub = await startHub({ ...(await store.setUp()), HUB_BOOTSTRAP_TOKEN: TOKEN });
    scim = scimClient(hub.baseUrl, TOKEN);
  }, 60_000);

  afterAll(async () => {
    await hub?.stop();
    if (hub) removeDataDir(hub.dataDir);
    await store.tearDown();
  });

  const createUser = async (userName: string) => {
    const res = await scim.post('/Users', entraUser(userName));
    expect(res.status).toBe(201);
    return res.body;
  };

  /** Follows nextCursor from `first` (a path with `cursor` and `count`) to the last page; returns the userNames. */
  const walk = async (first: string, attribute = 'userName') => {
    const names: string[] = [];
    let res = await scim.get(first);
    for (;;) {
      expect(res.status).toBe(200);
      expect(res.body).not.toHaveProperty('startIndex');
      names.push(...res.body.Resources.map((r: any) => r[attribute]));
      if (!res.body.nextCursor) return { names, last: res };
      res = await scim.get(first.replace(/([?&])cursor(=[^&]*)?(?=&|$)/, `$1cursor=${res.body.nextCursor}`));
    }
  };

  it('answers a user create with what a GET right after it returns', async () => {
    const manager = await createUser(`boss-${randomUUID()}@example.com`);
    const body = {
      ...entraUser(`full-${randomUUID()}@example.com`),
      nickName: 'Full',
      phoneNumbers: [{ type: 'mobile', value: '+1 555 0100' }],
      addresses: [{ type: 'work', streetAddress: '1 Main St', locality: 'Springfield', country: 'US', primary: true }],
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { employeeNumber: '42', department: 'R&D', manager: { value: manager.id } },
    };
    const created = await scim.post('/Users', body);
    expect(created.status).toBe(201);
    const read = await scim.get(`/Users/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(created.body).toEqual(read.body);
    expect(created.body['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'].manager.value).toBe(manager.id);
  });

  describe('cursor paging (RFC 9865)', () => {
    const filter = filterQuery('userName ew "@cursor.example"');
    const names = Array.from({ length: 8 }, (_, i) => `c${i}@cursor.example`);

    beforeAll(async () => {
      for (const name of names) await createUser(name);
    });

    it('advertises both methods in ServiceProviderConfig', async () => {
      const res = await scim.get('/ServiceProviderConfig');
      expect(res.body.pagination).toEqual({
        cursor: true,
        index: true,
        defaultPaginationMethod: 'index',
        defaultPageSize: 100,
        maxPageSize: 1000,
        cursorTimeout: 86_400,
      });
    });

    it('walks with an empty cursor first (`cursor` without a value), then nextCursor, until it is absent', async () => {
      const first = await scim.get(`/Users${filter}&cursor&count=3`);
      expect(first.body).toMatchObject({ totalResults: 8, itemsPerPage: 3, nextCursor: expect.stringMatching(/^[A-Za-z0-9\-._~]+$/) });
      expect(first.body).not.toHaveProperty('previousCursor');
      const { names: seen, last } = await walk(`/Users${filter}&cursor=&count=3`);
      expect(seen).toEqual(names);
      expect(last.body).toMatchObject({ totalResults: 8, itemsPerPage: 2 });
      expect(last.body).not.toHaveProperty('nextCursor');
      // Back one page from the last.
      const back = await scim.get(`/Users${filter}&cursor=${last.body.previousCursor}&count=3`);
      expect(back.body.Resources.map((u: any) => u.userName)).toEqual(names.slice(3, 6));
      expect(back.body.nextCursor).toEqual(expect.any(String));
    });

    it('index paging is unchanged: startIndex, and no cursors in the answer', async () => {
      const res = await scim.get(`/Users${filter}&startIndex=4&count=3`);
      expect(res.body).toMatchObject({ totalResults: 8, startIndex: 4, itemsPerPage: 3 });
      expect(res.body.Resources.map((u: any) => u.userName)).toEqual(names.slice(3, 6));
      expect(res.body).not.toHaveProperty('nextCursor');
    });

    it('POST /.search takes cursor and count in the body (RFC 9865 §3)', async () => {
      const body = { schemas: [SEARCH], filter: 'userName ew "@cursor.example"', cursor: '', count: 5 };
      const first = await scim.post('/Users/.search', body);
      expect(first.status).toBe(200);
      expect(first.body.Resources.map((u: any) => u.userName)).toEqual(names.slice(0, 5));
      const second = await scim.post('/Users/.search', { ...body, cursor: first.body.nextCursor });
      expect(second.body.Resources.map((u: any) => u.userName)).toEqual(names.slice(5));
      expect(second.body).not.toHaveProperty('nextCursor');
      // The cursor of a GET is the cursor of the same query as .search.
      const viaGet = await scim.get(`/Users${filter}&cursor=${first.body.nextCursor}&count=5`);
      expect(viaGet.body.Resources.map((u: any) => u.userName)).toEqual(names.slice(5));
    });

    it('pages groups by cursor', async () => {
      for (const name of ['cg-1', 'cg-2', 'cg-3']) expect((await scim.post('/Groups', entraGroup(name))).status).toBe(201);
      const { names: seen } = await walk(`/Groups${filterQuery('displayName sw "cg-"')}&excludedAttributes=members&cursor&count=2`, 'displayName');
      expect(seen).toEqual(['cg-1', 'cg-2', 'cg-3']);
    });

    it('refuses a cursor with startIndex, a foreign or forged cursor, and count=0 with SCIM errors', async () => {
      const first = await scim.get(`/Users${filter}&cursor&count=3`);
      expectScimError(await scim.get(`/Users${filter}&cursor=&startIndex=1`), 400, 'invalidValue');
      expectScimError(await scim.get(`/Users${filter}&cursor=not-a-cursor`), 400, 'invalidCursor');
      expectScimError(await scim.get(`/Users${filter}&cursor=a%2Fb`), 400, 'invalidCursor');
      // A cursor of another query (another filter, another resource type) names another result set.
      expectScimError(await scim.get(`/Users${filterQuery('userName sw "c"')}&cursor=${first.body.nextCursor}`), 400, 'invalidCursor');
      expectScimError(await scim.get(`/Groups?cursor=${first.body.nextCursor}`), 400, 'invalidCursor');
      expectScimError(await scim.get(`/Users${filter}&cursor&count=0`), 400, 'invalidCount');
      expectScimError(await scim.post('/Users/.search', { schemas: [SEARCH], cursor: '', startIndex: 2 }), 400, 'invalidValue');
    });

    it('walks while users are created and deleted: every user present throughout is met once', async () => {
      const stay = Array.from({ length: 40 }, (_, i) => `s${String(i).padStart(2, '0')}@walk.example`);
      const ids = new Map<string, string>();
      for (const name of stay) ids.set(name, (await createUser(name)).id);
      const doomed = stay.filter((_, i) => i % 7 === 3);
      const walkFilter = filterQuery('userName ew "@walk.example"');
      const seen: string[] = [];
      let cursor = '';
      for (let page = 0; ; page++) {
        // Each page read races a create and (for the first pages) a delete of a user not yet walked or already walked.
        const writes: Promise<unknown>[] = [scim.post('/Users', entraUser(`n${page}@walk.example`))];
        if (page < doomed.length) writes.push(scim.delete(`/Users/${ids.get(doomed[page])}`));
        const [res] = await Promise.all([scim.get(`/Users${walkFilter}&cursor=${cursor}&count=6`), ...writes]);
        seen.push(...res.body.Resources.map((u: any) => u.userName));
        if (!res.body.nextCursor) break;
        cursor = res.body.nextCursor;
      }
      expect(new Set(seen).size).toBe(seen.length);
      const stayed = stay.filter((name) => !doomed.includes(name));
      expect(stayed.filter((name) => !seen.includes(name))).toEqual([]);
    });
  });

  describe('sorting (RFC 7644 §3.4.2.3)', () => {
    const filter = filterQuery('userName ew "@sort.example"');
    // Created in an order that is neither the ascending nor the descending one.
    const names = ['Kilo@sort.example', 'alpha@sort.example', 'Mike@sort.example', 'bravo@sort.example', 'juliet@sort.example'];
    const ascending = ['alpha@sort.example', 'bravo@sort.example', 'juliet@sort.example', 'Kilo@sort.example', 'Mike@sort.example'];

    beforeAll(async () => {
      for (const name of names) await createUser(name);
    });

    it('is advertised, and sorts by userName ignoring case in both orders, with GET and POST .search', async () => {
      expect((await scim.get('/ServiceProviderConfig')).body.sort).toEqual({ supported: true });
      const up = await scim.get(`/Users${filter}&sortBy=userName`);
      expect(up.body.Resources.map((u: any) => u.userName)).toEqual(ascending);
      const down = await scim.get(`/Users${filter}&sortBy=userName&sortOrder=descending&startIndex=2&count=2`);
      expect(down.body.Resources.map((u: any) => u.userName)).toEqual([...ascending].reverse().slice(1, 3));
      const searched = await scim.post('/Users/.search', { schemas: [SEARCH], filter: 'userName ew "@sort.example"', sortBy: 'userName', sortOrder: 'descending' });
      expect(searched.body.Resources.map((u: any) => u.userName)).toEqual([...ascending].reverse());
    });

    it('walks a sorted list by cursor; a cursor of another order is refused', async () => {
      const { names: seen } = await walk(`/Users${filter}&sortBy=userName&sortOrder=descending&cursor&count=2`);
      expect(seen).toEqual([...ascending].reverse());
      const first = await scim.get(`/Users${filter}&sortBy=userName&cursor&count=2`);
      expectScimError(await scim.get(`/Users${filter}&sortBy=userName&sortOrder=descending&cursor=${first.body.nextCursor}&count=2`), 400, 'invalidCursor');
    });

    it('refuses an unknown sortOrder and a complex sortBy with invalidValue', async () => {
      expectScimError(await scim.get(`/Users${filter}&sortBy=userName&sortOrder=up`), 400, 'invalidValue');
      expectScimError(await scim.get(`/Users${filter}&sortBy=name`), 400, 'invalidValue');
    });
  });

  describe('ETags over HTTP (RFC 7644 §3.14)', () => {
    it('GET with If-None-Match of the current version → 304 without a body; a stale one → 200', async () => {
      const user = await createUser(`etag-get-${randomUUID()}@contoso.com`);
      const current = await scim.get(`/Users/${user.id}`, { 'if-none-match': user.meta.version });
      expect(current.status).toBe(304);
      expect(current.text).toBe('');
      expect(current.headers.get('etag')).toBe(user.meta.version);
      await scim.patch(`/Users/${user.id}`, patchOp({ op: 'replace', path: 'title', value: 'changed' }));
      const stale = await scim.get(`/Users/${user.id}`, { 'if-none-match': user.meta.version });
      expect(stale.status).toBe(200);
      expect(stale.body.title).toBe('changed');
      expect(stale.headers.get('etag')).not.toBe(user.meta.version);
    });

    it('DELETE with a stale If-Match → 412 and the user stays; with the current one → 204', async () => {
      const user = await createUser(`etag-del-${randomUUID()}@contoso.com`);
      const patched = await scim.patch(`/Users/${user.id}`, patchOp({ op: 'replace', path: 'title', value: 'v2' }));
      expectScimError(await scim.delete(`/Users/${user.id}`, { 'if-match': user.meta.version }), 412);
      expect((await scim.get(`/Users/${user.id}`)).status).toBe(200);
      expect((await scim.delete(`/Users/${user.id}`, { 'if-match': patched.body.meta.version })).status).toBe(204);
    });

    it('If-Match: * lets PUT, PATCH and DELETE through whatever the version', async () => {
      const user = await createUser(`etag-any-${randomUUID()}@contoso.com`);
      const put = await scim.put(`/Users/${user.id}`, { ...entraUser(user.userName), displayName: 'Any' }, { 'if-match': '*' });
      expect(put.status).toBe(200);
      expect(put.body.displayName).toBe('Any');
      const patch = await scim.patch(`/Users/${user.id}`, patchOp({ op: 'replace', path: 'title', value: 'any' }), { 'if-match': '*' });
      expect(patch.status).toBe(200);
      expect(patch.body.meta.version).not.toBe(put.body.meta.version);
      expect((await scim.delete(`/Users/${user.id}`, { 'if-match': '*' })).status).toBe(204);
      expect((await scim.get(`/Users/${user.id}`)).status).toBe(404);
    });
  });
}

forEachStore(describeProtocol);
