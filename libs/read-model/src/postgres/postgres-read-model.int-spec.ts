import { Client } from 'pg';
import type { StatementTrace } from '../read-model.port';
import { group, IdentityEventLog, manyMembers, readModelContract } from '../testing';
import { postgresReachable, TEST_DATABASE_URL } from '@scim-hub/testing';
import { openPostgresReadModel } from './postgres-read-model';

const reachable = postgresReachable();
let counter = 0;
const uniqueSchema = () => `rm_test_${process.pid}_${Date.now().toString(36)}_${counter++}`;

async function dropSchema(schema: string): Promise<void> {
  const admin = new Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await admin.end();
  }
}

if (reachable.ok) {
  readModelContract('PostgreSQL (own schema)', async () => {
    const schema = uniqueSchema();
    const statements: StatementTrace[] = [];
    const readModel = await openPostgresReadModel({ connectionString: TEST_DATABASE_URL, schema, onStatement: (s) => statements.push(s) });
    return {
      readModel,
      statements,
      dispose: async () => {
        await readModel.close();
        await dropSchema(schema);
      },
    };
  });

  describe('PostgreSQL read model: physical proof that member deltas leave other rows alone', () => {
    it('keeps the row versions (xmin) of existing members when 100 members are added', async () => {
      const schema = uniqueSchema();
      const readModel = await openPostgresReadModel({ connectionString: TEST_DATABASE_URL, schema });
      const admin = new Client({ connectionString: TEST_DATABASE_URL });
      await admin.connect();
      try {
        const rowVersions = async () =>
          new Map((await admin.query(`SELECT member_id, xmin::text AS x FROM "${schema}".scim_group_members`)).rows.map((r) => [r.member_id, r.x]));
        const log = new IdentityEventLog();
        log.record('acme', 'Group', 'g', { type: 'GroupCreated', data: { id: 'g', resource: group('G'), members: manyMembers('m', 5000) } });
        await readModel.project(log.events);
        const before = await rowVersions();

        log.record('acme', 'Group', 'g', { type: 'GroupMembersAdded', data: { members: manyMembers('m', 100, 5001) } });
        await readModel.project(log.since(1));
        const after = await rowVersions();

        expect(after.size).toBe(5100);
        expect([...before].filter(([member, x]) => after.get(member) !== x)).toEqual([]);
        expect(new Set([...after].filter(([m]) => !before.has(m)).map(([, x]) => x)).size).toBe(1);
      } finally {
        await admin.end();
        await readModel.close();
        await dropSchema(schema);
      }
    });
  });
} else {
  console.warn(`skipped: no PostgreSQL at ${TEST_DATABASE_URL} (${reachable.why})`);
  describe.skip(`read model contract: PostgreSQL — skipped: ${reachable.why}`, () => {
    it('needs a PostgreSQL server', () => undefined);
  });
}
