import { evaluateFilter, parseFilter } from '@scim-hub/scim';
import { FILTER_CASE_SCHEMAS, filterCaseResources, type FilterCase } from '@scim-hub/scim/filter/testing';
import { postgresReachable, TEST_DATABASE_URL } from '@scim-hub/testing';
import { openPostgresCaseDatabase, openSqliteCaseDatabase, type CaseDatabase } from './testing/case-databases';
import { caseQuery, fixtureRows } from './testing/filter-table.fixture';
import type { SqlDialect } from './sql-params';

// ORs of equalities, which the compiler gathers into `IN (…)`, select what the in-memory evaluator selects:
// mixed with non-indexed terms, with `and` inside, under `not`, beside `ne`, with duplicates, across attributes.
// [resource type, filter, how many resources of the case table it selects]
const OR_CASES: ['User' | 'Group', string, number][] = [
  ['User', 'userName eq "bjensen@example.com" or userName eq "JSMITH@example.com" or userName eq "nobody"', 2],
  ['User', 'userName eq "bjensen@example.com" or userName eq "BJENSEN@EXAMPLE.COM" or userName eq "bjensen@example.com"', 1],
  ['User', 'userName eq "jyoung@contoso.com" or userName eq "mixedcase@example.com"', 2],
  ['User', 'externalId eq "EXT-0009" or externalId eq "ext-0009"', 2],
  ['User', 'externalId eq "ext-0009" or externalId eq "EXT-0009" or externalId eq "ext-0009"', 2],
  ['User', 'externalId eq "Ext-0009" or externalId eq "BJENSEN"', 0],
  ['User', 'id eq "u3" or id eq "u7" or id eq "U9-ABC" or id eq "u9-abc"', 3],
  ['User', 'userName eq "bjensen@example.com" or externalId eq "jsmith" or id eq "u3"', 3],
  ['User', 'userName eq "bjensen@example.com" or title eq "Director" or userName eq "nikos@example.gr"', 3],
  ['User', 'userName eq "bjensen@example.com" or title co "%" or userName eq "nikos@example.gr"', 3],
  ['User', '(userName eq "bjensen@example.com" and active eq false) or userName eq "inactive.user@example.com"', 1],
  ['User', '(userName eq "bjensen@example.com" or userName eq "jsmith@example.com") and active eq true', 2],
  ['User', 'userName eq "bjensen@example.com" or (userName eq "jsmith@example.com" and title eq "Director")', 2],
  ['User', 'not (userName eq "bjensen@example.com" or userName eq "jsmith@example.com")', 10],
  ['User', 'not (externalId eq "bjensen" or externalId eq "jsmith")', 10],
  ['User', 'not (userName eq "bjensen@example.com") or userName eq "bjensen@example.com"', 12],
  ['User', 'userName ne "bjensen@example.com" or userName eq "bjensen@example.com"', 12],
  ['User', 'userName ne "bjensen@example.com" or userName ne "jsmith@example.com"', 12],
  ['User', 'externalId ne "bjensen" or externalId eq "bjensen"', 12],
  ['User', 'externalId eq "bjensen" or externalId pr', 7],
  ['User', 'active eq true or active eq false', 11],
  ['User', 'active eq true or active eq true', 10],
  ['User', 'emails.value eq "bjensen@example.com" or emails.value eq "nikos@example.gr"', 2],
  ['User', 'emails[value eq "bjensen@example.com" or value eq "NIKOS@example.gr" or type eq "work"]', 8],
  ['User', 'emails[type eq "work" and (value eq "bjensen@example.com" or value eq "jose@example.de")]', 2],
  ['User', 'nope eq "x" or userName eq "bjensen@example.com" or nope eq "y"', 1],
  ['User', 'meta.resourceType eq "User" or userName eq "x"', 12],
  ['Group', 'displayName eq "tour guides" or displayName eq "ADMINS" or id eq "g3"', 3],
  ['Group', 'members[value eq "u3" or value eq "u7"] or id eq "g4"', 2],
];

function evaluated(c: FilterCase): string[] {
  const filter = parseFilter(c.filter);
  return filterCaseResources(c.resourceType)
    .filter((r) => evaluateFilter(filter, r, FILTER_CASE_SCHEMAS[c.resourceType]))
    .map((r) => r.id as string)
    .sort();
}

function describeOrCases(dialect: SqlDialect, open: () => Promise<CaseDatabase>): void {
  describe(`ORs of equalities through ${dialect}`, () => {
    let db: CaseDatabase;
    beforeAll(async () => {
      db = await open();
    });
    afterAll(() => db?.close());

    it.each(OR_CASES)('%s: %s', async (resourceType, filter, count) => {
      const c: FilterCase = { category: 'or', name: filter, resourceType, filter };
      const expected = evaluated(c);
      expect(expected.length).toBe(count);
      const { sql, params } = caseQuery(dialect, c);
      expect((await db.select(sql, params)).sort()).toEqual(expected);
    });
  });
}

describeOrCases('sqlite', async () => openSqliteCaseDatabase(fixtureRows()));
const reachable = postgresReachable();
if (reachable.ok) describeOrCases('postgres', () => openPostgresCaseDatabase(TEST_DATABASE_URL, fixtureRows()));
else {
  console.warn(`skipped: PostgreSQL part of the OR cases, no server at ${TEST_DATABASE_URL} (${reachable.why})`);
  describe.skip(`ORs of equalities through postgres — skipped: ${reachable.why}`, () => {
    it('needs a PostgreSQL server', () => undefined);
  });
}
