import { isScimError, parseFilter, type JsonObject, type ScimResource } from '@scim-hub/scim';
import { FILTER_CASE_SCHEMAS, FILTER_CASE_TABLE, type FilterCase } from '@scim-hub/scim/filter/testing';
import { compileFilter } from '../filter.compiler';
import { resourceRows, type ResourceRows } from '../resource-rows';
import type { SqlDialect } from '../sql-params';

/** The tenant the case table lives in; a decoy tenant with the same ids but different data must never leak in. */
export const CASE_TENANT = 'acme';
const DECOY_TENANT = 'decoy';

function rowsOf(tenant: string, resourceType: 'User' | 'Group', resource: ScimResource): ResourceRows {
  const meta = resource.meta as JsonObject;
  return resourceRows(tenant, resourceType, resource, {
    created: meta.created as string,
    lastModified: meta.lastModified as string,
    version: 1,
  });
}

// Decoys: every user carries every email of the table and every group has every user as member, so a
// compiled EXISTS that forgets to correlate on tenant or id returns extra rows.
function decoys(): ResourceRows[] {
  const allEmails = FILTER_CASE_TABLE.users.flatMap((u) => (Array.isArray(u.emails) ? u.emails : []));
  const allMembers = FILTER_CASE_TABLE.users.map((u) => ({ value: u.id as string, type: 'User' }));
  return [
    ...FILTER_CASE_TABLE.users.map((u) => rowsOf(DECOY_TENANT, 'User', { ...u, emails: allEmails, userName: `decoy-${u.id}` })),
    ...FILTER_CASE_TABLE.groups.map((g) => rowsOf(DECOY_TENANT, 'Group', { ...g, members: allMembers, displayName: `decoy ${g.id}` })),
  ];
}

/** Every row of the fixture (case tenant + decoy tenant). */
export function fixtureRows(): ResourceRows[] {
  return [
    ...FILTER_CASE_TABLE.users.map((u) => rowsOf(CASE_TENANT, 'User', u)),
    ...FILTER_CASE_TABLE.groups.map((g) => rowsOf(CASE_TENANT, 'Group', g)),
    ...decoys(),
  ];
}

/** A tenant of 5,000 plain users, so that the planner has a reason to pick the filter indexes (plan tests). */
export const BULK_TENANT = 'bulk';

/** The rows of the bulk tenant. */
export function bulkRows(count = 5000): ResourceRows[] {
  return Array.from({ length: count }, (_v, i) =>
    resourceRows(BULK_TENANT, 'User', {
      id: `b${i}`,
      userName: `Bulk${i}@example.com`,
      externalId: `bx${i}`,
      displayName: `Bulk ${i}`,
      emails: [{ value: `bulk${i}@example.com`, type: 'work' }],
    }, { created: new Date(1_600_000_000_000 + i * 1000).toISOString(), lastModified: '2024-01-01T00:00:00.000Z', version: 1 }),
  );
}

/** The statement that lists the ids a case's filter selects, for one dialect. */
export function caseQuery(dialect: SqlDialect, c: FilterCase, tenant = CASE_TENANT): { sql: string; params: unknown[] } {
  const compiled = compileFilter(parseFilter(c.filter), { dialect, schema: FILTER_CASE_SCHEMAS[c.resourceType], paramOffset: 2 });
  const [t, rt] = dialect === 'postgres' ? ['$1', '$2'] : ['?', '?'];
  const order = dialect === 'postgres' ? 'r.id COLLATE "C"' : 'r.id';
  return {
    sql: `SELECT r.id FROM scim_resources r WHERE r.tenant = ${t} AND r.resource_type = ${rt} AND (${compiled.sql}) ORDER BY ${order}`,
    params: [tenant, c.resourceType, ...compiled.params],
  };
}

/** Runs every case of the table through `select` and checks ids or the error keyword. */
export function describeCaseTable(title: string, select: (c: FilterCase) => Promise<string[]>): void {
  describe(title, () => {
    it.each(FILTER_CASE_TABLE.cases.map((c) => [`${c.category}: ${c.name}`, c] as const))('%s', async (_name, c) => {
      if (c.error) {
        const error = await Promise.resolve()
          .then(() => select(c))
          .then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(isScimError(error) ? error.scimType : error).toBe(c.error);
      } else {
        expect((await select(c)).sort()).toEqual(c.expect);
      }
    });
  });
}
