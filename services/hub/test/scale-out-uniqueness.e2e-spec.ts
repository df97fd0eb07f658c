// Scale-out: two hub processes on one PostgreSQL database. userName stays unique per tenant, case-insensitively,
// when concurrent creates of one name in different cases arrive at both processes at once (the reservation is
// decided by the shared event store, not by either process's memory).
import { randomUUID } from 'node:crypto';
import { postgresReachable, until } from '@scim-hub/testing';
import { entraUser } from './support/entra-bodies';
import { removeDataDir, startHub, type HubProcess } from './support/hub-process';
import { createTemporaryDatabase } from './support/postgres-database';
import { filterQuery, scimClient, type ScimClient } from './support/scim-client';

const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** `count` spellings of `name` that differ only in case. */
function caseVariants(name: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => [...name].map((c, j) => ((i >> j % 8) & 1 ? c.toUpperCase() : c)).join(''));
}

const pg = postgresReachable();
if (!pg.ok) {
  console.warn(`skipped: two hubs on one PostgreSQL database — no PostgreSQL (${pg.why})`);
  describe.skip(`two hubs on one PostgreSQL database — skipped: no PostgreSQL (${pg.why})`, () => {
    it('keeps userName unique across both', () => undefined);
  });
} else {
  describe('two hubs on one PostgreSQL database', () => {
    const TOKEN = 'e2e-token-' + randomUUID();
    const hubs: HubProcess[] = [];
    let clients: ScimClient[] = [];
    let drop: () => Promise<void> = async () => undefined;

    beforeAll(async () => {
      const db = await createTemporaryDatabase();
      drop = db.drop;
      const env = { HUB_STORE: 'postgres', DATABASE_URL: db.url, HUB_BOOTSTRAP_TOKEN: TOKEN };
      // One after the other: the first start creates the schemas and the bootstrap token both then share.
      hubs.push(await startHub(env));
      hubs.push(await startHub(env));
      clients = hubs.map((hub) => scimClient(hub.baseUrl, TOKEN));
    }, 120_000);

    afterAll(async () => {
      for (const hub of hubs) {
        await hub.stop();
        removeDataDir(hub.dataDir);
      }
      await drop();
    });

    it.each([1, 2, 3])('round %i: 24 concurrent creates of one userName in different cases across both → one 201, 23 × 409', async (round) => {
      const name = `race${round}-${randomUUID().slice(0, 8)}@contoso.com`;
      const results = await Promise.all(caseVariants(name, 24).map((variant, i) => clients[i % 2].post('/Users', entraUser(variant))));
      const created = results.filter((r) => r.status === 201);
      const refused = results.filter((r) => r.status === 409);
      expect(created).toHaveLength(1);
      expect(refused).toHaveLength(23);
      for (const res of refused) expect(res.body).toMatchObject({ schemas: [ERROR], status: '409', scimType: 'uniqueness' });
      // Both processes read the one user (the other one's projector may trail the write by a moment).
      for (const client of clients) {
        await until(async () => (await client.get(`/Users${filterQuery(`userName eq "${name}"`)}`)).body.totalResults === 1, `hub sees ${name}`);
        const listed = (await client.get(`/Users${filterQuery(`userName eq "${name}"`)}`)).body;
        expect(listed.Resources.map((u: any) => u.id)).toEqual([created[0].body.id]);
      }
    });

    it('a name freed by a delete on one hub can be taken on the other', async () => {
      const name = `freed-${randomUUID().slice(0, 8)}@contoso.com`;
      const first = await clients[0].post('/Users', entraUser(name));
      expect(first.status).toBe(201);
      expect((await clients[1].post('/Users', entraUser(name.toUpperCase()))).status).toBe(409);
      expect((await clients[0].delete(`/Users/${first.body.id}`)).status).toBe(204);
      expect((await clients[1].post('/Users', entraUser(name.toUpperCase()))).status).toBe(201);
    });
  });
}
