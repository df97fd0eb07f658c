import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { TEST_DATABASE_URL, postgresReachable } from '@scim-hub/testing';
import { tokenStoreContract } from '../testing';
import { PostgresTokenStore } from './postgres-token-store';

const schema = `access_contract_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
const reachable = postgresReachable();

async function dropSchema(): Promise<void> {
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

if (reachable.ok) {
  tokenStoreContract(
    'PostgreSQL (real server, own schema)',
    () => PostgresTokenStore.open({ connectionString: TEST_DATABASE_URL, schema }),
    dropSchema,
  );

  describe('PostgresTokenStore schema', () => {
    it('opens twice concurrently on the same schema without a race', async () => {
      const name = `${schema}_race`;
      const stores = await Promise.all([1, 2, 3].map(() => PostgresTokenStore.open({ connectionString: TEST_DATABASE_URL, schema: name })));
      const created = await stores[0].create('acme', 'x');
      expect(await stores[2].verify(created.token)).toEqual({ tenant: 'acme', tokenId: created.id });
      await Promise.all(stores.map((s) => s.close()));
      const client = new Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      await client.query(`DROP SCHEMA "${name}" CASCADE`);
      await client.end();
    });

    it('refuses a schema name that is not a plain identifier', async () => {
      await expect(PostgresTokenStore.open({ connectionString: TEST_DATABASE_URL, schema: 'x"; DROP TABLE y; --' })).rejects.toThrow(
        /invalid PostgreSQL schema name/,
      );
    });
  });
} else {
  console.warn(`skipped: PostgreSQL not reachable at ${TEST_DATABASE_URL} (${reachable.why})`);
  describe.skip(`TokenStore contract: PostgreSQL — skipped: ${reachable.why}`, () => {
    it('needs a PostgreSQL server', () => undefined);
  });
}
