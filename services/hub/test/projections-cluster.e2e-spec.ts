// Two hub processes on one PostgreSQL database: exactly one runs the `scim` projection (advisory-lock lease),
// a write on either answers only once the shared read model has it, so a GET or filter on the OTHER process
// straight after the 2xx sees it; kill -9 of the lease holder hands the projection to the survivor.
import { randomUUID } from 'node:crypto';
import { postgresReachable, until } from '@scim-hub/testing';
import { entraUser } from './support/entra-bodies';
import { type HubProcess, removeDataDir, startHub } from './support/hub-process';
import { createTemporaryDatabase } from './support/postgres-database';
import { filterQuery, scimClient } from './support/scim-client';

const TOKEN = 'cluster-' + randomUUID();
const ADMIN = 'cluster-admin-' + randomUUID();
const reachable = postgresReachable();

async function scimState(hub: HubProcess): Promise<string> {
  const res = await fetch(`${hub.baseUrl}/admin/projections/scim`, { headers: { authorization: `Bearer ${ADMIN}` } });
  return ((await res.json()) as { state: string }).state;
}

// Creates on `writer`, then reads on `reader` at once: by id and by filter.
async function createThenReadElsewhere(writer: HubProcess, reader: HubProcess, userName: string): Promise<void> {
  const created = await scimClient(writer.baseUrl, TOKEN).post('/Users', entraUser(userName));
  expect(created.status).toBe(201);
  const other = scimClient(reader.baseUrl, TOKEN);
  const byId = await other.get(`/Users/${created.body.id}`);
  expect({ status: byId.status, userName: byId.body.userName }).toEqual({ status: 200, userName });
  const filtered = await other.get(`/Users${filterQuery(`userName eq "${userName}"`)}`);
  expect(filtered.body.Resources?.map((r: any) => [r.id, r.userName])).toEqual([[created.body.id, userName]]);
}

(reachable.ok ? describe : describe.skip)(
  `two hub processes on one PostgreSQL database${reachable.ok ? '' : ` (skipped: no PostgreSQL — ${reachable.why})`}`,
  () => {
    let db: Awaited<ReturnType<typeof createTemporaryDatabase>>;
    const hubs: HubProcess[] = [];

    beforeAll(async () => {
      db = await createTemporaryDatabase();
      const env = { HUB_STORE: 'postgres', DATABASE_URL: db.url, HUB_BOOTSTRAP_TOKEN: TOKEN, HUB_ADMIN_TOKEN: ADMIN };
      hubs.push(await startHub(env));
      hubs.push(await startHub(env));
    }, 120_000);
    afterAll(async () => {
      for (const hub of hubs) {
        await hub.stop();
        removeDataDir(hub.dataDir);
      }
      await db?.drop();
    });

    it('runs the scim projection in exactly one process; the other stands by', async () => {
      await until(async () => [await scimState(hubs[0]), await scimState(hubs[1])].sort().join() === 'running,standby', 'one holder, one standby', 30_000, 100);
      const standby = (await scimState(hubs[0])) === 'standby' ? hubs[0] : hubs[1];
      const refused = await fetch(`${standby.baseUrl}/admin/projections/scim/rebuild`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}` } });
      expect(refused.status).toBe(409);
      expect(await refused.json()).toMatchObject({ detail: expect.stringContaining('runs in another process') });
    });

    it('reads a write on the other process straight after the 2xx, in both directions', async () => {
      const holder = (await scimState(hubs[0])) === 'running' ? hubs[0] : hubs[1];
      const standby = holder === hubs[0] ? hubs[1] : hubs[0];
      for (let i = 0; i < 10; i++) {
        // Written where the projection does NOT run: the standby waits on the shared checkpoint (LISTEN/poll).
        await createThenReadElsewhere(standby, holder, `from-standby-${i}@cluster.example`);
        await createThenReadElsewhere(holder, standby, `from-holder-${i}@cluster.example`);
      }
    }, 120_000);

    it('hands the projection to the survivor when the holder is killed with -9', async () => {
      const holder = (await scimState(hubs[0])) === 'running' ? hubs[0] : hubs[1];
      const survivor = holder === hubs[0] ? hubs[1] : hubs[0];
      await holder.kill9();
      await until(async () => (await scimState(survivor)) === 'running', 'survivor took the lease over', 30_000, 100);
      const scim = scimClient(survivor.baseUrl, TOKEN);
      const created = await scim.post('/Users', entraUser('after-takeover@cluster.example'));
      expect(created.status).toBe(201);
      expect((await scim.get(`/Users/${created.body.id}`)).status).toBe(200);
      const all = await scim.get('/Users?count=0');
      expect(all.body.totalResults).toBe(21);
    }, 120_000);
  },
);
