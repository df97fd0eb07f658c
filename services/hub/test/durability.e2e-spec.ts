// Write, kill -9 the hub, start it again on the same data: every write that got a 2xx is in the log and the
// read model (docs/architecture.md; the SQLite store's synchronous level is chosen for this, docs/operations.md).
import { randomUUID } from 'node:crypto';
import { entraUser } from './support/entra-bodies';
import { removeDataDir, startHub } from './support/hub-process';
import { filterQuery, patchOp, scimClient } from './support/scim-client';
import { forEachStore } from './support/e2e-stores';

forEachStore((store) => {
  const TOKEN = 'durability-' + randomUUID();

  it('keeps every acknowledged write across kill -9', async () => {
    const env = { ...(await store.setUp()), HUB_BOOTSTRAP_TOKEN: TOKEN };
    const first = await startHub(env);
    const scim = scimClient(first.baseUrl, TOKEN);
    const acknowledged: { id: string; userName: string }[] = [];
    let stop = false;
    // Writers keep going while the process is killed; only writes answered 201 count as acknowledged.
    const writers = Array.from({ length: 4 }, async (_, w) => {
      for (let i = 0; !stop; i++) {
        const userName = `w${w}-${i}@durable.example`;
        const res = await scim.post('/Users', entraUser(userName)).catch(() => undefined);
        if (res?.status === 201) acknowledged.push({ id: res.body.id, userName });
        if (!res) return;
      }
    });
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (acknowledged.length >= 40) {
          clearInterval(timer);
          resolve();
        }
      }, 5);
    });
    await first.kill9();
    stop = true;
    await Promise.all(writers);
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);

    const second = await startHub(env, first.dataDir);
    try {
      const again = scimClient(second.baseUrl, TOKEN);
      for (const { id, userName } of acknowledged) {
        const res = await again.get(`/Users/${id}`);
        expect(res.status).toBe(200);
        expect(res.body.userName).toBe(userName);
      }
      const all = await again.get(`/Users${filterQuery('userName ew "@durable.example"')}&count=0`);
      expect(all.body.totalResults).toBeGreaterThanOrEqual(acknowledged.length);
      // The restarted hub keeps accepting writes on the same streams.
      const res = await again.patch(`/Users/${acknowledged[0].id}`, patchOp({ op: 'replace', path: 'active', value: false }));
      expect(res.status).toBe(200);
    } finally {
      await second.stop();
      removeDataDir(first.dataDir);
      await store.tearDown();
    }
  }, 120_000);
});
