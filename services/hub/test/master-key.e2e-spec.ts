// HUB_MASTER_KEY as an operator meets it: turned on for a hub that already holds users, the keys it holds get
// wrapped at start and every user's history still opens; a restart without the key, or with another one, stops
// at start with a message naming the variable; HUB_MASTER_KEY_PREVIOUS rotates it (docs/audit.md, "The master key").
import Database from 'better-sqlite3';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { entraUser } from './support/entra-bodies';
import { forEachStore } from './support/e2e-stores';
import { removeDataDir, startHub, type HubProcess } from './support/hub-process';
import { scimClient } from './support/scim-client';

const TOKEN = `master-key-${randomUUID()}`;
const ADMIN = `master-key-admin-${randomUUID()}`;
const MASTER_KEY = randomBytes(32).toString('base64');

async function storedKeyLengths(env: Record<string, string>, dataDir: string): Promise<number[]> {
  if (env['DATABASE_URL']) {
    const client = new Client({ connectionString: env['DATABASE_URL'] });
    await client.connect();
    try {
      const result = await client.query<{ size: number }>("SELECT length(key) AS size FROM scim_hub_keys.subject_keys WHERE subject LIKE '%/User/%'");
      return result.rows.map((row) => Number(row.size));
    } finally {
      await client.end();
    }
  }
  const db = new Database(join(dataDir, 'keys.db'), { readonly: true });
  try {
    return (db.prepare("SELECT length(key) AS size FROM subject_keys WHERE subject LIKE '%/User/%'").all() as { size: number }[]).map((row) => row.size);
  } finally {
    db.close();
  }
}

// The audit history opens the user's sealed events, so it needs the user's key: the read model alone would not.
async function historyNames(hub: HubProcess, id: string): Promise<string[]> {
  const res = await fetch(`${hub.baseUrl}/admin/audit/Users/${id}/history`, { headers: { authorization: `Bearer ${ADMIN}` } });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { entries: { change: { resource?: { userName?: string } } }[] };
  return body.entries.map((entry) => entry.change.resource?.userName ?? '');
}

forEachStore((store) => {
  it('wraps the keys of a hub that already has users, refuses to start without that master key, and rotates it', async () => {
    const env = { ...(await store.setUp()), HUB_BOOTSTRAP_TOKEN: TOKEN, HUB_ADMIN_TOKEN: ADMIN };
    let hub = await startHub(env);
    const dataDir = hub.dataDir;
    try {
      const before = await scimClient(hub.baseUrl, TOKEN).post('/Users', entraUser('before.master@example.com'));
      expect(before.status).toBe(201);
      await hub.stop();
      expect(await storedKeyLengths(env, dataDir)).toEqual([32]);

      hub = await startHub({ ...env, HUB_MASTER_KEY: MASTER_KEY }, dataDir);
      const after = await scimClient(hub.baseUrl, TOKEN).post('/Users', entraUser('after.master@example.com'));
      expect(after.status).toBe(201);
      expect(await historyNames(hub, before.body.id)).toEqual(['before.master@example.com']);
      await hub.stop();
      expect(await storedKeyLengths(env, dataDir)).toEqual([69, 69]);

      await expect(startHub(env, dataDir)).rejects.toThrow(/HUB_MASTER_KEY is not set, but the key store holds keys wrapped with master key [0-9a-f]{16}/);
      await expect(startHub({ ...env, HUB_MASTER_KEY: randomBytes(32).toString('base64') }, dataDir)).rejects.toThrow(
        /HUB_MASTER_KEY is master key [0-9a-f]{16}, but the key store holds keys wrapped with master key [0-9a-f]{16}/,
      );

      hub = await startHub({ ...env, HUB_MASTER_KEY: MASTER_KEY }, dataDir);
      expect(await historyNames(hub, before.body.id)).toEqual(['before.master@example.com']);
      expect(await historyNames(hub, after.body.id)).toEqual(['after.master@example.com']);
      await hub.stop();

      // Rotation: the new key with the old one as previous, then the new key alone.
      const next = randomBytes(32).toString('base64');
      hub = await startHub({ ...env, HUB_MASTER_KEY: next, HUB_MASTER_KEY_PREVIOUS: MASTER_KEY }, dataDir);
      await hub.stop();
      await expect(startHub({ ...env, HUB_MASTER_KEY: MASTER_KEY }, dataDir)).rejects.toThrow(/HUB_MASTER_KEY is master key/);
      hub = await startHub({ ...env, HUB_MASTER_KEY: next }, dataDir);
      expect(await historyNames(hub, before.body.id)).toEqual(['before.master@example.com']);
      expect(await historyNames(hub, after.body.id)).toEqual(['after.master@example.com']);
    } finally {
      await hub.stop();
      removeDataDir(dataDir);
      await store.tearDown();
    }
  }, 120_000);
});
