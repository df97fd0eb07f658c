// Targets through the built hub and CLI, as an operator uses them: the admin API over HTTP, the CLI beside a
// running hub, HUB_TARGETS_FILE at start, and the credentials never in clear — not in any answer, not in any
// byte under HUB_DATA_DIR (events.db, its WAL), not in PostgreSQL's event table.
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { until } from '@scim-hub/testing';
import { forEachStore } from './support/e2e-stores';
import { removeDataDir, startHub, type HubProcess } from './support/hub-process';

const BIN = resolve(__dirname, '../bin/scim-hub.js');
const ADMIN = `admin-${randomUUID()}`;
const SECRET = `downstream-secret-${randomUUID()}`;
const OAUTH_SECRET = `oauth-client-secret-${randomUUID()}`;

const admin = (hub: HubProcess, method: string, path: string, body?: unknown) =>
  fetch(`${hub.baseUrl}/admin/targets${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
const minimal = (id: string) => ({ id, baseUrl: 'http://127.0.0.1:9/scim/v2', auth: { type: 'bearer', token: SECRET } });

function cli(hub: HubProcess, env: Record<string, string>, ...args: string[]) {
  const run = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, HUB_DATA_DIR: hub.dataDir, HUB_PUBLIC_URL: hub.baseUrl, HUB_ADMIN_TOKEN: ADMIN, ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

// Every byte the hub keeps under HUB_DATA_DIR, but the key file (which holds the key, not a credential).
function dataDirBytes(dir: string): Buffer {
  return Buffer.concat(readdirSync(dir).filter((f) => f !== 'secrets.key' && statSync(join(dir, f)).isFile()).map((f) => readFileSync(join(dir, f))));
}

forEachStore((store) => {
  let env: Record<string, string>;
  let hub: HubProcess;
  const isSqlite = store.name.includes('sqlite');

  beforeAll(async () => {
    if (!existsSync(BIN)) throw new Error('services/hub/dist is missing: build first');
    env = { ...(await store.setUp()), HUB_ADMIN_TOKEN: ADMIN, ...(isSqlite ? {} : { HUB_SECRETS_KEY: randomBytes(32).toString('base64') }) };
    hub = await startHub(env);
  }, 60_000);
  afterAll(async () => {
    await hub?.stop();
    if (hub) removeDataDir(hub.dataDir);
    await store.tearDown();
  });

  it('adds a target (201) and never answers its secret in clear', async () => {
    const created = await admin(hub, 'POST', '', minimal('app-1'));
    expect(created.status).toBe(201);
    const oauth = await admin(hub, 'POST', '', {
      id: 'app-2',
      tenant: 'acme',
      baseUrl: 'https://127.0.0.1:9/scim',
      auth: { type: 'oauth2', tokenUrl: 'https://127.0.0.1:9/token', clientId: 'hub', clientSecret: OAUTH_SECRET },
    });
    expect(oauth.status).toBe(201);
    const answers = [await created.text(), await oauth.text()];
    for (const path of ['', '/app-1', '/app-2', '?tenant=acme']) answers.push(await (await admin(hub, 'GET', path)).text());
    for (const text of answers) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(OAUTH_SECRET);
    }
    expect(JSON.parse(answers[3])).toMatchObject({ id: 'app-1', auth: { type: 'bearer', token: `…${SECRET.slice(-4)}` } });
  });

  it('keeps the secrets encrypted at rest', async () => {
    if (isSqlite) {
      expect(statSync(join(hub.dataDir, 'secrets.key')).mode & 0o777).toBe(0o600);
      const bytes = dataDirBytes(hub.dataDir);
      expect(bytes.includes('TargetAdded')).toBe(true);
      expect(bytes.includes(SECRET)).toBe(false);
      expect(bytes.includes(OAUTH_SECRET)).toBe(false);
    } else {
      const client = new Client({ connectionString: env.DATABASE_URL });
      await client.connect();
      const tables = await client.query(`SELECT table_schema, table_name FROM information_schema.tables WHERE table_name = 'events'`);
      expect(tables.rows.length).toBeGreaterThan(0);
      for (const { table_schema, table_name } of tables.rows) {
        const rows = await client.query(`SELECT data::text AS data FROM "${table_schema}"."${table_name}" WHERE stream_id LIKE '%/Target/%'`);
        expect(rows.rows.length).toBeGreaterThan(0);
        for (const row of rows.rows) expect(row.data).not.toContain(SECRET);
      }
      await client.end();
    }
  });

  it('refuses a wrong body with 400 naming the field, a duplicate with 409, an unknown id with 404', async () => {
    const bad = await admin(hub, 'POST', '', { ...minimal('bad'), auth: { type: 'basic' } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ scimType: 'invalidValue', detail: 'auth.type must be bearer or oauth2' });
    expect((await admin(hub, 'POST', '', minimal('app-1'))).status).toBe(409);
    expect((await admin(hub, 'GET', '/nope')).status).toBe(404);
    expect((await admin(hub, 'GET', '/nope/status')).status).toBe(404);
  });

  it('sees a target the CLI adds while the hub runs, and the CLI sees the hub’s', async () => {
    const added = cli(hub, env, 'targets', 'add', '--id', 'from-cli', '--base-url', 'http://127.0.0.1:9/scim', '--token', SECRET);
    expect(added).toMatchObject({ code: 0, out: 'Added target from-cli (tenant default) → http://127.0.0.1:9/scim.\n' });
    await until(async () => (await admin(hub, 'GET', '/from-cli')).status === 200, 'hub sees the CLI target', 15_000);
    const listed = cli(hub, env, 'targets', 'list', '--json');
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.out).map((t: { id: string }) => t.id)).toEqual(['app-1', 'app-2', 'from-cli']);
    expect(listed.out).not.toContain(SECRET);
  });

  it('counts targets on /metrics', async () => {
    const text = await (await fetch(`${hub.baseUrl}/metrics`)).text();
    expect(text).toMatch(/outbound_targets\{tenant="default",enabled="true"\} 2/);
    expect(text).toMatch(/outbound_targets\{tenant="acme",enabled="true"\} 1/);
  });

  it('keeps targets across a restart (same key), and removes with 204', async () => {
    await hub.stop();
    hub = await startHub(env, hub.dataDir);
    const res = await admin(hub, 'GET', '/app-1');
    expect(res.status).toBe(200);
    expect((await admin(hub, 'DELETE', '/app-1')).status).toBe(204);
    expect((await admin(hub, 'GET', '/app-1')).status).toBe(404);
    const removed = cli(hub, env, 'targets', 'remove', 'from-cli');
    expect(removed.code).toBe(0);
    await until(async () => (await admin(hub, 'GET', '/from-cli')).status === 404, 'hub sees the CLI removal', 15_000);
  });

  // Before the engine is composed: 503 naming it; after: the target's status. Never a 500.
  it('answers the control endpoints from the engine, or 503 while none runs', async () => {
    const res = await admin(hub, 'GET', '/app-2/status');
    const body = (await res.json()) as any;
    if (res.status === 503) expect(body).toMatchObject({ status: '503', detail: 'the outbound engine is not running in this hub' });
    else expect({ status: res.status, id: body.id }).toEqual({ status: 200, id: 'app-2' });
  });

  (isSqlite ? it.skip : it)('refuses to start a shared store with targets but without HUB_SECRETS_KEY, naming it', async () => {
    await hub.stop();
    const { HUB_SECRETS_KEY: _key, ...withoutKey } = env;
    await expect(startHub(withoutKey, hub.dataDir)).rejects.toThrow(/target credentials need HUB_SECRETS_KEY/);
    hub = await startHub(env, hub.dataDir);
  });
});

describe('HUB_TARGETS_FILE and the key (SQLite)', () => {
  const hubs: HubProcess[] = [];
  afterAll(async () => {
    for (const h of hubs) {
      await h.stop();
      removeDataDir(h.dataDir);
    }
  });

  it('applies the file at start as desired state, writing nothing when it did not change', async () => {
    const hub = await startHub({ HUB_ADMIN_TOKEN: ADMIN });
    hubs.push(hub);
    const file = join(hub.dataDir, 'targets.json');
    writeFileSync(file, JSON.stringify([minimal('f1'), { ...minimal('f2'), tenant: 'acme', concurrency: 2 }]));
    await hub.stop();
    const restarted = await startHub({ HUB_ADMIN_TOKEN: ADMIN, HUB_TARGETS_FILE: file }, hub.dataDir);
    hubs.push(restarted);
    const listed = (await (await admin(restarted, 'GET', '')).json()) as any;
    expect(listed.targets.map((t: { id: string; meta: { lastModifiedBy: string } }) => [t.id, t.meta.lastModifiedBy])).toEqual([['f1', 'file'], ['f2', 'file']]);
    await restarted.stop();
    const again = await startHub({ HUB_ADMIN_TOKEN: ADMIN, HUB_TARGETS_FILE: file }, hub.dataDir);
    hubs.push(again);
    expect(((await (await admin(again, 'GET', '/f1')).json()) as any).meta.version).toBe(0);
  }, 90_000);

  it('refuses to start on a wrong file, naming the file, the index and the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scim-hub-targets-file-'));
    const file = join(dir, 'targets.json');
    writeFileSync(file, JSON.stringify([minimal('ok'), { ...minimal('bad'), baseUrl: 'ftp://x' }]));
    const run = spawnSync(process.execPath, [resolve(__dirname, '../dist/main.js')], {
      env: { ...process.env, HUB_HOST: '127.0.0.1', HUB_PORT: '1', HUB_DATA_DIR: join(dir, 'data'), HUB_TARGETS_FILE: file },
      encoding: 'utf8',
      timeout: 30_000,
    });
    removeDataDir(dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`HUB_TARGETS_FILE ${file}: [1].baseUrl must be an http(s) URL`);
  });
});
