// Two tenants, two tokens: neither can read, filter or change the other's resources.
import { randomUUID } from 'node:crypto';
import { entraGroup, entraUser } from './support/entra-bodies';
import { removeDataDir, startHub, type HubProcess } from './support/hub-process';
import { filterQuery, patchOp, scimClient, type ScimClient } from './support/scim-client';
import { forEachStore } from './support/e2e-stores';

forEachStore((store) => {
  const ADMIN = 'admin-' + randomUUID();
  let hub: HubProcess;
  let acme: ScimClient;
  let globex: ScimClient;

  async function tokenFor(tenant: string): Promise<string> {
    const res = await fetch(`${hub.baseUrl}/admin/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ tenant, label: `${tenant}-e2e` }),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { token: string }).token;
  }

  beforeAll(async () => {
    hub = await startHub({ ...(await store.setUp()), HUB_ADMIN_TOKEN: ADMIN, HUB_BOOTSTRAP_TOKEN: 'unused-' + randomUUID() });
    acme = scimClient(hub.baseUrl, await tokenFor('acme'));
    globex = scimClient(hub.baseUrl, await tokenFor('globex'));
  }, 60_000);

  afterAll(async () => {
    await hub?.stop();
    if (hub) removeDataDir(hub.dataDir);
    await store.tearDown();
  });

  it('keeps tenants apart for reads, filters, writes and uniqueness', async () => {
    const user = (await acme.post('/Users', entraUser('shared@contoso.com'))).body;
    const group = (await acme.post('/Groups', entraGroup('Shared'))).body;
    // The same userName and displayName are free in the other tenant.
    const theirs = await globex.post('/Users', entraUser('shared@contoso.com'));
    expect(theirs.status).toBe(201);
    const theirGroup = await globex.post('/Groups', entraGroup('Shared'));
    expect(theirGroup.status).toBe(201);
    // A group of one tenant cannot hold a member of another: that id is no User or Group of the caller's tenant.
    const foreign = await globex.patch(`/Groups/${theirGroup.body.id}`, patchOp({ op: 'add', path: 'members', value: [{ value: user.id }] }));
    expect(foreign.status).toBe(400);
    expect(foreign.body).toMatchObject({ scimType: 'invalidValue', detail: expect.stringContaining(user.id) });
    expect((await globex.post('/Groups', { ...entraGroup('Foreign'), members: [{ value: user.id }] })).status).toBe(400);

    expect((await globex.get(`/Users/${user.id}`)).status).toBe(404);
    expect((await globex.get(`/Groups/${group.id}`)).status).toBe(404);
    const filtered = await globex.get(`/Users${filterQuery('userName eq "shared@contoso.com"')}`);
    expect(filtered.body.Resources.map((u: any) => u.id)).toEqual([theirs.body.id]);
    expect((await globex.patch(`/Users/${user.id}`, patchOp({ op: 'replace', path: 'active', value: false }))).status).toBe(404);
    expect((await globex.delete(`/Users/${user.id}`)).status).toBe(404);
    expect((await globex.patch(`/Groups/${group.id}`, patchOp({ op: 'add', path: 'members', value: [{ value: theirs.body.id }] }))).status).toBe(404);

    const mine = await acme.get(`/Users/${user.id}`);
    expect(mine.status).toBe(200);
    expect(mine.body.active).toBe(true);
    const list = await acme.get('/Users');
    expect(list.body.Resources.map((u: any) => u.id)).toEqual([user.id]);
  });
});
