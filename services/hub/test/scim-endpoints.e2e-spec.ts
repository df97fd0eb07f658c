// Black box, once per store: endpoint names in any case (every verb, .search, discovery) and POST /.search
// at the root (RFC 7644 §3.4.3) across Users and Groups of the caller's tenant only.
import { randomUUID } from 'node:crypto';
import { entraGroup, entraUser } from './support/entra-bodies';
import { forEachStore } from './support/e2e-stores';
import { removeDataDir, startHub, type HubProcess } from './support/hub-process';
import { filterQuery, patchOp, scimClient, type ScimClient } from './support/scim-client';

const SEARCH = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';

forEachStore((store) => {
  const TOKEN = 'e2e-token-' + randomUUID();
  const ADMIN = 'admin-' + randomUUID();
  let hub: HubProcess;
  let scim: ScimClient;
  let other: ScimClient;

  beforeAll(async () => {
    hub = await startHub({ ...(await store.setUp()), HUB_BOOTSTRAP_TOKEN: TOKEN, HUB_ADMIN_TOKEN: ADMIN });
    scim = scimClient(hub.baseUrl, TOKEN);
    const created = await fetch(`${hub.baseUrl}/admin/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ tenant: 'other', label: 'e2e' }),
    });
    other = scimClient(hub.baseUrl, ((await created.json()) as { token: string }).token);
  }, 60_000);

  afterAll(async () => {
    await hub?.stop();
    if (hub) removeDataDir(hub.dataDir);
    await store.tearDown();
  });

  describe('endpoint names in any case', () => {
    it('serves every verb of /users and /GROUPS like /Users and /Groups', async () => {
      const created = await scim.post('/users', entraUser('case@contoso.com'));
      expect(created.status).toBe(201);
      expect(created.headers.get('location')).toContain('/scim/v2/Users/');
      const id = created.body.id;
      expect((await scim.get(`/USERS/${id}`)).body.userName).toBe('case@contoso.com');
      expect((await scim.get(`/uSeRs${filterQuery('userName eq "case@contoso.com"')}`)).body.totalResults).toBe(1);
      expect((await scim.put(`/users/${id}`, entraUser('case@contoso.com', { title: 'put' }))).body.title).toBe('put');
      const patched = await scim.patch(`/USERS/${id}`, patchOp({ op: 'replace', path: 'title', value: 'patched' }));
      expect(patched.body.title).toBe('patched');
      const searched = await scim.post('/users/.search', { schemas: [SEARCH], filter: 'title eq "patched"' });
      expect(searched.body.Resources.map((r: any) => r.id)).toEqual([id]);
      const group = await scim.post('/GROUPS', entraGroup('Case Group'));
      expect(group.status).toBe(201);
      expect((await scim.patch(`/groups/${group.body.id}`, patchOp({ op: 'add', path: 'members', value: [{ value: id }] }))).status).toBe(204);
      expect((await scim.get(`/Groups/${group.body.id}`)).body.members.map((m: any) => m.value)).toEqual([id]);
      expect((await scim.delete(`/GrOuPs/${group.body.id}`)).status).toBe(204);
      expect((await scim.delete(`/users/${id}`)).status).toBe(204);
      expect((await scim.get(`/Users/${id}`)).status).toBe(404);
    });

    it('serves discovery in any case', async () => {
      expect((await scim.get('/serviceproviderconfig')).body.patch.supported).toBe(true);
      expect((await scim.get('/RESOURCETYPES')).body.totalResults).toBe(2);
      expect((await scim.get(`/schemas/${USER_SCHEMA}`)).body.id).toBe(USER_SCHEMA);
    });

    it('still authenticates and still answers 404 for unknown names', async () => {
      expect((await scimClient(hub.baseUrl).get('/users')).status).toBe(401);
      const res = await scim.get('/Userz');
      expect(res.status).toBe(404);
      expect(res.body.schemas).toEqual([ERROR]);
    });
  });

  describe('POST /.search at the root', () => {
    const tag = randomUUID().slice(0, 8);
    const userIds: string[] = [];
    const groupIds: string[] = [];
    const search = (body: Record<string, unknown>, client = scim) => client.post('/.search', { schemas: [SEARCH], ...body });

    beforeAll(async () => {
      for (const n of [1, 2, 3]) userIds.push((await scim.post('/Users', entraUser(`${tag}-u${n}@contoso.com`, { displayName: `${tag} user ${n}` }))).body.id);
      for (const n of [1, 2]) groupIds.push((await scim.post('/Groups', entraGroup(`${tag} group ${n}`))).body.id);
      await other.post('/Users', entraUser(`${tag}-foreign@contoso.com`, { displayName: `${tag} foreign` }));
    });

    it('finds Users and Groups of the caller only, each with its schemas and meta.resourceType', async () => {
      const res = await search({ filter: `displayName sw "${tag}"` });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('application/scim+json');
      expect(res.body).toMatchObject({ schemas: [LIST], totalResults: 5, startIndex: 1, itemsPerPage: 5 });
      expect(res.body.Resources.map((r: any) => r.id)).toEqual([...userIds, ...groupIds]);
      expect(res.body.Resources.map((r: any) => r.meta.resourceType)).toEqual(['User', 'User', 'User', 'Group', 'Group']);
      expect(res.body.Resources[0].schemas).toContain(USER_SCHEMA);
      expect(res.body.Resources[3].schemas).toContain(GROUP_SCHEMA);
      expect(res.body.Resources[3].meta.location).toContain(`/Groups/${groupIds[0]}`);
    });

    it('pages across the types with startIndex and count', async () => {
      const filter = `displayName sw "${tag}"`;
      const across = await search({ filter, startIndex: 3, count: 2 });
      expect(across.body).toMatchObject({ totalResults: 5, startIndex: 3, itemsPerPage: 2 });
      expect(across.body.Resources.map((r: any) => r.id)).toEqual([userIds[2], groupIds[0]]);
      const groupsOnly = await search({ filter, startIndex: 5, count: 10 });
      expect(groupsOnly.body.Resources.map((r: any) => r.id)).toEqual([groupIds[1]]);
      const none = await search({ filter, count: 0 });
      expect(none.body).toMatchObject({ totalResults: 5, itemsPerPage: 0 });
      expect(none.body.Resources ?? []).toEqual([]);
    });

    it('lets a filter on one type only match that type (attributes a type lacks match nothing)', async () => {
      const res = await search({ filter: `userName sw "${tag}-u"` });
      expect(res.body.totalResults).toBe(3);
      expect(res.body.Resources.every((r: any) => r.meta.resourceType === 'User')).toBe(true);
    });

    it('honours attributes and excludedAttributes per type', async () => {
      const picked = await search({ filter: `displayName sw "${tag}"`, attributes: ['displayName'] });
      for (const r of picked.body.Resources) expect(Object.keys(r).sort()).toEqual(['displayName', 'id', 'schemas']);
      const excluded = await search({ filter: `displayName sw "${tag}"`, excludedAttributes: ['emails', 'members'] });
      expect(excluded.body.Resources.some((r: any) => 'emails' in r || 'members' in r)).toBe(false);
      expect(excluded.body.Resources[0].userName).toBe(`${tag}-u1@contoso.com`);
    });

    it('refuses a bad filter, a body without the SearchRequest schema, and a caller without a token', async () => {
      const bad = await search({ filter: 'displayName eq' });
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ schemas: [ERROR], scimType: 'invalidFilter' });
      const noSchema = await scim.post('/.search', { filter: 'userName pr' });
      expect(noSchema.body).toMatchObject({ status: '400', scimType: 'invalidSyntax' });
      expect((await scimClient(hub.baseUrl).post('/.search', { schemas: [SEARCH] })).status).toBe(401);
    });

    it('is reachable as /.SEARCH too', async () => {
      expect((await scim.post('/.SEARCH', { schemas: [SEARCH], filter: `displayName sw "${tag}"` })).body.totalResults).toBe(5);
    });
  });
});
