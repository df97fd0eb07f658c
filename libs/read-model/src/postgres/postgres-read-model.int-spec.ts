import { Client } from 'pg';
import type { StatementTrace } from '../read-model.port';
import { readModelContract } from '../testing';
import { postgresReachable, TEST_DATABASE_URL } from '../testing/postgres-probe';
import { openPostgresReadModel } from './postgres-read-model';

const reachable = postgresReachable();
let counter = 0;

if (reachable.ok) {
  readModelContract('PostgreSQL (own schema)', async () => {
    const schema = `rm_test_${process.pid}_${Date.now().toString(36)}_${counter++}`;
    const statements: StatementTrace[] = [];
    const readModel = await openPostgresReadModel({ connectionString: TEST_DATABASE_URL, schema, onStatement: (s) => statements.push(s) });
    return {
      readModel,
      statements,
      dispose: async () => {
        await readModel.close();
        const admin = new Client({ connectionString: TEST_DATABASE_URL });
        await admin.connect();
        try {
          await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        } finally {
          await admin.end();
        }
      },
    };
  });
} else {
  console.warn(`skipped: no PostgreSQL at ${TEST_DATABASE_URL} (${reachable.why})`);
  describe.skip(`read model contract: PostgreSQL — skipped: ${reachable.why}`, () => {
    it('needs a PostgreSQL server', () => undefined);
  });
}
