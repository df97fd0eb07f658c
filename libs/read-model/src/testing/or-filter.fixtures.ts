// Many users in one tenant and OR-of-equality filters over them, for the query plan tests beside the adapters
// and the OR filter benchmark (bench/or-filter.bench.ts).
import { parseFilter } from '@scim-hub/scim';
import type { ReadModel, StatementTrace } from '../read-model.port';
import { IdentityEventLog } from './identity-event-log';
import { user } from './read-model.fixtures';

export const OR_TENANT = 'acme';

/** The id of user `i` (1-based); its userName is `User-<n>@Example.com`, its externalId `ext-<n>`. */
export const userId = (i: number) => `u-${String(i).padStart(6, '0')}`;
export const userName = (i: number) => `User-${String(i).padStart(6, '0')}@Example.com`;
export const externalId = (i: number) => `ext-${String(i).padStart(6, '0')}`;

/** Projects `count` users into OR_TENANT, and the first 100 of them again into a decoy tenant, in batches. */
export async function projectUsers(readModel: ReadModel, count: number, batch = 1000): Promise<void> {
  const log = new IdentityEventLog();
  let projected = 0;
  const flush = async () => {
    await readModel.project(log.since(projected));
    projected = log.events.length;
  };
  for (let i = 1; i <= count; i++) {
    const id = userId(i);
    log.record(OR_TENANT, 'User', id, { type: 'UserCreated', data: { id, resource: user(userName(i), { externalId: externalId(i) }) } });
    if (i <= 100) log.record('decoy', 'User', id, { type: 'UserCreated', data: { id, resource: user(userName(i), { externalId: externalId(i) }) } });
    if (log.events.length - projected >= batch) await flush();
  }
  await flush();
}

/** `userName eq "…" or …` for the given users, with the userName in another case than stored (caseExact false). */
export function userNameOrFilter(users: number[]): string {
  return users.map((i) => `userName eq "${userName(i).toUpperCase()}"`).join(' or ');
}

/** An OR filter over indexed attributes, the users it selects, and the indexes each of its terms must be found by. */
export interface OrPlanCase {
  filter: string;
  users: number[];
  indexes: ('userName' | 'externalId' | 'id')[];
}

/** Needs at least 60 projected users. */
export const OR_PLAN_CASES: OrPlanCase[] = [
  { filter: userNameOrFilter([3, 7, 11, 19, 23, 29, 31, 37, 41, 43]), users: [3, 7, 11, 19, 23, 29, 31, 37, 41, 43], indexes: ['userName'] },
  { filter: `id eq "${userId(5)}" or id eq "${userId(9)}" or id eq "nope"`, users: [5, 9], indexes: ['id'] },
  { filter: `externalId eq "${externalId(2)}" or externalId eq "${externalId(4)}"`, users: [2, 4], indexes: ['externalId'] },
  { filter: `userName eq "${userName(12)}" or externalId eq "${externalId(14)}"`, users: [12, 14], indexes: ['userName', 'externalId'] },
  {
    filter: `userName eq "${userName(50)}" or id eq "${userId(51)}" or userName eq "${userName(52)}" or externalId eq "${externalId(53)}"`,
    users: [50, 51, 52, 53],
    indexes: ['userName', 'id', 'externalId'],
  },
  { filter: `(userName eq "${userName(20)}" and active eq true) or userName eq "${userName(21)}"`, users: [20, 21], indexes: ['userName'] },
  { filter: `userName eq "${userName(33)}" or userName eq "${userName(33).toLowerCase()}"`, users: [33], indexes: ['userName'] },
];

/** A control: an OR with a term on an attribute without an index, which no plan can answer by lookups alone. */
export const OR_SCAN_CONTROL: OrPlanCase = { filter: `userName eq "${userName(8)}" or title eq "Director"`, users: [8], indexes: ['userName'] };

/** Lists `filter` in OR_TENANT (first page of 100) and returns the ids and the statements that ran for it. */
export async function listTraced(
  readModel: ReadModel,
  statements: StatementTrace[],
  filter: string,
): Promise<{ ids: string[]; totalResults: number; statements: StatementTrace[] }> {
  const from = statements.length;
  const result = await readModel.list(OR_TENANT, 'User', { filter: parseFilter(filter), startIndex: 1, count: 100, includeMembers: false });
  return {
    ids: result.resources.map((r) => r.resource.id as string),
    totalResults: result.totalResults,
    statements: statements.slice(from).filter((s) => s.sql.includes('scim_resources')),
  };
}
