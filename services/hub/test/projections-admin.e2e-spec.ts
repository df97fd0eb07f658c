// /admin/projections and `scim-hub projections` against a running hub: a rebuild of the SCIM read model
// started from the CLI while clients keep writing and reading; no request fails, nothing is lost.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { ERROR_SCHEMA } from '@scim-hub/scim';
import { until } from '@scim-hub/testing';
import { entraUser } from './support/entra-bodies';
import { forEachStore } from './support/e2e-stores';
import { type HubProcess, removeDataDir, startHub } from './support/hub-process';
import { filterQuery, scimClient } from './support/scim-client';

const CLI = resolve(__dirname, '../dist/cli.js');
const TOKEN = 'projections-' + randomUUID();
const ADMIN = 'projections-admin-' + randomUUID();

function admin(hub: HubProcess, method: string, path: string, body?: unknown, token = ADMIN) {
  return fetch(`${hub.baseUrl}/admin/projections${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
}

forEachStore((store) => {
  let hub: HubProcess;
  beforeAll(async () => {
    hub = await startHub({ ...(await store.setUp()), HUB_BOOTSTRAP_TOKEN: TOKEN, HUB_ADMIN_TOKEN: ADMIN });
  }, 60_000);
  afterAll(async () => {
    await hub?.stop();
    if (hub) removeDataDir(hub.dataDir);
    await store.tearDown();
  });

  it('lists the scim projection with its state, position and lag; refuses without the admin token', async () => {
    expect((await admin(hub, 'GET', '', undefined, 'wrong-token-wrong-token')).status).toBe(401);
    const res = await admin(hub, 'GET', '');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      projections: [
        expect.objectContaining({ name: 'scim', state: 'running', lagEvents: 0, lagSeconds: 0 }),
        expect.objectContaining({ name: 'audit', state: 'running' }),
      ],
    });
  });

  it('answers 404 for an unknown projection, 400 for a bad replay start, 409 for a partial replay of scim', async () => {
    const unknown = await admin(hub, 'GET', '/nope');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ schemas: [ERROR_SCHEMA], status: '404' });
    const bad = await admin(hub, 'POST', '/scim/replay', { from: 'last tuesday' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ scimType: 'invalidValue' });
    await scimClient(hub.baseUrl, TOKEN).post('/Users', entraUser('replay-probe@admin.example'));
    const { position } = (await (await admin(hub, 'GET', '/scim')).json()) as { position: string };
    const partial = await admin(hub, 'POST', '/scim/replay', { from: position });
    expect(partial.status).toBe(409);
    expect(await partial.json()).toMatchObject({ status: '409', detail: expect.stringContaining('rebuilt from the start') });
  });

  it('rebuilds from the CLI while clients write and read; no request fails and every write is there', async () => {
    const scim = scimClient(hub.baseUrl, TOKEN);
    for (let i = 0; i < 60; i += 10) {
      await Promise.all(Array.from({ length: 10 }, (_, j) => scim.post('/Users', entraUser(`seed-${i + j}@admin.example`))));
    }
    const failures: string[] = [];
    const written: string[] = [];
    let stop = false;
    const writers = Array.from({ length: 2 }, async (_, w) => {
      for (let i = 0; !stop; i++) {
        const userName = `live-${w}-${i}@admin.example`;
        const created = await scim.post('/Users', entraUser(userName));
        if (created.status !== 201) failures.push(`POST ${created.status} ${created.text}`);
        const read = await scim.get(`/Users${filterQuery(`userName eq "${userName}"`)}`);
        if (read.status !== 200 || read.body.totalResults !== 1) failures.push(`filter ${read.status} ${read.text}`);
        written.push(created.body.id);
      }
    });
    const { stdout } = await promisify(execFile)(process.execPath, [CLI, 'projections', 'rebuild', 'scim', '--wait', '--url', hub.baseUrl], {
      env: { ...process.env, HUB_ADMIN_TOKEN: ADMIN },
    });
    const writtenDuringRebuild = written.length;
    stop = true;
    await Promise.all(writers);

    expect(stdout).toMatch(/^scim\s+running\s+from log\s+at \d+:\d+/);
    expect(failures).toEqual([]);
    expect(writtenDuringRebuild).toBeGreaterThan(0);
    for (const id of written) expect((await scim.get(`/Users/${id}`)).status).toBe(200);
    expect((await scim.get('/Users?count=0')).body.totalResults).toBe(61 + written.length);
    // The audit index follows the log in batches (docs/audit.md): it catches up a moment after the last write.
    let listed = '';
    await until(async () => {
      ({ stdout: listed } = await promisify(execFile)(process.execPath, [CLI, 'projections', 'list', '--json', '--url', hub.baseUrl], {
        env: { ...process.env, HUB_ADMIN_TOKEN: ADMIN },
      }));
      return JSON.parse(listed).every((p: { lagEvents: number }) => p.lagEvents === 0);
    }, 'projections caught up').catch((error) => {
      throw new Error(`${(error as Error).message}: ${listed}`);
    });
    expect(JSON.parse(listed)).toEqual([
      expect.objectContaining({ name: 'scim', state: 'running', lagEvents: 0 }),
      expect.objectContaining({ name: 'audit', state: 'running', lagEvents: 0 }),
    ]);
  }, 180_000);
});
