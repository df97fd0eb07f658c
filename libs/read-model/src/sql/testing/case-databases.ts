import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { postgresReadModelDdl, SQLITE_READ_MODEL_DDL } from '../read-model.ddl';
import type { ResourceRows } from '../resource-rows';
import { registerSqliteFunctions } from '../sqlite-functions';

/** A read-model database loaded with fixture rows, queried with a compiled statement. */
export interface CaseDatabase {
  select(sql: string, params: unknown[]): Promise<string[]>;
  close(): Promise<void>;
}

type Row = Record<string, unknown>;

function insertSql(table: string, row: Row, postgres: boolean): string {
  const columns = Object.keys(row);
  const values = columns.map((_c, i) => (postgres ? `$${i + 1}` : '?'));
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${values.join(', ')})`;
}

const tables = (rows: ResourceRows): [string, Row][] => [
  ['scim_resources', rows.resource],
  ...rows.emails.map((e): [string, Row] => ['scim_emails', e]),
  ...rows.members.map((m): [string, Row] => ['scim_group_members', m]),
];

/** A real SQLite file in a temp directory with the read-model DDL, the SQL functions and `rows`; removed on close. */
export function openSqliteCaseDatabase(rows: ResourceRows[]): CaseDatabase & { db: Database.Database } {
  const dir = mkdtempSync(join(tmpdir(), 'scim-filter-'));
  const db = new Database(join(dir, 'read-model.db'));
  registerSqliteFunctions(db);
  for (const ddl of SQLITE_READ_MODEL_DDL) db.exec(ddl);
  const bind = (row: Row) => Object.values(row).map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v));
  db.transaction(() => {
    for (const [table, row] of rows.flatMap(tables)) db.prepare(insertSql(table, row, false)).run(...bind(row));
  })();
  db.exec('ANALYZE');
  return {
    db,
    select: async (sql, params) => (db.prepare(sql).all(...params) as { id: string }[]).map((r) => r.id),
    close: async () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A uniquely named schema on the test PostgreSQL server with the read-model DDL and `rows`; dropped on close. */
export async function openPostgresCaseDatabase(url: string, rows: ResourceRows[]): Promise<CaseDatabase & { client: Client }> {
  const schema = `h1_filter_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
  const client = new Client({ connectionString: url });
  await client.connect();
  for (const ddl of postgresReadModelDdl(schema)) await client.query(ddl);
  await client.query(`SET search_path TO "${schema}"`);
  await client.query('BEGIN');
  for (const [table, row] of rows.flatMap(tables)) await client.query(insertSql(table, row, true), Object.values(row));
  await client.query('COMMIT');
  await client.query('ANALYZE');
  return {
    client,
    select: async (sql, params) => (await client.query<{ id: string }>(sql, params)).rows.map((r) => r.id),
    close: async () => {
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
}
