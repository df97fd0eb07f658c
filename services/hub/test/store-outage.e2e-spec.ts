// Store trouble is never a 500. The built hub runs on PostgreSQL through a TCP proxy this test controls, so the
// "server" can stop and return without touching the shared server; sessions are also killed mid-request with
// pg_terminate_backend. Each time: 503 + Retry-After + a SCIM error, nothing half-written, and the hub recovers
// by itself once the database is back.
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { postgresReachable, until } from '@scim-hub/testing';
import { entraUser } from './support/entra-bodies';
import { removeDataDir, startHub, type HubProcess } from './support/hub-process';
import { createTemporaryDatabase } from './support/postgres-database';
import { filterQuery, scimClient, type ScimClient, type ScimResponse } from './support/scim-client';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy';

const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const pg = postgresReachable();

// `stores` names the stores that may be the first to fail for that request (the token store answers
// from a 5-second cache of verified tokens, so it is sometimes asked first).
function expectUnavailable(res: ScimResponse, stores = /event store|read model|token store/): void {
  expect(res.status).toBe(503);
  expect(res.headers.get('retry-after')).toBe('5');
  expect(res.headers.get('content-type')).toContain('application/scim+json');
  expect(res.body).toMatchObject({ schemas: [ERROR], status: '503' });
  expect(res.body.detail).toMatch(/^the (event store|read model|token store) is unavailable, retry later$/);
  expect(res.body.detail).toMatch(stores);
}

describe('HUB_STORE=sqlite when another process holds the event log\'s write lock', () => {
  const TOKEN = 'lock-token-' + randomUUID();
  let hub: HubProcess;
  let scim: ScimClient;

  beforeAll(async () => {
    hub = await startHub({ HUB_STORE: 'sqlite', HUB_BOOTSTRAP_TOKEN: TOKEN });
    scim = scimClient(hub.baseUrl, TOKEN);
  }, 60_000);
  afterAll(async () => {
    await hub?.stop();
    if (hub) removeDataDir(hub.dataDir);
  });

  it('answers 503 once SQLite stops waiting for the lock (SQLITE_BUSY), writes nothing, and works when it is released', async () => {
    const events = new Database(join(hub.dataDir, 'events.db'));
    const createdEvents = async (userName: string) =>
      createdFor(userName, (events.prepare(`SELECT count(*) AS n FROM events WHERE type = 'UserCreated'`).get() as { n: number }).n, scim);
    try {
      events.pragma('busy_timeout = 5000');
      events.prepare('BEGIN IMMEDIATE').run();
      expectUnavailable(await scim.post('/Users', entraUser('locked@contoso.com')), /event store/);
      expect((await scim.get('/Users')).status).toBe(200); // reads do not need the write lock
      events.prepare('ROLLBACK').run();
      expect(await createdEvents('locked@contoso.com')).toBe(0);
      expect((await scim.post('/Users', entraUser('locked@contoso.com'))).status).toBe(201);
      expect(await createdEvents('locked@contoso.com')).toBe(1);
    } finally {
      events.close();
    }
  }, 60_000);
});

if (!pg.ok) {
  console.warn(`skipped: store outage e2e — no PostgreSQL (${pg.why})`);
  describe.skip('store outage (skipped: no PostgreSQL)', () => it('runs this suite', () => undefined));
} else {
  describe('HUB_STORE=postgres when the database goes away', () => {
    const TOKEN = 'outage-token-' + randomUUID();
    let db: { url: string; name: string; drop(): Promise<void> };
    let proxy: TcpProxy;
    let hub: HubProcess;
    let scim: ScimClient;
    let admin: Client;

    beforeAll(async () => {
      const temporary = await createTemporaryDatabase('scim_hub_outage');
      db = { ...temporary, name: new URL(temporary.url).pathname.slice(1) };
      const target = new URL(db.url);
      proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
      hub = await startHub({ HUB_STORE: 'postgres', DATABASE_URL: proxy.via(db.url), HUB_BOOTSTRAP_TOKEN: TOKEN });
      scim = scimClient(hub.baseUrl, TOKEN);
      admin = new Client({ connectionString: db.url });
      await admin.connect();
    }, 60_000);

    afterAll(async () => {
      await hub?.stop();
      if (hub) removeDataDir(hub.dataDir);
      await admin?.end();
      await proxy?.close();
      await db?.drop();
    });

    // What the log and the read model hold for a userName: they must agree, and never hold it twice.
    async function stored(userName: string) {
      const { rows } = await admin.query(`SELECT count(*)::int AS n FROM scim_hub.events WHERE type = 'UserCreated'`);
      const listed = await scim.get(`/Users${filterQuery(`userName eq "${userName}"`)}`);
      return { events: await createdFor(userName, rows[0].n as number, scim), listed: listed.body.totalResults as number };
    }

    const recovered = () =>
      until(async () => (await fetch(`${hub.baseUrl}/readyz`)).status === 200, 'the hub to become ready again', 30_000, 100);

    it('answers 503 while the server is stopped, writes nothing, and recovers by itself', async () => {
      expect((await scim.post('/Users', entraUser('before@contoso.com'))).status).toBe(201);
      await proxy.stopServer();

      expectUnavailable(await scim.post('/Users', entraUser('during@contoso.com')), /event store|token store/);
      expectUnavailable(await scim.get(`/Users${filterQuery('userName eq "before@contoso.com"')}`), /read model|token store/);
      // An unknown token is looked up in the token store, which is down too.
      expectUnavailable(await scimClient(hub.baseUrl, 'scimhub_unknown').get('/Users'), /token store/);
      expect((await fetch(`${hub.baseUrl}/readyz`)).status).toBe(503);
      expect((await fetch(`${hub.baseUrl}/healthz`)).status).toBe(200);

      await proxy.startServer();
      await recovered();
      expect(await stored('during@contoso.com')).toEqual({ events: 0, listed: 0 });
      // The refused create left no claim on its userName behind: the retry succeeds, exactly once.
      expect((await scim.post('/Users', entraUser('during@contoso.com'))).status).toBe(201);
      expect(await stored('during@contoso.com')).toEqual({ events: 1, listed: 1 });
      expect(await stored('before@contoso.com')).toEqual({ events: 1, listed: 1 });
    }, 60_000);

    it('answers 503 when pg_terminate_backend ends its sessions mid-request, then recovers', async () => {
      proxy.pause();
      const inFlight = scim.post('/Users', entraUser('terminated@contoso.com'));
      await until(() => proxy.heldBytes() > 0, 'the create to reach the database', 10_000, 5);
      const { rows } = await admin.query(
        'SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [db.name],
      );
      expect(rows[0].n).toBeGreaterThan(0);
      proxy.resume();
      expectUnavailable(await inFlight, /event store/);

      await recovered();
      expect(await stored('terminated@contoso.com')).toEqual({ events: 0, listed: 0 });
      const retried = await scim.post('/Users', entraUser('terminated@contoso.com'));
      expect(retried.status).toBe(201);
      expect((await scim.get(`/Users/${retried.body.id}`)).body.userName).toBe('terminated@contoso.com');
      expect(await stored('terminated@contoso.com')).toEqual({ events: 1, listed: 1 });
    }, 60_000);

    it('never answered a 500 meanwhile', () => {
      expect(hub.output()).not.toMatch(/"status":500/);
      expect(hub.output()).not.toContain('unexpected error');
    });
  });
}

/**
 * UserCreated events that belong to `userName`: user event data is sealed with a per-user key (docs/audit.md), so
 * the log cannot be searched by userName. No user is deleted in these suites, so every UserCreated event beyond
 * the users listed under other names is this name's — an orphaned, half-written create counts here too.
 */
async function createdFor(userName: string, createdInLog: number, scim: ScimClient): Promise<number> {
  const all = (await scim.get('/Users?count=0')).body.totalResults as number;
  const named = (await scim.get(`/Users${filterQuery(`userName eq "${userName}"`)}`)).body.totalResults as number;
  return createdInLog - (all - named);
}
