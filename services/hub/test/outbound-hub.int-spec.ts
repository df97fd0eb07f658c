// The outbound engine as composed in the hub (in-process; SQLite, and PostgreSQL when reachable). Erasure: the dispatcher reads the log through
// the personal-data layer, so an erased user (deleted first, then its events unreadable) is deprovisioned on
// every target, and a target added after the erasure neither receives it nor stalls on its unreadable events.
// Removal: deleting a target through the admin API drops its delivery state, so re-adding it syncs anew.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { until } from '@scim-hub/testing';
import { startScimTarget, type ScimTarget } from '@scim-hub/testing/scim-target';
import { forEachStore } from './support/e2e-stores';
import { entraUser } from './support/entra-bodies';
import { ADMIN_TOKEN, type InProcessHub, startInProcessHub } from './support/in-process-hub';

// Rows of a target's resource records in the hub's delivery state (outbound.db, or schema scim_hub_outbound).
async function stateRows(env: Record<string, string>, dataDir: string, targetId: string): Promise<number> {
  const sql = 'SELECT count(*) AS n FROM outbound_resource WHERE target_id = ';
  if (!env['DATABASE_URL']) {
    const db = new Database(join(dataDir, 'outbound.db'), { readonly: true });
    try {
      return (db.prepare(`${sql}?`).get(targetId) as { n: number }).n;
    } finally {
      db.close();
    }
  }
  const client = new Client({ connectionString: env['DATABASE_URL'] });
  await client.connect();
  try {
    return Number((await client.query(`${sql.replace('outbound_resource', 'scim_hub_outbound.outbound_resource')}$1`, [targetId])).rows[0].n);
  } finally {
    await client.end();
  }
}

forEachStore((store) => describe(`outbound engine in the hub (${store.name})`, () => {
  let env: Record<string, string>;
  let hub: InProcessHub;
  let before: ScimTarget;
  let after: ScimTarget;

  const adminJson = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${hub.baseUrl}/admin${path}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const addTarget = (id: string, target: ScimTarget, onDeprovision: string) =>
    adminJson('POST', '/targets', { id, baseUrl: target.baseUrl, auth: { type: 'bearer', token: target.token }, onDeprovision });
  const userNames = async (target: ScimTarget) => (await target.list('Users')).map((u) => u['userName']).sort();

  beforeAll(async () => {
    [before, after] = await Promise.all([startScimTarget(), startScimTarget()]);
    // A shared store needs the key that seals target credentials (embedded mode generates one).
    env = { ...(await store.setUp()), HUB_SECRETS_KEY: randomBytes(32).toString('base64') };
    hub = await startInProcessHub(env);
  });
  afterAll(async () => {
    await hub?.stop();
    if (hub) rmSync(hub.dataDir, { recursive: true, force: true });
    await Promise.all([before?.stop(), after?.stop()]);
    await store.tearDown();
  });

  it('deletes the erased user on a target that otherwise disables, and a target added afterwards never receives it', async () => {
    const erased = (await hub.scim.post('/Users', entraUser('erased@contoso.test'))).body.id as string;
    expect((await hub.scim.post('/Users', entraUser('kept@contoso.test'))).status).toBe(201);
    expect((await addTarget('before', before, 'disable')).status).toBe(201);
    await until(async () => (await userNames(before)).length === 2, 'both users on the first target', 30_000);

    expect((await hub.admin('POST', `/erasure/Users/${erased}`)).status).toBe(200);
    await until(async () => JSON.stringify(await userNames(before)) === JSON.stringify(['kept@contoso.test']), 'erased user deleted on the target', 30_000);

    expect((await addTarget('after', after, 'disable')).status).toBe(201);
    await until(async () => (await adminJson('GET', '/targets/after/status')).body?.lag?.events === 0, 'the new target caught up', 30_000);
    expect(await userNames(after)).toEqual(['kept@contoso.test']);
    for (const target of [before, after]) expect(JSON.stringify(await target.state())).not.toContain('erased');
    for (const id of ['before', 'after']) expect((await adminJson('GET', `/targets/${id}/parked`)).body).toEqual({ parked: [] });
  });

  it('forgets a removed target: added again under the same id, it starts with a new initial sync', async () => {
    expect((await adminJson('DELETE', '/targets/after')).status).toBe(204);
    expect((await adminJson('GET', '/targets/after/status')).status).toBe(404);
    await until(async () => (await stateRows(env, hub.dataDir, 'after')) === 0, 'delivery state of the removed target dropped', 30_000);
    const seen = (await after.requests()).length;
    expect((await addTarget('after', after, 'disable')).status).toBe(201);
    // A kept cursor would send nothing; a new initial sync matches the user already there before anything else.
    await until(async () => (await after.requests(seen)).some((r) => r.method === 'GET' && r.path === '/Users' && !r.observer), 'a new initial sync', 30_000);
    await until(async () => (await adminJson('GET', '/targets/after/status')).body?.lag?.events === 0, 'caught up again', 30_000);
    expect(await after.creates()).toEqual({ 'kept@contoso.test': 1 });
  });
}));
