import { postgresReachable, TEST_DATABASE_URL } from '@scim-hub/testing';
import { openPostgresCaseDatabase, openSqliteCaseDatabase, type CaseDatabase } from './testing/case-databases';
import { BULK_TENANT, bulkRows, caseQuery, describeCaseTable, fixtureRows } from './testing/filter-table.fixture';
import type { SqlDialect } from './sql-params';

const rows = () => [...fixtureRows(), ...bulkRows()];

// With 5,000 rows in the bulk tenant and fresh statistics, the planner must pick the filter indexes.
function describePlans(dialect: SqlDialect, db: () => CaseDatabase, expected: [string, string][]): void {
  it.each(expected)('the plan for %s uses %s', async (filter, index) => {
    const { sql, params } = caseQuery(dialect, { category: 'plan', name: filter, resourceType: 'User', filter }, BULK_TENANT);
    const explain = dialect === 'sqlite' ? `EXPLAIN QUERY PLAN ${sql}` : `EXPLAIN ${sql}`;
    const plan = dialect === 'sqlite'
      ? ((db() as ReturnType<typeof openSqliteCaseDatabase>).db.prepare(explain).all(...params) as { detail: string }[]).map((r) => r.detail)
      : (await (db() as Awaited<ReturnType<typeof openPostgresCaseDatabase>>).client.query(explain, params)).rows.map((r) => r['QUERY PLAN']);
    expect(plan.join(' | ')).toContain(index);
  });
}

const ENTRA_INDEXES: [string, string][] = [
  ['userName eq "a"', 'scim_resources_user_name'],
  ['externalId eq "a"', 'scim_resources_external_id'],
  ['displayName eq "a"', 'scim_resources_display_name'],
  ['emails[type eq "work"].value eq "a"', 'scim_emails_value'],
];

describe('filter case table through SQLite (real file)', () => {
  const db = openSqliteCaseDatabase(rows());
  afterAll(() => db.close());
  describePlans('sqlite', () => db, ENTRA_INDEXES);
  describeCaseTable('cases', (c) => {
    const { sql, params } = caseQuery('sqlite', c);
    return db.select(sql, params);
  });
});

const reachable = postgresReachable();
if (reachable.ok) {
  describe('filter case table through PostgreSQL (own schema)', () => {
    let db: Awaited<ReturnType<typeof openPostgresCaseDatabase>>;
    beforeAll(async () => {
      db = await openPostgresCaseDatabase(TEST_DATABASE_URL, rows());
    });
    afterAll(() => db?.close());
    describePlans('postgres', () => db, ENTRA_INDEXES);
    describeCaseTable('cases', (c) => {
      const { sql, params } = caseQuery('postgres', c);
      return db.select(sql, params);
    });
  });
} else {
  console.warn(`skipped: no PostgreSQL at ${TEST_DATABASE_URL} (${reachable.why})`);
  describe.skip(`filter case table through PostgreSQL — skipped: ${reachable.why}`, () => {
    it('needs a PostgreSQL server', () => undefined);
  });
}
