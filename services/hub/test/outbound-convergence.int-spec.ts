// The judge of the outbound e2e suite, checked on its own: the hub and the scimmy target hold the same users and
// groups written to each directly (no engine), and waitForConvergence must see agreement — and must see a
// difference, with the member resolved through the target's OWN ids, when there is one.
import { randomUUID } from 'node:crypto';
import { startScimTarget, type ScimTarget } from '@scim-hub/testing/scim-target';
import { entraGroup, entraUser } from './support/entra-bodies';
import { removeDataDir, startHub, type HubProcess } from './support/hub-process';
import { type ScimGet, waitForConvergence } from './support/outbound-convergence';
import { patchOp, scimClient, type ScimClient } from './support/scim-client';

const TOKEN = `scim-${randomUUID()}`;
const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';

describe('outbound convergence check', () => {
  let hub: HubProcess;
  let target: ScimTarget;
  let scim: ScimClient;
  let hubGet: ScimGet;
  let targetGet: ScimGet;
  const onTarget = new Map<string, string>();

  beforeAll(async () => {
    hub = await startHub({ HUB_BOOTSTRAP_TOKEN: TOKEN });
    target = await startScimTarget();
    scim = scimClient(hub.baseUrl, TOKEN);
    hubGet = (p) => scim.get(p);
    targetGet = (p) => target.scim('GET', p);
    const onHub = new Map<string, string>();
    for (const name of ['a@x.test', 'b@x.test', 'c@x.test']) {
      onHub.set(name, (await scim.post('/Users', entraUser(name))).body.id);
      const created = await target.scim('POST', '/Users', { schemas: [CORE_USER], userName: name, externalId: name.split('@')[0], active: true });
      expect(created.status).toBe(201);
      onTarget.set(name, created.body.id);
    }
    const group = (await scim.post('/Groups', entraGroup('G'))).body.id;
    await scim.patch(`/Groups/${group}`, patchOp({ op: 'add', path: 'members', value: [{ value: onHub.get('a@x.test') }, { value: onHub.get('b@x.test') }] }));
    const { displayName, externalId } = entraGroup('G');
    await target.scim('POST', '/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName, externalId, members: [{ value: onTarget.get('a@x.test') }, { value: onTarget.get('b@x.test') }] });
  }, 60_000);
  afterAll(async () => {
    await hub?.stop();
    if (hub) removeDataDir(hub.dataDir);
    await target?.stop();
  });

  it('sees agreement when both hold the same users and memberships', async () => {
    await waitForConvergence(hubGet, targetGet, { onDeprovision: 'delete', deleted: new Set() }, 'same state', 5_000);
  });

  it('sees a member carrying the hub id instead of the target id', async () => {
    const group = (await target.state()).groups[0];
    const hubIdOfA = (await scim.get(`/Users?filter=${encodeURIComponent('userName eq "a@x.test"')}`)).body.Resources[0].id;
    await target.scim('PUT', `/Groups/${group.id}`, { ...group, members: [{ value: hubIdOfA }, { value: onTarget.get('b@x.test') }] });
    await expect(waitForConvergence(hubGet, targetGet, { onDeprovision: 'delete', deleted: new Set() }, 'hub id on target', 1_000)).rejects.toThrow(
      `groups G: expected ["a@x.test","b@x.test"], target has ["?${hubIdOfA}","b@x.test"]`,
    );
    await target.scim('PUT', `/Groups/${group.id}`, { ...group, members: [{ value: onTarget.get('a@x.test') }, { value: onTarget.get('b@x.test') }] });
  });

  it('expects a user deleted in the hub disabled on a disable target, and gone from a delete target', async () => {
    const c = (await scim.get(`/Users?filter=${encodeURIComponent('userName eq "c@x.test"')}`)).body.Resources[0].id;
    expect((await scim.delete(`/Users/${c}`)).status).toBe(204);
    const deleted = new Set(['c@x.test']);
    await expect(waitForConvergence(hubGet, targetGet, { onDeprovision: 'disable', deleted }, 'disable', 1_000)).rejects.toThrow(
      'users c@x.test: expected {"active":false',
    );
    await target.scim('PATCH', `/Users/${onTarget.get('c@x.test')}`, patchOp({ op: 'replace', path: 'active', value: false }));
    await waitForConvergence(hubGet, targetGet, { onDeprovision: 'disable', deleted }, 'disabled', 5_000);
    await expect(waitForConvergence(hubGet, targetGet, { onDeprovision: 'delete', deleted }, 'delete', 1_000)).rejects.toThrow('users c@x.test: expected undefined');
    await target.scim('DELETE', `/Users/${onTarget.get('c@x.test')}`);
    await waitForConvergence(hubGet, targetGet, { onDeprovision: 'delete', deleted }, 'deleted', 5_000);
  });
});
