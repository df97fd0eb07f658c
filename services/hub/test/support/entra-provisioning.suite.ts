// Black box: the built hub, started as a user starts it, receives every request shape of docs/entra-compatibility.md over HTTP.
// The same suite runs once per store (HUB_STORE=sqlite, HUB_STORE=postgres).
import { randomUUID } from 'node:crypto';
import { ENTERPRISE, entraGroup, entraUser } from './entra-bodies';
import { removeDataDir, startHub, type HubProcess } from './hub-process';
import { filterQuery, patchOp, scimClient, type ScimClient } from './scim-client';
import type { StoreUnderTest } from './e2e-stores';
import { postAnnouncingLength } from './oversized-request';


/** Registers the whole Entra provisioning suite against a hub running on `store`. */
export function describeEntraProvisioning(store: StoreUnderTest): void {
  const TOKEN = 'e2e-token-' + randomUUID();
  const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
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

  const createUser = async (userName: string, extra: Record<string, unknown> = {}) => {
    const res = await scim.post('/Users', entraUser(userName, extra));
    expect(res.status).toBe(201);
    return res.body;
  };
  const createGroup = async (name: string) => {
    const res = await scim.post('/Groups', entraGroup(name));
    expect(res.status).toBe(201);
    return res.body;
  };
  const memberIds = async (groupId: string) => ((await scim.get(`/Groups/${groupId}`)).body.members ?? []).map((m: any) => m.value).sort();
  const expectScimError = (res: { status: number; body: any; headers: Headers }, status: number, scimType?: string) => {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/scim+json');
    expect(res.body.schemas).toEqual([ERROR]);
    expect(res.body.status).toBe(String(status));
    if (scimType) expect(res.body.scimType).toBe(scimType);
  };

  describe('Test Connection and discovery (docs/entra-compatibility.md §21, §12–13)', () => {
    it('answers a random-GUID userName filter with 200 and an empty ListResponse', async () => {
      const res = await scim.get(`/Users${filterQuery(`userName eq "${randomUUID()}"`)}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('application/scim+json');
      expect(res.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 0, Resources: [] });
    });

    it('serves ServiceProviderConfig, ResourceTypes and Schemas', async () => {
      const config = await scim.get('/ServiceProviderConfig');
      expect(config.status).toBe(200);
      expect(config.body.patch.supported).toBe(true);
      const types = await scim.get('/ResourceTypes');
      expect(types.body.Resources[0].endpoint).toBe('/Users');
      const schemas = await scim.get('/Schemas');
      expect(schemas.body.Resources.map((s: any) => s.id)).toEqual(
        expect.arrayContaining(['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:core:2.0:Group', ENTERPRISE]),
      );
    });
  });

  describe('users', () => {
    it('creates, reads, filters by userName and by unquoted externalId', async () => {
      const user = await createUser('alice@contoso.com');
      expect(user.id).toEqual(expect.any(String));
      expect(user.userName).toBe('alice@contoso.com');
      expect(user.meta).toMatchObject({ resourceType: 'User', version: expect.stringMatching(/^W\/"\d+"$/) });
      const got = await scim.get(`/Users/${user.id}`);
      expect(got.status).toBe(200);
      expect(got.body.emails).toEqual([{ primary: true, type: 'work', value: 'alice@contoso.com' }]);
      expect(got.headers.get('etag')).toBe(user.meta.version);
      const byName = await scim.get(`/Users${filterQuery('userName eq "ALICE@contoso.com"')}`);
      expect(byName.body.totalResults).toBe(1);
      expect(byName.body.Resources[0].id).toBe(user.id);
      const byExternalId = await scim.get(`/Users${filterQuery('externalId eq alice')}`);
      expect(byExternalId.body.Resources.map((u: any) => u.id)).toEqual([user.id]);
      const byEmail = await scim.get(`/Users${filterQuery('emails[type eq "work"].value eq "alice@contoso.com"')}`);
      expect(byEmail.body.totalResults).toBe(1);
    });

    it('returns Location on create and accepts active as the string "True" (docs/entra-compatibility.md §28)', async () => {
      const res = await scim.post('/Users', entraUser('strtrue@contoso.com', { active: 'True' }));
      expect(res.status).toBe(201);
      expect(res.body.active).toBe(true);
      expect(res.headers.get('location')).toMatch(new RegExp(`/scim/v2/Users/${res.body.id}$`));
      expect(res.body.meta.location).toBe(res.headers.get('location'));
    });

    it('disables with Replace "False" and restores with boolean true; GET still returns the inactive user', async () => {
      const user = await createUser('bob@contoso.com');
      const disabled = await scim.patch(`/Users/${user.id}`, patchOp({ op: 'Replace', path: 'active', value: 'False' }));
      expect([200, 204]).toContain(disabled.status);
      expect((await scim.get(`/Users/${user.id}`)).body.active).toBe(false);
      const inactive = await scim.get(`/Users${filterQuery('userName eq "bob@contoso.com"')}`);
      expect(inactive.body.Resources[0].active).toBe(false);
      await scim.patch(`/Users/${user.id}`, { Operations: [{ op: 'replace', path: 'active', value: true }], schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'] });
      expect((await scim.get(`/Users/${user.id}`)).body.active).toBe(true);
    });

    it('applies several capitalised Replace ops and the flagged pathless replace with dotted and URN keys', async () => {
      const user = await createUser('carol@contoso.com');
      const res = await scim.patch(
        `/Users/${user.id}`,
        patchOp(
          { op: 'Replace', path: 'displayName', value: 'Carol C' },
          { op: 'Replace', path: 'name.givenName', value: 'Carol' },
          { op: 'Add', path: `${ENTERPRISE}:department`, value: 'Sales' },
          { op: 'Replace', path: 'emails[type eq "work"].value', value: 'carol@fabrikam.com' },
        ),
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ displayName: 'Carol C', name: { givenName: 'Carol' }, [ENTERPRISE]: { department: 'Sales' } });
      expect(res.body.emails[0].value).toBe('carol@fabrikam.com');
      await scim.patch(
        `/Users/${user.id}`,
        patchOp({ op: 'replace', value: { 'name.givenName': 'Caroline', 'name.familyName': 'Smith', [`${ENTERPRISE}:employeeNumber`]: '42', active: false } }),
      );
      const got = (await scim.get(`/Users/${user.id}`)).body;
      expect(got.name).toMatchObject({ givenName: 'Caroline', familyName: 'Smith' });
      expect(got[ENTERPRISE]).toMatchObject({ employeeNumber: '42', department: 'Sales' });
      expect(got.active).toBe(false);
    });

    it('sets the manager from a bare id and from [{value,$ref}], exposes it as {value}, clears it with ""', async () => {
      const boss = await createUser('boss@contoso.com');
      const other = await createUser('other-boss@contoso.com');
      const user = await createUser('dave@contoso.com');
      await scim.patch(`/Users/${user.id}`, patchOp({ op: 'add', path: `${ENTERPRISE}:manager`, value: boss.id }));
      expect((await scim.get(`/Users/${user.id}`)).body[ENTERPRISE].manager).toMatchObject({ value: boss.id });
      const byManager = await scim.get(`/Users${filterQuery(`${ENTERPRISE}:manager.value eq "${boss.id}"`)}`);
      expect(byManager.body.Resources.map((u: any) => u.id)).toEqual([user.id]);
      await scim.patch(`/Users/${user.id}`, patchOp({ op: 'Add', path: 'manager', value: [{ $ref: `http://x/scim/Users/${other.id}`, value: other.id }] }));
      expect((await scim.get(`/Users/${user.id}`)).body[ENTERPRISE].manager.value).toBe(other.id);
      await scim.patch(`/Users/${user.id}`, patchOp({ op: 'Replace', path: `${ENTERPRISE}:manager`, value: '' }));
      expect((await scim.get(`/Users/${user.id}`)).body[ENTERPRISE]?.manager).toBeUndefined();
    });

    it('accepts roles whose value is a JSON-encoded string (docs/entra-compatibility.md §46)', async () => {
      const user = await createUser('erin@contoso.com');
      const role = JSON.stringify({ id: 'r1', value: '25', displayName: 'Role1234' });
      const res = await scim.patch(`/Users/${user.id}`, patchOp({ op: 'Add', path: 'roles', value: [{ value: role }] }));
      expect(res.status).toBe(200);
      expect((await scim.get(`/Users/${user.id}`)).body.roles).toEqual([expect.objectContaining({ value: role })]);
    });

    it('clears attributes replaced with "" and with null (docs/entra-compatibility.md §47)', async () => {
      const user = await createUser('frank@contoso.com', { nickName: 'Frankie', title: 'Engineer' });
      await scim.patch(`/Users/${user.id}`, patchOp({ op: 'Replace', path: 'nickName', value: '' }, { op: 'Replace', path: 'title', value: null }));
      const got = (await scim.get(`/Users/${user.id}`)).body;
      expect(got.nickName).toBeUndefined();
      expect(got.title).toBeUndefined();
    });

    it('honours attributes and excludedAttributes', async () => {
      const user = await createUser('grace@contoso.com');
      const only = (await scim.get(`/Users/${user.id}?attributes=userName`)).body;
      expect(Object.keys(only).sort()).toEqual(['id', 'schemas', 'userName'].sort());
      const without = (await scim.get(`/Users/${user.id}?excludedAttributes=emails,name`)).body;
      expect(without.emails).toBeUndefined();
      expect(without.name).toBeUndefined();
      expect(without.userName).toBe('grace@contoso.com');
    });

    it('pages with startIndex and count', async () => {
      for (let i = 0; i < 7; i++) await createUser(`page-${i}@paging.example`);
      const filter = filterQuery('userName ew "@paging.example"');
      const seen: string[] = [];
      for (let page = 0; page < 3; page++) {
        const res = await scim.get(`/Users${filter}&startIndex=${page * 3 + 1}&count=3`);
        expect(res.body.totalResults).toBe(7);
        expect(res.body.startIndex).toBe(page * 3 + 1);
        expect(res.body.itemsPerPage).toBe(res.body.Resources.length);
        seen.push(...res.body.Resources.map((u: any) => u.userName));
      }
      expect(new Set(seen).size).toBe(7);
    });

    it('deletes: 204, then 404 on GET and an empty filter result', async () => {
      const user = await createUser('gone@contoso.com');
      expect((await scim.delete(`/Users/${user.id}`)).status).toBe(204);
      expectScimError(await scim.get(`/Users/${user.id}`), 404);
      expect((await scim.get(`/Users${filterQuery('userName eq "gone@contoso.com"')}`)).body.totalResults).toBe(0);
      // The userName is free again once its owner is deleted.
      await createUser('gone@contoso.com');
    });

    it('accepts two work emails and two work phone numbers; a PATCH filter path changes every matching value', async () => {
      const emails = [{ type: 'work', value: 'w1@two.example', primary: true }, { type: 'work', value: 'w2@two.example' }, { type: 'home', value: 'h@two.example' }];
      const phoneNumbers = [{ type: 'work', value: '+1 555 0100' }, { type: 'work', value: '+1 555 0101' }];
      const user = await createUser('two@two.example', { emails, phoneNumbers });
      expect(user.emails).toEqual(emails);
      expect(user.phoneNumbers).toEqual(phoneNumbers);
      const res = await scim.patch(`/Users/${user.id}`, patchOp({ op: 'replace', path: 'emails[type eq "work"].value', value: 'same@two.example' }));
      expect(res.status).toBe(200);
      expect(res.body.emails.map((e: any) => e.value)).toEqual(['same@two.example', 'same@two.example', 'h@two.example']);
    });

    it('ignores attributes the schema does not define; malformed known ones stay 400 invalidValue', async () => {
      const user = await createUser('unknown@contoso.com', { favouriteColour: 'green', name: { givenName: 'U', nickname: 'x' } });
      expect(user).not.toHaveProperty('favouriteColour');
      expect(user.name).toEqual({ givenName: 'U' });
      const patched = await scim.patch(`/Users/${user.id}`, patchOp({ op: 'replace', value: { shoeSize: 44, title: 'Boss' } }));
      expect(patched.status).toBe(200);
      expect(patched.body.title).toBe('Boss');
      expectScimError(await scim.post('/Users', entraUser('bad-active@contoso.com', { favouriteColour: 'green', active: 'maybe' })), 400, 'invalidValue');
    });

    it('accepts a PATCH whose extension object carries its own schemas', async () => {
      const user = await createUser('extschemas@contoso.com');
      const res = await scim.patch(`/Users/${user.id}`, patchOp({ op: 'add', value: { [ENTERPRISE]: { schemas: [ENTERPRISE], department: 'R&D' } } }));
      expect(res.status).toBe(200);
      expect(res.body[ENTERPRISE]).toEqual({ department: 'R&D' });
      const viaPath = await scim.patch(`/Users/${user.id}`, patchOp({ op: 'replace', path: ENTERPRISE, value: { schemas: [ENTERPRISE], costCenter: '42' } }));
      expect(viaPath.body[ENTERPRISE]).toEqual({ department: 'R&D', costCenter: '42' });
    });

    it('filters with ne like not (eq): a user without the attribute matches', async () => {
      const titled = await createUser('ne-titled@ne.example', { title: 'Director' });
      const untitled = await createUser('ne-untitled@ne.example');
      const ne = await scim.get(`/Users${filterQuery('userName ew "@ne.example" and title ne "Director"')}`);
      expect(ne.body.Resources.map((u: any) => u.id)).toEqual([untitled.id]);
      const not = await scim.get(`/Users${filterQuery('userName ew "@ne.example" and not (title eq "Director")')}`);
      expect(not.body.Resources.map((u: any) => u.id)).toEqual([untitled.id]);
      expect(titled.title).toBe('Director');
    });

    it('answers PUT with the replaced resource and honours If-Match (412 on a stale version)', async () => {
      const user = await createUser('ivan@contoso.com');
      const put = await scim.put(`/Users/${user.id}`, { ...entraUser('ivan@contoso.com'), displayName: 'Ivan' }, { 'if-match': user.meta.version });
      expect(put.status).toBe(200);
      expect(put.body.displayName).toBe('Ivan');
      expectScimError(await scim.patch(`/Users/${user.id}`, patchOp({ op: 'replace', path: 'title', value: 'x' }), { 'if-match': user.meta.version }), 412);
    });
  });

  describe('errors', () => {
    it('404 with a SCIM error for an unknown id', async () => {
      expectScimError(await scim.get(`/Users/${randomUUID()}`), 404);
      expectScimError(await scim.patch(`/Users/${randomUUID()}`, patchOp({ op: 'replace', path: 'active', value: false })), 404);
    });

    it('409 uniqueness for a duplicate userName in another case', async () => {
      await createUser('dup@contoso.com');
      const res = await scim.post('/Users', entraUser('DUP@Contoso.com'));
      expectScimError(res, 409, 'uniqueness');
      expect(res.body.detail).toEqual(expect.any(String));
    });

    it('400 for a missing userName, malformed JSON and a bad filter', async () => {
      const { userName: _u, ...noName } = entraUser('x@contoso.com');
      expectScimError(await scim.post('/Users', noName), 400, 'invalidValue');
      expectScimError(await scim.post('/Users', '{"userName": "broken"'), 400, 'invalidSyntax');
      expectScimError(await scim.get(`/Users${filterQuery('userName eq')}`), 400, 'invalidFilter');
      expectScimError(await scim.patch(`/Users/${randomUUID()}`, { Operations: [] }), 400);
    });

    it('401 without a token or with a wrong one', async () => {
      expectScimError(await scimClient(hub.baseUrl).get('/Users'), 401);
      expectScimError(await scimClient(hub.baseUrl, 'wrong').get('/Users'), 401);
    });
  });

  describe('groups', () => {
    it('creates with "members": [], reads with excludedAttributes=members, filters by displayName', async () => {
      const group = await createGroup('Engineering');
      expect(group.members).toEqual([]);
      const got = await scim.get(`/Groups/${group.id}?excludedAttributes=members`);
      expect(got.status).toBe(200);
      expect(got.body.members).toBeUndefined();
      const filtered = await scim.get(`/Groups${filterQuery('displayName eq "Engineering"')}&excludedAttributes=members`);
      expect(filtered.body.Resources.map((g: any) => g.id)).toEqual([group.id]);
      expectScimError(await scim.post('/Groups', entraGroup('engineering')), 409, 'uniqueness');
    });

    it('adds several members in one op (204) and removes exactly the listed ones with the default form', async () => {
      const group = await createGroup('Sales');
      const users = await Promise.all(['s1', 's2', 's3', 's4'].map((n) => createUser(`${n}@sales.example`)));
      const add = await scim.patch(`/Groups/${group.id}`, patchOp({ op: 'Add', path: 'members', value: users.map((u) => ({ $ref: null, value: u.id })) }));
      expect(add.status).toBe(204);
      expect(await memberIds(group.id)).toEqual(users.map((u) => u.id).sort());
      const byMember = await scim.get(`/Groups${filterQuery(`members[value eq "${users[0].id}"]`)}&excludedAttributes=members`);
      expect(byMember.body.Resources.map((g: any) => g.id)).toEqual([group.id]);
      // docs/entra-compatibility.md §44: without the flag, Remove + value list must remove only those members.
      await scim.patch(`/Groups/${group.id}`, patchOp({ op: 'Remove', path: 'members', value: [{ value: users[0].id }] }));
      expect(await memberIds(group.id)).toEqual(users.slice(1).map((u) => u.id).sort());
      // With aadOptscim062020: the value-filter path form.
      await scim.patch(`/Groups/${group.id}`, patchOp({ op: 'remove', path: `members[value eq "${users[1].id}"]` }));
      expect(await memberIds(group.id)).toEqual(users.slice(2).map((u) => u.id).sort());
      // Reference Postman suite: remove without value removes all.
      await scim.patch(`/Groups/${group.id}`, patchOp({ op: 'remove', path: 'members' }));
      expect(await memberIds(group.id)).toEqual([]);
    });

    it('answers members with $ref and type (RFC 7643 §4.2), ignores an unknown member displayName, omits members once all are removed', async () => {
      const group = await createGroup('Refs');
      const user = await createUser('refs@contoso.com');
      const inner = await createGroup('Refs inner');
      const add = await scim.patch(`/Groups/${group.id}`, patchOp({ op: 'add', path: 'members', value: [{ value: user.id, displayName: 'Refs User' }, { value: inner.id }] }));
      expect(add.status).toBe(204);
      const members = (await scim.get(`/Groups/${group.id}`)).body.members.sort((a: any, b: any) => a.type.localeCompare(b.type));
      expect(members).toEqual([
        { value: inner.id, type: 'Group', $ref: inner.meta.location },
        { value: user.id, type: 'User', $ref: user.meta.location },
      ]);
      expect(user.meta.location).toMatch(new RegExp(`/scim/v2/Users/${user.id}$`));
      await scim.patch(`/Groups/${group.id}`, patchOp({ op: 'remove', path: 'members' }));
      expect((await scim.get(`/Groups/${group.id}`)).body).not.toHaveProperty('members');
    });

    it('refuses a member that is no User or Group of the tenant with 400 invalidValue naming it, on POST, PUT and PATCH', async () => {
      const ghost = randomUUID();
      const group = await createGroup('Ghosts');
      const expectGhost = (res: { status: number; body: any; headers: Headers }) => {
        expectScimError(res, 400, 'invalidValue');
        expect(res.body.detail).toContain(ghost);
      };
      expectGhost(await scim.patch(`/Groups/${group.id}`, patchOp({ op: 'Add', path: 'members', value: [{ value: ghost }] })));
      expectGhost(await scim.put(`/Groups/${group.id}`, { ...entraGroup('Ghosts'), members: [{ value: ghost }] }));
      expectGhost(await scim.post('/Groups', { ...entraGroup('Ghosts 2'), members: [{ value: ghost }] }));
      const deleted = await createUser('deleted-member@contoso.com');
      await scim.delete(`/Users/${deleted.id}`);
      expectScimError(await scim.patch(`/Groups/${group.id}`, patchOp({ op: 'Add', path: 'members', value: [{ value: deleted.id }] })), 400, 'invalidValue');
      expect(await memberIds(group.id)).toEqual([]);
    });

    it('renames with PATCH and deletes with 204', async () => {
      const group = await createGroup('Temp');
      expect((await scim.patch(`/Groups/${group.id}`, patchOp({ op: 'Replace', path: 'displayName', value: 'Temp2' }))).status).toBe(204);
      expect((await scim.get(`/Groups/${group.id}`)).body.displayName).toBe('Temp2');
      expect((await scim.delete(`/Groups/${group.id}`)).status).toBe(204);
      expectScimError(await scim.get(`/Groups/${group.id}`), 404);
    });
  });

  describe('concurrency', () => {
    it('50 concurrent POSTs of one userName in different cases: exactly one 201, 49 × 409', async () => {
      const names = Array.from({ length: 50 }, (_, i) => [...'race@contoso.com'].map((c, j) => ((i >> j % 6) & 1 ? c.toUpperCase() : c)).join(''));
      const results = await Promise.all(names.map((n) => scim.post('/Users', entraUser(n))));
      const statuses = results.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(49);
      expect((await scim.get(`/Users${filterQuery('userName eq "race@contoso.com"')}`)).body.totalResults).toBe(1);
    });

    it('20 concurrent PATCHes each adding a member to one group: all 20 present', async () => {
      const group = await createGroup('Concurrent');
      const users = await Promise.all(Array.from({ length: 20 }, (_, i) => createUser(`c${i}@concurrent.example`)));
      const results = await Promise.all(users.map((u) => scim.patch(`/Groups/${group.id}`, patchOp({ op: 'Add', path: 'members', value: [{ value: u.id }] }))));
      expect(results.map((r) => r.status)).toEqual(users.map(() => 204));
      expect(await memberIds(group.id)).toEqual(users.map((u) => u.id).sort());
    });
  });

  describe('hostile input never yields a 500', () => {
    // Sub-attributes the hub reads by name (name.middleName, emails[].display): were Object.prototype polluted in
    // the hub, they would show up in every user it renders.
    const POLLUTION = { admin: true, middleName: 'polluted', display: 'polluted' };
    const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
    const bodies: [string, unknown][] = [
      ['__proto__ key', `{"schemas":["${USER}"],"userName":"p@x","__proto__":${JSON.stringify(POLLUTION)}}`],
      ['constructor key', { schemas: [USER], userName: 'c@x', constructor: { prototype: POLLUTION } }],
      ['nested __proto__ keys', `{"schemas":["${USER}"],"userName":"n@x","name":{"__proto__":{"middleName":"polluted"}},"emails":[{"value":"n@x","__proto__":{"display":"polluted"}}]}`],
      ['deep nesting', JSON.parse('{"userName":"d@x","name":' + '{"a":'.repeat(500) + '1' + '}'.repeat(500) + '}')],
      ['huge string', { schemas: [USER], userName: 'h'.repeat(100_000) }],
      ['wrong types', { schemas: [USER], userName: 42, emails: 'nope' }],
      ['array body', [1, 2, 3]],
      ['null body', 'null'],
    ];
    let before: any;
    beforeAll(async () => {
      before = await createUser('before-hostile@contoso.com');
    });

    it.each(bodies)('POST /Users with %s → 4xx SCIM error', async (_name, body) => {
      const res = await scim.post('/Users', body);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.body.schemas).toEqual([ERROR]);
    });

    it('leaves the hub unpolluted: users created before and after show nothing the hostile bodies carried', async () => {
      const after = await createUser('after-hostile@contoso.com');
      const listed = (await scim.get(`/Users${filterQuery('userName ew "-hostile@contoso.com"')}`)).body.Resources;
      const rendered = [(await scim.get(`/Users/${before.id}`)).body, after, ...listed];
      expect(rendered).toHaveLength(4);
      for (const user of rendered) {
        expect(user.name).toEqual({ formatted: 'Test User', familyName: 'User', givenName: 'Test' });
        expect(user.emails).toEqual([{ primary: true, type: 'work', value: user.userName }]);
        expect(user).not.toHaveProperty('admin');
      }
      for (const userName of ['p@x', 'c@x', 'n@x']) {
        expect((await scim.get(`/Users${filterQuery(`userName eq "${userName}"`)}`)).body.totalResults).toBe(0);
      }
    });

    it.each(['userName eq "a" and ' + '(userName eq "b" or '.repeat(300) + 'x' + ')'.repeat(300), 'a'.repeat(10_000), 'userName co "%"))', 'emails[type eq "work"'])(
      'hostile filter %# → 400',
      async (filter) => {
        const res = await scim.get(`/Users${filterQuery(filter)}`);
        expectScimError(res, 400);
      },
    );

    it('body over the limit → 413 SCIM error', async () => {
      // The hub answers from Content-Length and then closes the connection (the client would otherwise keep
      // sending), so the client announces 2 MiB, sends the start, and reads the answer.
      const res = await postAnnouncingLength(`${hub.baseUrl}/scim/v2/Users`, TOKEN, 2 * 1024 * 1024);
      expect(res.status).toBe(413);
      expect(res.contentType).toContain('application/scim+json');
      expect(res.body).toMatchObject({ schemas: [ERROR], status: '413' });
    });
  });
}
