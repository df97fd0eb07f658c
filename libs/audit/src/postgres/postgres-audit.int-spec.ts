import { postgresReachable, TEST_DATABASE_URL } from '@scim-hub/testing';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { auditIndexContract, subjectKeyStoreContract } from '../testing';
import { openPostgresAuditIndex } from './postgres-audit-index';
import { openPostgresSubjectKeyStore } from './postgres-subject-key-store';

const reachable = postgresReachable();

async function dropSchema(schema: string): Promise<void> {
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.end();
}

const uniqueSchema = (prefix: string) => `${prefix}_${randomBytes(6).toString('hex')}`;

if (!reachable.ok) {
  console.warn(`skipped: no PostgreSQL at ${TEST_DATABASE_URL} (${reachable.why})`);
  describe.skip(`audit index and key store contracts: PostgreSQL — skipped: ${reachable.why}`, () => {
    it('needs PostgreSQL', () => undefined);
  });
} else {
  auditIndexContract('PostgreSQL', async () => {
    const schema = uniqueSchema('audit_test');
    const index = await openPostgresAuditIndex({ connectionString: TEST_DATABASE_URL, schema });
    return { index, dispose: async () => (await index.close(), await dropSchema(schema)) };
  });

  subjectKeyStoreContract('PostgreSQL', async () => {
    const schema = uniqueSchema('keys_test');
    const keys = await openPostgresSubjectKeyStore({ connectionString: TEST_DATABASE_URL, schema });
    return { keys, dispose: async () => (await keys.close(), await dropSchema(schema)) };
  });
}
