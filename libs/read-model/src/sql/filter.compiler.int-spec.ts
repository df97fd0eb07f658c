import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { postgresReachable, TEST_DATABASE_URL } from '../testing/postgres-probe';
import { caseQuery, describeCaseTable, fixtureRows } from './filter-table.fixture';
import { postgresReadModelDdl, SQLITE_READ_MODEL_DDL } from './read-model.ddl';
import { registerSqliteFunctions } from './sqlite-functions';

type Row = Record<string, unknown>;

function insertSql(table: string, row: Row, dialect: 'sqlite' | 'postgres'): string {
  const columns = Object.keys(row);
  const values = columns.map((_c, i) => (dialect === 'postgres' ? `$${i + 1}` : '?'));
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${values.join(', ')})`;
}

describe('filter case table through SQLite (real file)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scim-filter-'));
  const db = new Database(join(dir, 'read-model.db'));
  registerSqliteFunctions(db);
  for (const ddl of SQLITE_READ_MODEL_DDL) db.exec(ddl);
  const bind = (row: Row) => Object.values(row).map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v));
  db.transaction(() => {
    for (const rows of fixtureRows()) {
      db.prepare(insertSql('scim_resources', rows.resource, 'sqlite')).run(...bind(rows.resource));
      for (const e of rows.emails) db.prepare(insertSql('scim_emails', e, 'sqlite')).run(...bind(e));
      for (const m of rows.members) db.prepare(insertSql('scim_group_members', m, 'sqlite')).run(...bind(m));
    }
  })();
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describeCaseTable('cases', async (c) => {
    const { sql, params } = caseQuery('sqlite', c);
    return (db.prepare(sql).all(...params) as { id: string }[]).map((r) => r.id);
  });
});

const reachable = postgresReachable();
if (reachable.ok) {
  describe('filter case table through PostgreSQL (own schema)', () => {
    const schema = `h1_filter_${process.pid}_${Date.now().toString(36)}`;
    const client = new Client({ connectionString: TEST_DATABASE_URL });

    beforeAll(async () => {
      await client.connect();
      for (const ddl of postgresReadModelDdl(schema)) await client.query(ddl);
      await client.query(`SET search_path TO "${schema}"`);
      await client.query('BEGIN');
      for (const rows of fixtureRows()) {
        await client.query(insertSql('scim_resources', rows.resource, 'postgres'), Object.values(rows.resource));
        for (const e of rows.emails) await client.query(insertSql('scim_emails', e, 'postgres'), Object.values(e));
        for (const m of rows.members) await client.query(insertSql('scim_group_members', m, 'postgres'), Object.values(m));
      }
      await client.query('COMMIT');
    });
    afterAll(async () => {
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    });

    describeCaseTable('cases', async (c) => {
      const { sql, params } = caseQuery('postgres', c);
      return (await client.query<{ id: string }>(sql, params)).rows.map((r) => r.id);
    });
  });
} else {
  console.warn(`skipped: no PostgreSQL at ${TEST_DATABASE_URL} (${reachable.why})`);
  describe.skip(`filter case table through PostgreSQL — skipped: ${reachable.why}`, () => {
    it('needs a PostgreSQL server', () => undefined);
  });
}
