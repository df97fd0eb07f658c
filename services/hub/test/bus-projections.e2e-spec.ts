// HUB_BUS=kafka on PostgreSQL against a running hub and a real broker: the projection runner feeds the SCIM
// read model and the audit index from the topic (consumer groups projection-scim and projection-audit); both
// show as running from the bus, a write is read back at once from either, and a rebuild keeps every write.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { until } from '@scim-hub/testing';
import { entraUser } from './support/entra-bodies';
import { kafkaStores } from './support/e2e-stores';
import { type HubProcess, removeDataDir, startHub } from './support/hub-process';
import { scimClient } from './support/scim-client';

const CLI = resolve(__dirname, '../dist/cli.js');
const TOKEN = 'bus-projections-' + randomUUID();
const ADMIN = 'bus-projections-admin-' + randomUUID();

async function admin(hub: HubProcess, method: string, path: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${hub.baseUrl}/admin${path}`, { method, headers: { authorization: `Bearer ${ADMIN}` } });
  return { status: res.status, body: await res.json() };
}

for (const store of kafkaStores()) {
  describe(`${store.name}: projections fed from the bus`, () => {
    jest.setTimeout(120_000);
    let hub: HubProcess;
    beforeAll(async () => {
      hub = await startHub({ ...(await store.setUp()), HUB_BOOTSTRAP_TOKEN: TOKEN, HUB_ADMIN_TOKEN: ADMIN });
    }, 90_000);
    afterAll(async () => {
      await hub?.stop();
      if (hub) removeDataDir(hub.dataDir);
      await store.tearDown();
    });

    it('lists scim and audit as running from the bus', async () => {
      await scimClient(hub.baseUrl, TOKEN).post('/Users', entraUser('first@bus.example'));
      const { status, body } = await admin(hub, 'GET', '/projections');
      expect(status).toBe(200);
      expect(body.projections).toEqual([
        expect.objectContaining({ name: 'scim', state: 'running', source: 'bus', lagEvents: 0 }),
        expect.objectContaining({ name: 'audit', state: 'running', source: 'bus' }),
      ]);
      const { stdout } = await promisify(execFile)(process.execPath, [CLI, 'projections', 'list', '--url', hub.baseUrl], {
        env: { ...process.env, HUB_ADMIN_TOKEN: ADMIN },
      });
      expect(stdout).toMatch(/^scim\s+running\s+from bus\s+at \d+:\d+/m);
      expect(stdout).toMatch(/^audit\s+running\s+from bus\s+at /m);
    });

    it('reads a write back at once from the read model; the audit index shows it a moment later', async () => {
      const scim = scimClient(hub.baseUrl, TOKEN);
      for (let i = 0; i < 5; i++) {
        const created = await scim.post('/Users', entraUser(`ryw-${i}@bus.example`));
        expect(created.status).toBe(201);
        expect((await scim.get(`/Users/${created.body.id}`)).status).toBe(200);
        // The audit index follows the log in batches (docs/audit.md): it is not read-your-writes.
        let history = { status: 0, body: { totalResults: 0 } };
        await until(async () => (history = await admin(hub, 'GET', `/audit/Users/${created.body.id}/history`)).status === 200, 'audit entry');
        expect(history.body.totalResults).toBe(1);
      }
    });

    it('rebuilds the bus-fed read model from the log and keeps following the bus afterwards', async () => {
      const scim = scimClient(hub.baseUrl, TOKEN);
      const before = (await scim.get('/Users?count=0')).body.totalResults as number;
      expect((await admin(hub, 'POST', '/projections/scim/rebuild')).status).toBe(202);
      await until(async () => (await admin(hub, 'GET', '/projections/scim')).body.rebuild === undefined, 'the rebuild finished', 60_000, 50);
      const status = (await admin(hub, 'GET', '/projections/scim')).body;
      expect(status).toMatchObject({ state: 'running', source: 'bus' });
      expect(status.lastError).toBeUndefined();
      const after = await scim.post('/Users', entraUser('after-rebuild@bus.example'));
      expect((await scim.get(`/Users/${after.body.id}`)).status).toBe(200);
      expect((await scim.get('/Users?count=0')).body.totalResults).toBe(before + 1);
    });
  });
}
