// Contract cases: group membership rows — excludedAttributes=members never reads them, deltas on a
// 50,000-member group write only the delta rows, keyset paging over members.
import { parseFilter } from '@scim-hub/scim';
import { IdentityEventLog } from './identity-event-log';
import { group, manyMembers, memberStatements, user, type ReadModelHarness } from './read-model.fixtures';

const BIG = 50_000;

/** Registers the membership cases. */
export function memberCases(harness: () => ReadModelHarness): void {
  it('includeMembers=false never reads scim_group_members (Entra excludedAttributes=members, docs/entra-compatibility.md §22)', async () => {
    const { readModel, statements } = harness();
    const log = new IdentityEventLog();
    log.record('acme', 'User', 'u1', { type: 'UserCreated', data: { id: 'u1', resource: user('alice') } });
    log.record('acme', 'Group', 'g1', { type: 'GroupCreated', data: { id: 'g1', resource: group('Sales'), members: [{ value: 'u1', type: 'User', display: 'Alice' }] } });
    await readModel.project(log.events);

    const from = statements.length;
    const got = await readModel.getResource('acme', 'Group', 'g1', { includeMembers: false });
    const listed = await readModel.list('acme', 'Group', { filter: parseFilter('displayName eq "Sales"'), startIndex: 1, count: 10, includeMembers: false });
    expect(got?.resource).not.toHaveProperty('members');
    expect(listed.resources.map((r) => r.resource)).toEqual([got?.resource]);
    expect(statements.length).toBeGreaterThan(from);
    expect(memberStatements(statements, from)).toEqual([]);

    // Control: with members the same reads do hit the table, so the trace above could have caught it.
    const withMembers = await readModel.getResource('acme', 'Group', 'g1', { includeMembers: true });
    expect(withMembers?.resource.members).toEqual([{ value: 'u1', type: 'User', display: 'Alice' }]);
    const listedWith = await readModel.list('acme', 'Group', { startIndex: 1, count: 10, includeMembers: true });
    expect(listedWith.resources[0].resource.members).toEqual([{ value: 'u1', type: 'User', display: 'Alice' }]);
    expect(memberStatements(statements, from).length).toBeGreaterThanOrEqual(2);
  });

  it(`adds and removes members of a ${BIG}-member group by writing only the delta rows`, async () => {
    const { readModel, statements } = harness();
    const log = new IdentityEventLog();
    log.record('acme', 'Group', 'big', { type: 'GroupCreated', data: { id: 'big', resource: group('Everyone'), members: manyMembers('m', BIG) } });
    await readModel.project(log.events);
    expect((await readModel.getResource('acme', 'Group', 'big', { includeMembers: true }))?.resource.members).toHaveLength(BIG);

    // 100 new members plus 5 already present (Entra re-sends memberships): 100 rows inserted, no other row touched.
    let from = statements.length;
    const added = [...manyMembers('m', 100, BIG + 1), ...manyMembers('m', 5, 1)];
    log.record('acme', 'Group', 'big', { type: 'GroupMembersAdded', data: { members: added } });
    await readModel.project(log.since(1));
    let touching = memberStatements(statements, from);
    expect(touching.every((s) => /^\s*INSERT\b/i.test(s.sql) && /ON CONFLICT DO NOTHING/i.test(s.sql))).toBe(true);
    expect(touching.reduce((sum, s) => sum + (s.rowCount ?? 0), 0)).toBe(100);
    expect(touching.length === 1 || touching.length === added.length).toBe(true);

    from = statements.length;
    log.record('acme', 'Group', 'big', { type: 'GroupMembersRemoved', data: { values: ['m-000001', 'm-000002', 'm-999999'] } });
    await readModel.project(log.since(2));
    touching = memberStatements(statements, from);
    expect(touching.every((s) => /^\s*DELETE\b/i.test(s.sql) && /member_id\s*(=|IN|= ANY)/i.test(s.sql))).toBe(true);
    expect(touching.reduce((sum, s) => sum + (s.rowCount ?? 0), 0)).toBe(2);

    const stored = await readModel.getResource('acme', 'Group', 'big', { includeMembers: true });
    expect(stored?.version).toBe(2);
    expect(stored?.resource.members).toHaveLength(BIG + 100 - 2);
    expect(await readModel.list('acme', 'Group', { filter: parseFilter('members[value eq "m-050100"]'), startIndex: 1, count: 1, includeMembers: false }))
      .toMatchObject({ totalResults: 1 });
  });

  it('pages through members by id with listMembers', async () => {
    const { readModel } = harness();
    const log = new IdentityEventLog();
    log.record('acme', 'Group', 'g', { type: 'GroupCreated', data: { id: 'g', resource: group('G'), members: manyMembers('m', 25) } });
    await readModel.project(log.events);

    const seen: string[] = [];
    let after: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = await readModel.listMembers('acme', 'g', { after, limit: 10 });
      seen.push(...page.members.map((m) => m.value));
      if (!page.next) break;
      after = page.next;
    }
    expect(seen).toEqual(manyMembers('m', 25).map((m) => m.value));
    expect(await readModel.listMembers('acme', 'g', { after: 'm-000025', limit: 10 })).toEqual({ members: [] });
    expect(await readModel.listMembers('acme', 'g', { limit: 2 })).toEqual({ members: manyMembers('m', 2), next: 'm-000002' });
  });
}
