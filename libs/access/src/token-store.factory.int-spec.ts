import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { PostgresTokenStore } from './postgres';
import { SqliteTokenStore } from './sqlite';
import { TEST_DATABASE_URL, postgresReachable } from '@scim-hub/testing';
import { openTokenStore } from './token-store.factory';

describe('openTokenStore', () => {
  it('opens <HUB_DATA_DIR>/access.db when no DATABASE_URL is set', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'scim-hub-factory-'));
    const store = await openTokenStore({ store: 'sqlite', dataDir, databaseUrl: undefined });
    expect(store).toBeInstanceOf(SqliteTokenStore);
    expect(existsSync(join(dataDir, 'access.db'))).toBe(true);
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const reachable = postgresReachable();
  if (!reachable.ok) console.warn(`skipped: openTokenStore with DATABASE_URL — no PostgreSQL at ${TEST_DATABASE_URL} (${reachable.why})`);
  (reachable.ok ? it : it.skip)(`uses PostgreSQL when DATABASE_URL is set${reachable.ok ? '' : ` — skipped: ${reachable.why}`}`, async () => {
    const schema = `access_factory_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const store = await openTokenStore({ store: 'postgres', dataDir: '/nonexistent', databaseUrl: TEST_DATABASE_URL, postgresSchema: schema });
    expect(store).toBeInstanceOf(PostgresTokenStore);
    const tenant = 'acme';
    const created = await store.create(tenant, 'x');
    expect(await store.verify(created.token)).toEqual({ tenant, tokenId: created.id });
    await store.close();
    const client = new Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    await client.query(`DROP SCHEMA "${schema}" CASCADE`);
    await client.end();
  });
  if (!reachable.ok) console.warn(`skipped: PostgreSQL not reachable at ${TEST_DATABASE_URL} (${reachable.why})`);
});
