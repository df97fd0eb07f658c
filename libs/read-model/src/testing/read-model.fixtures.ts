// Resources and helpers shared by the read-model contract cases.
import type { MemberRef, ScimResource } from '@scim-hub/scim';
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from '@scim-hub/scim';
import type { ReadModel, StatementTrace, UserGroupRef } from '../read-model.port';

/** An opened adapter plus the statements it executed (via its `onStatement` hook). */
export interface ReadModelHarness {
  readModel: ReadModel;
  statements: StatementTrace[];
  /** Closes the read model and removes its file / schema. */
  dispose(): Promise<void>;
}

/** Opens a fresh, empty read model for one test. */
export type OpenHarness = () => Promise<ReadModelHarness>;

/** A canonical User resource with a work email, optionally with a manager and extra attributes. */
export function user(userName: string, extra: Partial<ScimResource> = {}): ScimResource {
  return {
    schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
    userName,
    externalId: `ext-${userName}`,
    displayName: userName.toUpperCase(),
    active: true,
    emails: [{ value: `${userName}@example.com`, type: 'work', primary: true }],
    ...extra,
  } as ScimResource;
}

/** A canonical Group resource (members travel separately, as in GroupCreated). */
export function group(displayName: string): ScimResource {
  return { schemas: [GROUP_SCHEMA], displayName };
}

/** `count` member references `<prefix>-000001` …, all of type User. */
export function manyMembers(prefix: string, count: number, from = 1): MemberRef[] {
  return Array.from({ length: count }, (_v, i) => ({ value: `${prefix}-${String(from + i).padStart(6, '0')}`, type: 'User' as const }));
}

/** The statements (since `from`) whose text mentions the membership table. */
export function memberStatements(statements: StatementTrace[], from = 0): StatementTrace[] {
  return statements.slice(from).filter((s) => /scim_group_members/i.test(s.sql));
}

/** The `groups` of one user, as the read model lists them for a page holding only that user. */
export async function groupsOf(readModel: ReadModel, tenant: string, userId: string): Promise<UserGroupRef[]> {
  return (await readModel.getResource(tenant, 'User', userId, { includeMembers: false, includeGroups: true }))?.groups ?? [];
}

/** Everything a tenant's read model answers, for "same state" comparisons (rows in port form). */
export async function snapshot(readModel: ReadModel, tenants: string[]): Promise<unknown> {
  const all = { startIndex: 1, count: 1_000_000, includeMembers: true };
  const result: Record<string, unknown> = { checkpoint: await readModel.checkpoint() };
  for (const tenant of tenants) {
    const users = await readModel.list(tenant, 'User', all);
    const groups = await readModel.list(tenant, 'Group', all);
    const groupsOfUsers: Record<string, unknown> = {};
    for (const u of users.resources) groupsOfUsers[String(u.resource.id)] = await groupsOf(readModel, tenant, String(u.resource.id));
    result[tenant] = { users, groups, groupsOfUsers };
  }
  return result;
}
