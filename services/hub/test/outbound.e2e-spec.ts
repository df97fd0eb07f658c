// Issue 11 "done when": the built hub fans changes out to real HTTP targets started here on 127.0.0.1 — an
// independent SCIM server (scimmy, its own process) and a second scim-hub process (hub → hub) — and both
// converge, through renames, disables, deletes, member removals, a target that goes away, 429s, a parked 400,
// kill -9 of the hub, scoping and reconciliation.
import { randomUUID } from 'node:crypto';
import { startScimTarget, type ScimTarget } from '@scim-hub/testing/scim-target';
import { until } from '@scim-hub/testing';
import { entraGroup, entraUser } from './support/entra-bodies';
import { removeDataDir, startHub, type HubProcess } from './support/hub-process';
import { type ScimGet, type TargetPolicy, waitForConvergence } from './support/outbound-convergence';
import { patchOp, scimClient, type ScimClient } from './support/scim-client';

const ADMIN = `admin-${randomUUID()}`;
const HUB_TOKEN = `scim-${randomUUID()}`;
const HUB2_TOKEN = `scim-${randomUUID()}`;
const USERS = 200;
const GROUPS = 20;

const userName = (i: number, prefix = 'user') => `${prefix}${String(i).padStart(4, '0')}@contoso.test`;

describe('outbound fan-out to real SCIM targets', () => {
  let hub: HubProcess;
  let hub2: HubProcess;
  let scimmy: ScimTarget;
  let scim: ScimClient;
  let hub2Scim: ScimClient;
  const deleted = new Set<string>();
  const ids = new Map<string, string>();
  const groupIds: string[] = [];

  const admin = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${hub.baseUrl}/admin/targets${path}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const hubGet: ScimGet = (path) => scim.get(path);
  const scimmyGet: ScimGet = (path) => scimmy.scim('GET', path);
  const hub2Get: ScimGet = (path) => hub2Scim.get(path);
  const scimmyPolicy = (): TargetPolicy => ({ onDeprovision: 'delete', deleted });
  const hub2Policy = (): TargetPolicy => ({ onDeprovision: 'disable', deleted });
  const bothConverge = async (what: string) => {
    await waitForConvergence(hubGet, scimmyGet, scimmyPolicy(), `scimmy target: ${what}`);
    await waitForConvergence(hubGet, hub2Get, hub2Policy(), `hub → hub target: ${what}`);
  };
  const hubEnv = { HUB_ADMIN_TOKEN: ADMIN, HUB_BOOTSTRAP_TOKEN: HUB_TOKEN };

  async function createUser(name: string, extra: Record<string, unknown> = {}): Promise<string> {
    const res = await scim.post('/Users', entraUser(name, extra));
    expect(res.status).toBe(201);
    ids.set(name.toLowerCase(), res.body.id);
    return res.body.id;
  }

  beforeAll(async () => {
    scimmy = await startScimTarget();
    hub2 = await startHub({ HUB_BOOTSTRAP_TOKEN: HUB2_TOKEN });
    hub2Scim = scimClient(hub2.baseUrl, HUB2_TOKEN);
    hub = await startHub(hubEnv);
    scim = scimClient(hub.baseUrl, HUB_TOKEN);
    expect((await admin('POST', '', { id: 'scimmy', baseUrl: scimmy.baseUrl, auth: { type: 'bearer', token: scimmy.token }, onDeprovision: 'delete' })).status).toBe(201);
    expect((await admin('POST', '', { id: 'hub2', baseUrl: `${hub2.baseUrl}/scim/v2`, auth: { type: 'bearer', token: HUB2_TOKEN } })).status).toBe(201);
  }, 120_000);

  afterAll(async () => {
    for (const h of [hub, hub2]) {
      await h?.stop();
      if (h) removeDataDir(h.dataDir);
    }
    await scimmy?.stop();
  });

  it(`converges both targets after ${USERS} users and ${GROUPS} groups with memberships`, async () => {
    for (let i = 0; i < USERS; i++) await createUser(userName(i));
    for (let g = 0; g < GROUPS; g++) {
      const group = await scim.post('/Groups', entraGroup(`Group ${g}`));
      expect(group.status).toBe(201);
      groupIds.push(group.body.id);
      const members = Array.from({ length: 10 }, (_, k) => ({ value: ids.get(userName((g * 10 + k) % USERS))! }));
      expect((await scim.patch(`/Groups/${group.body.id}`, patchOp({ op: 'add', path: 'members', value: members }))).status).toBeLessThan(300);
    }
    await bothConverge('initial provisioning');
  }, 300_000);

  it('propagates renames, disables, deletes and member removals', async () => {
    for (let i = 0; i < 10; i++) {
      const renamed = userName(i, 'renamed');
      expect((await scim.patch(`/Users/${ids.get(userName(i))}`, patchOp({ op: 'replace', path: 'userName', value: renamed }))).status).toBe(200);
      ids.set(renamed, ids.get(userName(i))!);
    }
    for (let i = 10; i < 20; i++) {
      expect((await scim.patch(`/Users/${ids.get(userName(i))}`, patchOp({ op: 'replace', path: 'active', value: false }))).status).toBe(200);
    }
    for (let i = 20; i < 30; i++) {
      expect((await scim.delete(`/Users/${ids.get(userName(i))}`)).status).toBe(204);
      deleted.add(userName(i));
    }
    const remove = (g: number, k: number) => patchOp({ op: 'remove', path: `members[value eq "${ids.get(userName(g * 10 + k))}"]` });
    for (let g = 5; g < 10; g++) expect((await scim.patch(`/Groups/${groupIds[g]}`, remove(g, 0))).status).toBeLessThan(300);
    await bothConverge('changes after provisioning');
  }, 300_000);

  it('loses nothing while a target is down, and converges when it is back', async () => {
    await scimmy.down();
    for (let i = 0; i < 20; i++) await createUser(userName(i, 'while-down'));
    await until(async () => (await admin('GET', '/scimmy/status')).body?.lastError !== undefined, 'status shows the failing target', 60_000);
    await waitForConvergence(hubGet, hub2Get, hub2Policy(), 'the other target meanwhile');
    await scimmy.up();
    await bothConverge('target back');
  }, 300_000);

  it('honours Retry-After: 2 on a 429 (measured at the target)', async () => {
    const since = (await scimmy.requests()).length;
    await scimmy.fault({ throttle: { count: 1, retryAfter: 2 } });
    await createUser(userName(1, 'throttled'));
    await waitForConvergence(hubGet, scimmyGet, scimmyPolicy(), 'after a 429');
    const requests = await scimmy.requests(since);
    const throttled = requests.find((r) => r.status === 429)!;
    // The hub's next call of any kind: the test's own reads of the target (observer) do not count.
    const next = requests.find((r) => r.at > throttled.at && !r.observer)!;
    expect(throttled.observer).toBeUndefined();
    expect(next.at - throttled.at).toBeGreaterThanOrEqual(2000);
  }, 120_000);

  it('parks a user the target refuses with 400, delivers everything else, and redrives it after the fix', async () => {
    const refused = userName(1, 'refused');
    await scimmy.fault({ reject: [refused] });
    const refusedId = await createUser(refused);
    for (let i = 0; i < 5; i++) await createUser(userName(i, 'beside-refused'));
    await until(async () => (await admin('GET', '/scimmy/parked')).body?.parked?.length === 1, 'the refused user is parked', 60_000);
    const { parked } = (await admin('GET', '/scimmy/parked')).body;
    expect(parked[0]).toMatchObject({ resourceType: 'Users', resourceId: refusedId, status: 400, reason: expect.stringContaining('refused') });
    expect((await admin('GET', `/scimmy/resources/Users/${refusedId}`)).body).toMatchObject({ delivered: false, parked: true });
    // The parked user holds back nobody else: the others arrive (created after it, so maybe a moment later).
    const besides = Array.from({ length: 5 }, (_, i) => userName(i, 'beside-refused'));
    await until(async () => {
      const names = new Set((await scimmy.state()).users.map((u) => u.userName));
      return besides.every((name) => names.has(name));
    }, 'the other users delivered beside the parked one', 60_000);
    expect((await admin('GET', '/scimmy/parked')).body.parked).toHaveLength(1);
    await scimmy.fault({ clear: true });
    expect((await admin('POST', `/scimmy/parked/redrive?resource=${refusedId}`)).body).toEqual({ redriven: 1 });
    await waitForConvergence(hubGet, scimmyGet, scimmyPolicy(), 'after the redrive');
    expect((await admin('GET', `/scimmy/resources/Users/${refusedId}`)).body).toMatchObject({ delivered: true, targetId: expect.any(String) });
    expect((await admin('GET', '/scimmy/parked')).body.parked).toEqual([]);
  }, 180_000);

  it('converges after kill -9 of the hub mid-delivery, with no duplicate creates', async () => {
    const before = Object.keys(await scimmy.creates()).length;
    // Writes keep arriving while the hub delivers; kill -9 lands once some, not all, reached the target.
    const writing = (async () => {
      for (let i = 0; i < 300; i++) await createUser(userName(i, 'crash'));
    })().catch(() => undefined);
    await until(async () => Object.keys(await scimmy.creates()).length > before + 20, 'delivery under way', 60_000, 5);
    await hub.kill9();
    await writing;
    hub = await startHub(hubEnv, hub.dataDir);
    scim = scimClient(hub.baseUrl, HUB_TOKEN);
    await bothConverge('after kill -9');
    const duplicates = Object.entries(await scimmy.creates()).filter(([, count]) => count > 1);
    expect(duplicates).toEqual([]);
  }, 300_000);

  it('disables a user leaving the scope and creates one entering it', async () => {
    const scoped = await startScimTarget();
    try {
      const body = { id: 'scoped', baseUrl: scoped.baseUrl, auth: { type: 'bearer', token: scoped.token }, scope: { userFilter: 'title eq "Engineer"' } };
      expect((await admin('POST', '', body)).status).toBe(201);
      const leaving = await createUser(userName(1, 'eng'), { title: 'Engineer' });
      const entering = await createUser(userName(2, 'sales'), { title: 'Sales' });
      const leftScope = new Set<string>();
      const scopedTitles = new Map<string, string>();
      const policy = (): TargetPolicy => ({ onDeprovision: 'disable', deleted, leftScope, inScope: (name) => scopedTitles.get(name) === 'Engineer' });
      const titles = async () => {
        scopedTitles.clear();
        for (const u of (await scim.get('/Users?count=1000&attributes=userName,title')).body.Resources) scopedTitles.set(String(u.userName).toLowerCase(), u.title);
      };
      await titles();
      await waitForConvergence(hubGet, (p) => scoped.scim('GET', p), policy(), 'initial sync of a scoped target');
      expect((await scoped.state()).users.map((u) => u.userName)).not.toContain(userName(2, 'sales'));
      await scim.patch(`/Users/${leaving}`, patchOp({ op: 'replace', path: 'title', value: 'Sales' }));
      await scim.patch(`/Users/${entering}`, patchOp({ op: 'replace', path: 'title', value: 'Engineer' }));
      leftScope.add(userName(1, 'eng'));
      await titles();
      await until(async () => {
        const users = (await scoped.state()).users;
        const left = users.find((u) => u.userName === userName(1, 'eng'));
        const entered = users.find((u) => u.userName === userName(2, 'sales'));
        return left?.active === false && entered?.active !== false && entered !== undefined;
      }, 'scope changes reach the target', 60_000);
    } finally {
      await admin('DELETE', '/scoped');
      await scoped.stop();
    }
  }, 300_000);

  it('reports drift made on the target in a dry run, and repairs it in a real run', async () => {
    const state = await scimmy.state();
    const victim = state.users.find((u) => u.userName === userName(50))!;
    const gone = state.users.find((u) => u.userName === userName(51))!;
    const stranger = state.users.find((u) => u.userName === userName(199))!;
    const group = state.groups.find((g) => g.displayName === 'Group 0')!;
    expect((await scimmy.scim('PATCH', `/Users/${victim.id}`, patchOp({ op: 'replace', path: 'externalId', value: 'drifted' }))).status).toBe(200);
    expect((await scimmy.scim('DELETE', `/Users/${gone.id}`)).status).toBe(204);
    expect((await scimmy.scim('PATCH', `/Groups/${group.id}`, patchOp({ op: 'add', path: 'members', value: [{ value: stranger.id }] }))).status).toBe(200);
    const dry = await admin('POST', '/scimmy/reconcile?dryRun=true');
    expect(dry.status).toBe(200);
    expect(dry.body.dryRun).toBe(true);
    const reported = JSON.stringify(dry.body.drift);
    for (const id of [ids.get(userName(50)), ids.get(userName(51)), groupIds[0]]) expect(reported).toContain(id);
    expect((await scimmy.state()).users.some((u) => u.userName === userName(51))).toBe(false);
    const real = await admin('POST', '/scimmy/reconcile');
    expect(real.status).toBe(200);
    expect(real.body.repaired).toBeGreaterThanOrEqual(3);
    await waitForConvergence(hubGet, scimmyGet, scimmyPolicy(), 'after reconcile');
  }, 180_000);
});
