import { postgresReachable, TEST_DATABASE_URL } from '@scim-hub/testing';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { wrapWithMasterKey } from '../erasure/key-wrapping';
import { auditIndexContract, keyWrappingContract, subjectKeyStoreContract } from '../testing';
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

  for (const [name, wrapping] of [['PostgreSQL', undefined], ['PostgreSQL with a master key', wrapWithMasterKey(randomBytes(32))]] as const) {
    subjectKeyStoreContract(name, async () => {
      const schema = uniqueSchema('keys_test');
      const keys = await openPostgresSubjectKeyStore({ connectionString: TEST_DATABASE_URL, schema, wrapping });
      return { keys, dispose: async () => (await keys.close(), await dropSchema(schema)) };
    });
  }

  keyWrappingContract('PostgreSQL', async () => {
    const schema = uniqueSchema('keys_test');
    return {
      open: (wrapping) => openPostgresSubjectKeyStore({ connectionString: TEST_DATABASE_URL, schema, wrapping }),
      rows: async () => {
        const client = new Client({ connectionString: TEST_DATABASE_URL });
        await client.connect();
        try {
          const result = await client.query<{ subject: string; key: Buffer }>(`SELECT subject, key FROM ${schema}.subject_keys`);
          return new Map(result.rows.map((row) => [row.subject, row.key]));
        } finally {
          await client.end();
        }
      },
      dispose: () => dropSchema(schema),
    };
  });
}
