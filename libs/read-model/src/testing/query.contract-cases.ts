// Contract cases: SCIM list queries (filters, paging, tenant isolation) and the User `groups` attribute.
import { parseFilter } from '@scim-hub/scim';
import type { ReadModel, ReadModelResourceType } from '../read-model.port';
import { IdentityEventLog } from './identity-event-log';
import { group, groupsOf, user, type ReadModelHarness } from './read-model.fixtures';

async function ids(readModel: ReadModel, tenant: string, type: ReadModelResourceType, filter: string): Promise<string[]> {
  const page = await readModel.list(tenant, type, { filter: parseFilter(filter), startIndex: 1, count: 100, includeMembers: false });
  expect(page.totalResults).toBe(page.resources.length);
  return page.resources.map((r) => String(r.resource.id)).sort();
}

function seed(log: IdentityEventLog): void {
  for (const tenant of ['acme', 'beta']) {
    log.record(tenant, 'User', `${tenant}-u1`, { type: 'UserCreated', data: { id: `${tenant}-u1`, resource: user('Alice', { externalId: 'jyoung' }) } });
    log.record(tenant, 'User', `${tenant}-u2`, {
      type: 'UserCreated',
      data: { id: `${tenant}-u2`, resource: user('bob', { emails: [{ value: 'Bob@Work.example', type: 'work' }, { value: 'bob@home.example', type: 'home' }] }) },
    });
    log.record(tenant, 'User', `${tenant}-u3`, { type: 'UserCreated', data: { id: `${tenant}-u3`, resource: user('carol', { active: false }) } });
    log.record(tenant, 'Group', `${tenant}-g1`, {
      type: 'GroupCreated',
      data: { id: `${tenant}-g1`, resource: group('Sales Team'), members: [{ value: `${tenant}-u1`, type: 'User' }] },
    });
  }
}

/** Registers the query cases. */
export function queryCases(harness: () => ReadModelHarness): void {
  it('filters users the way Entra queries them (docs/entra-compatibility.md, query and filter), within one tenant', async () => {
    const { readModel } = harness();
    const log = new IdentityEventLog();
    seed(log);
    await readModel.project(log.events);

    expect(await ids(readModel, 'acme', 'User', 'userName eq "ALICE"')).toEqual(['acme-u1']);
    expect(await ids(readModel, 'acme', 'User', 'externalId eq jyoung')).toEqual(['acme-u1']);
    expect(await ids(readModel, 'acme', 'User', 'externalId eq "JYOUNG"')).toEqual([]);
    expect(await ids(readModel, 'acme', 'User', 'emails[type eq "work"].value eq "bob@work.example"')).toEqual(['acme-u2']);
    expect(await ids(readModel, 'acme', 'User', 'emails[type eq "work"].value eq "bob@home.example"')).toEqual([]);
    expect(await ids(readModel, 'acme', 'User', 'active eq false')).toEqual(['acme-u3']);
    expect(await ids(readModel, 'acme', 'User', 'userName sw "b" or not (active eq true)')).toEqual(['acme-u2', 'acme-u3']);
    expect(await ids(readModel, 'acme', 'User', 'userName eq "f0f1e6a4-7d27-4b68-9c1a-3a8a2a2a2a2a"')).toEqual([]);
    expect(await ids(readModel, 'acme', 'User', 'noSuchAttribute eq "x"')).toEqual([]);
  });

  it('filters groups by displayName and by member, within one tenant', async () => {
    const { readModel } = harness();
    const log = new IdentityEventLog();
    seed(log);
    await readModel.project(log.events);

    expect(await ids(readModel, 'acme', 'Group', 'displayName eq "sales team"')).toEqual(['acme-g1']);
    expect(await ids(readModel, 'acme', 'Group', 'members[value eq "acme-u1"]')).toEqual(['acme-g1']);
    expect(await ids(readModel, 'acme', 'Group', 'members[value eq "beta-u1"]')).toEqual([]);
    expect(await ids(readModel, 'beta', 'Group', 'members.value eq "beta-u1"')).toEqual(['beta-g1']);
  });

  it('never returns another tenant\'s rows (same userName, same ids in both tenants)', async () => {
    const { readModel } = harness();
    const log = new IdentityEventLog();
    seed(log);
    log.record('beta', 'User', 'shared', { type: 'UserCreated', data: { id: 'shared', resource: user('dave') } });
    log.record('acme', 'User', 'shared', { type: 'UserCreated', data: { id: 'shared', resource: user('erin') } });
    await readModel.project(log.events);

    expect(await ids(readModel, 'beta', 'User', 'userName eq "alice"')).toEqual(['beta-u1']);
    expect(await ids(readModel, 'beta', 'User', 'userName pr')).toEqual(['beta-u1', 'beta-u2', 'beta-u3', 'shared']);
    expect((await readModel.getResource('beta', 'User', 'acme-u1', { includeMembers: false }))).toBeUndefined();
    expect((await readModel.getResource('beta', 'User', 'shared', { includeMembers: false }))?.resource.userName).toBe('dave');
    expect((await readModel.getResource('acme', 'User', 'shared', { includeMembers: false }))?.resource.userName).toBe('erin');
    expect(await groupsOf(readModel, 'beta', 'acme-u1')).toEqual([]);
    expect((await readModel.listMembers('beta', 'acme-g1', { limit: 10 })).members).toEqual([]);
  });

  it('pages by (created, id): startIndex, count, totalResults, count=0 and past the end (RFC 7644 §3.4.2.4)', async () => {
    const { readModel } = harness();
    const log = new IdentityEventLog();
    const order = ['u5', 'u3', 'u7', 'u1', 'u2', 'u6', 'u4'];
    for (const id of order) log.record('acme', 'User', id, { type: 'UserCreated', data: { id, resource: user(`user-${id}`) } });
    await readModel.project(log.events);
    const page = async (startIndex: number, count: number) => {
      const result = await readModel.list('acme', 'User', { startIndex, count, includeMembers: false });
      return { total: result.totalResults, ids: result.resources.map((r) => r.resource.id) };
    };

    expect(await page(1, 3)).toEqual({ total: 7, ids: ['u5', 'u3', 'u7'] });
    expect(await page(4, 3)).toEqual({ total: 7, ids: ['u1', 'u2', 'u6'] });
    expect(await page(7, 3)).toEqual({ total: 7, ids: ['u4'] });
    expect(await page(8, 3)).toEqual({ total: 7, ids: [] });
    expect(await page(1, 0)).toEqual({ total: 7, ids: [] });
    const filtered = await readModel.list('acme', 'User', { filter: parseFilter('userName co "u"'), startIndex: 2, count: 2, includeMembers: false });
    expect(filtered.totalResults).toBe(7);
    expect(filtered.resources.map((r) => r.resource.id)).toEqual(['u3', 'u7']);
  });

  it('breaks ties of equal created times by id in code-point order on every backend', async () => {
    const { readModel } = harness();
    const log = new IdentityEventLog();
    const sameTime = ['b', 'a', 'Z', 'é'].map((id) => log.record('acme', 'User', id, { type: 'UserCreated', data: { id, resource: user(`user-${id}`) } }));
    for (const event of sameTime) event.metadata.time = sameTime[0].metadata.time;
    await readModel.project(log.events);

    const page = await readModel.list('acme', 'User', { startIndex: 1, count: 10, includeMembers: false });
    expect(page.resources.map((r) => r.resource.id)).toEqual(['Z', 'a', 'b', 'é']);
    expect(new Set(page.resources.map((r) => r.created)).size).toBe(1);
  });

  it('lists the groups of a user, direct and through nested groups (RFC 7643 §4.1.2)', async () => {
    const { readModel } = harness();
    const log = new IdentityEventLog();
    log.record('acme', 'User', 'u1', { type: 'UserCreated', data: { id: 'u1', resource: user('alice') } });
    log.record('acme', 'Group', 'team', { type: 'GroupCreated', data: { id: 'team', resource: group('Team'), members: [{ value: 'u1', type: 'User' }] } });
    log.record('acme', 'Group', 'dept', { type: 'GroupCreated', data: { id: 'dept', resource: group('Dept'), members: [{ value: 'team', type: 'Group' }] } });
    log.record('acme', 'Group', 'all', { type: 'GroupCreated', data: { id: 'all', resource: group('All'), members: [{ value: 'dept', type: 'Group' }, { value: 'u1' }] } });
    // A membership cycle must not loop.
    log.record('acme', 'Group', 'team', { type: 'GroupMembersAdded', data: { members: [{ value: 'all', type: 'Group' }] } });
    await readModel.project(log.events);

    expect(await groupsOf(readModel, 'acme', 'u1')).toEqual([
      { value: 'all', display: 'All', type: 'direct' },
      { value: 'dept', display: 'Dept', type: 'indirect' },
      { value: 'team', display: 'Team', type: 'direct' },
    ]);
    expect(await groupsOf(readModel, 'acme', 'nobody')).toEqual([]);
  });

  it('lists each user of a page with the groups a read of that user gives, and no groups unless asked for', async () => {
    const { readModel } = harness();
    const log = new IdentityEventLog();
    for (const id of ['u1', 'u2', 'u3']) log.record('acme', 'User', id, { type: 'UserCreated', data: { id, resource: user(id) } });
    log.record('acme', 'Group', 'team', { type: 'GroupCreated', data: { id: 'team', resource: group('Team'), members: [{ value: 'u1' }, { value: 'u2' }] } });
    log.record('acme', 'Group', 'all', { type: 'GroupCreated', data: { id: 'all', resource: group('All'), members: [{ value: 'team', type: 'Group' }, { value: 'u2' }] } });
    log.record('beta', 'Group', 'other', { type: 'GroupCreated', data: { id: 'other', resource: group('Other'), members: [{ value: 'u3' }] } });
    await readModel.project(log.events);

    const page = await readModel.list('acme', 'User', { startIndex: 1, count: 10, includeMembers: false, includeGroups: true });
    const byUser = new Map(page.resources.map((r) => [String(r.resource.id), r.groups]));
    expect([...byUser.keys()].sort()).toEqual(['u1', 'u2', 'u3']);
    expect(byUser.get('u1')).toEqual([
      { value: 'all', display: 'All', type: 'indirect' },
      { value: 'team', display: 'Team', type: 'direct' },
    ]);
    // u2 is in `all` directly and through `team`: listed once, as direct.
    expect(byUser.get('u2')).toEqual([
      { value: 'all', display: 'All', type: 'direct' },
      { value: 'team', display: 'Team', type: 'direct' },
    ]);
    // u3's group is another tenant's.
    expect(byUser.get('u3')).toEqual([]);
    for (const id of ['u1', 'u2']) expect(await groupsOf(readModel, 'acme', id)).toEqual(byUser.get(id));

    // A filtered, sorted page past the first (the count and the page in one statement where the reader needs it).
    const sorted = await readModel.list('acme', 'User', { filter: parseFilter('userName pr'), sort: { by: 'userName', descending: true }, startIndex: 2, count: 1, includeMembers: false, includeGroups: true });
    expect(sorted.totalResults).toBe(3);
    expect(sorted.resources.map((r) => [r.resource.id, r.groups])).toEqual([['u2', byUser.get('u2')]]);

    const plain = await readModel.list('acme', 'User', { startIndex: 1, count: 10, includeMembers: false });
    expect(plain.resources.every((r) => r.groups === undefined)).toBe(true);
    expect((await readModel.getResource('acme', 'User', 'u1', { includeMembers: false }))?.groups).toBeUndefined();
  });
}
