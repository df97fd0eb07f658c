// Contract cases: what projecting events does to the stored resources, idempotency and rebuild.
import { IdentityEventLog } from './identity-event-log';
import { group, groupsOf, snapshot, user, type ReadModelHarness } from './read-model.fixtures';
import { ENTERPRISE_USER_SCHEMA, parseFilter } from '@scim-hub/scim';

/** Registers the projection cases; `harness()` is the harness opened for the current test. */
export function projectionCases(harness: () => ReadModelHarness): void {
  it('projects a created user with its revision and times, without meta', async () => {
    const { readModel } = harness();
    const log = new IdentityEventLog();
    const created = log.record('acme', 'User', 'u1', { type: 'UserCreated', data: { id: 'u1', resource: user('alice') } });
    await readModel.project(log.events);

    const stored = await readModel.getResource('acme', 'User', 'u1', { includeMembers: false });
    expect(stored).toEqual({ resource: { ...user('alice'), id: 'u1' }, version: 0, created: created.metadata.time, lastModified: created.metadata.time });
    expect(await readModel.checkpoint()).toEqual(created.position);
    expect(await readModel.getResource('acme', 'User', 'nope', { includeMembers: false })).toBeUndefined();
  });

  it('applies updates, deactivation and reactivation; created stays, version and lastModified move', async () => {
    const { readModel } = harness();
    const log = new IdentityEventLog();
    const created = log.record('acme', 'User', 'u1', { type: 'UserCreated', data: { id: 'u1', resource: user('alice') } });
    await readModel.project(log.events);
    const manager = { value: 'boss', displayName: 'The Boss' };
    log.record('acme', 'User', 'u1', {
      type: 'UserUpdated',
      data: { changes: [{ attribute: 'displayName', value: 'Alice A.' }, { attribute: `${ENTERPRISE_USER_SCHEMA}:manager`, value: manager }] },
    });
    const deactivated = log.record('acme', 'User', 'u1', { type: 'UserDeactivated', data: {} });
    await readModel.project(log.since(1));

    let stored = await readModel.getResource('acme', 'User', 'u1', { includeMembers: false });
    expect(stored?.resource).toMatchObject({ displayName: 'Alice A.', active: false, [ENTERPRISE_USER_SCHEMA]: { manager } });
    expect(stored).toMatchObject({ version: 2, created: created.metadata.time, lastModified: deactivated.metadata.time });

    log.record('acme', 'User', 'u1', { type: 'UserReactivated', data: {} });
    log.record('acme', 'User', 'u1', { type: 'UserUpdated', data: { changes: [{ attribute: 'displayName' }] } });
    await readModel.project(log.since(3));
    stored = await readModel.getResource('acme', 'User', 'u1', { includeMembers: false });
    expect(stored?.resource.active).toBe(true);
    expect(stored?.resource).not.toHaveProperty('displayName');
    expect(stored?.version).toBe(4);
  });

  it('rewrites a stored user\'s email rows only when its emails changed', async () => {
    const { readModel, statements } = harness();
    const log = new IdentityEventLog();
    log.record('acme', 'User', 'u1', { type: 'UserCreated', data: { id: 'u1', resource: user('alice') } });
    await readModel.project(log.events);
    const byEmail = async (email: string) =>
      (await readModel.list('acme', 'User', { filter: parseFilter(`emails.value eq "${email}"`), startIndex: 1, count: 10, includeMembers: false })).resources.map((r) => r.resource.id);
    const emailWrites = (from: number) => statements.slice(from).filter((trace) => /^\s*(DELETE FROM|INSERT INTO) scim_emails/i.test(trace.sql));

    let from = statements.length;
    log.record('acme', 'User', 'u1', { type: 'UserUpdated', data: { changes: [{ attribute: 'displayName', value: 'Alice A.' }] } });
    await readModel.project(log.since(1));
    expect(statements.length).toBeGreaterThan(from);
    expect(emailWrites(from)).toEqual([]);
    expect((await readModel.getResource('acme', 'User', 'u1', { includeMembers: false }))?.resource).toMatchObject({ displayName: 'Alice A.', userName: 'alice' });
    expect(await byEmail('alice@example.com')).toEqual(['u1']);

    from = statements.length;
    log.record('acme', 'User', 'u1', { type: 'UserUpdated', data: { changes: [{ attribute: 'emails', value: [{ value: 'alice@new.example', type: 'work', primary: true }] }] } });
    await readModel.project(log.since(2));
    expect(emailWrites(from).length).toBeGreaterThanOrEqual(2);
    expect(await byEmail('alice@example.com')).toEqual([]);
    expect(await byEmail('alice@new.example')).toEqual(['u1']);
  });

  it('deletes users and groups with their membership rows (RFC 7644 §3.6)', async () => {
    const { readModel } = harness();
    const log = new IdentityEventLog();
    log.record('acme', 'User', 'u1', { type: 'UserCreated', data: { id: 'u1', resource: user('alice') } });
    log.record('acme', 'User', 'u2', { type: 'UserCreated', data: { id: 'u2', resource: user('bob') } });
    log.record('acme', 'Group', 'inner', { type: 'GroupCreated', data: { id: 'inner', resource: group('Inner'), members: [{ value: 'u1', type: 'User' }, { value: 'u2', type: 'User' }] } });
    log.record('acme', 'Group', 'outer', { type: 'GroupCreated', data: { id: 'outer', resource: group('Outer'), members: [{ value: 'inner', type: 'Group' }, { value: 'u1', type: 'User' }] } });
    await readModel.project(log.events);

    log.record('acme', 'User', 'u1', { type: 'UserDeleted', data: {} });
    log.record('acme', 'Group', 'inner', { type: 'GroupDeleted', data: {} });
    await readModel.project(log.since(4));

    expect(await readModel.getResource('acme', 'User', 'u1', { includeMembers: false })).toBeUndefined();
    expect(await readModel.getResource('acme', 'Group', 'inner', { includeMembers: true })).toBeUndefined();
    expect((await readModel.getResource('acme', 'Group', 'outer', { includeMembers: true }))?.resource).toEqual({ ...group('Outer'), id: 'outer' });
    expect(await groupsOf(readModel, 'acme', 'u2')).toEqual([]);
    expect((await readModel.listMembers('acme', 'inner', { limit: 10 })).members).toEqual([]);
    const users = await readModel.list('acme', 'User', { startIndex: 1, count: 10, includeMembers: false });
    expect(users.resources.map((r) => r.resource.id)).toEqual(['u2']);
  });

  it('skips events at or before the checkpoint: projecting a batch twice leaves the same state', async () => {
    const { readModel } = harness();
    const log = new IdentityEventLog();
    log.record('acme', 'User', 'u1', { type: 'UserCreated', data: { id: 'u1', resource: user('alice') } });
    log.record('acme', 'Group', 'g1', { type: 'GroupCreated', data: { id: 'g1', resource: group('G'), members: [{ value: 'u1' }] } });
    log.record('acme', 'Group', 'g1', { type: 'GroupMembersRemoved', data: { values: ['u1'] } });
    log.record('acme', 'User', 'u1', { type: 'UserDeactivated', data: {} });
    log.record('acme', 'User', 'u2', { type: 'UserCreated', data: { id: 'u2', resource: user('bob') } });
    log.record('acme', 'User', 'u2', { type: 'UserDeleted', data: {} });
    await readModel.project(log.events);
    const once = await snapshot(readModel, ['acme']);

    await readModel.project(log.events);
    await readModel.project(log.events.slice(1, 3));
    expect(await snapshot(readModel, ['acme'])).toEqual(once);
    expect(await readModel.getResource('acme', 'User', 'u2', { includeMembers: false })).toBeUndefined();
    expect(await readModel.checkpoint()).toEqual(log.events[5].position);
    const g1 = await readModel.getResource('acme', 'Group', 'g1', { includeMembers: true });
    expect(g1?.resource).not.toHaveProperty('members');
    expect(g1?.version).toBe(1);
  });

  it('reset drops every row and the checkpoint; re-projecting the log gives the same state', async () => {
    const { readModel } = harness();
    const log = new IdentityEventLog();
    for (const [tenant, id] of [['acme', 'u1'], ['acme', 'u2'], ['beta', 'u1']]) {
      log.record(tenant, 'User', id, { type: 'UserCreated', data: { id, resource: user(`${tenant}-${id}`) } });
    }
    log.record('acme', 'Group', 'g1', { type: 'GroupCreated', data: { id: 'g1', resource: group('G'), members: [{ value: 'u1', type: 'User' }] } });
    log.record('acme', 'Group', 'g1', { type: 'GroupMembersAdded', data: { members: [{ value: 'u2', type: 'User', display: 'Bob' }] } });
    log.record('acme', 'User', 'u2', { type: 'UserUpdated', data: { changes: [{ attribute: 'nickName', value: 'bobby' }] } });
    log.record('beta', 'User', 'u1', { type: 'UserDeleted', data: {} });
    for (let i = 0; i < log.events.length; i += 3) await readModel.project(log.events.slice(i, i + 3));
    const before = await snapshot(readModel, ['acme', 'beta']);

    await readModel.reset();
    expect(await readModel.checkpoint()).toBeUndefined();
    expect((await readModel.list('acme', 'User', { startIndex: 1, count: 10, includeMembers: false })).totalResults).toBe(0);
    expect((await readModel.listMembers('acme', 'g1', { limit: 10 })).members).toEqual([]);

    await readModel.project(log.events);
    expect(await snapshot(readModel, ['acme', 'beta'])).toEqual(before);
  });

  it('ignores streams that are not User or Group streams but moves the checkpoint past them', async () => {
    const { readModel } = harness();
    const log = new IdentityEventLog();
    log.record('acme', 'User', 'u1', { type: 'UserCreated', data: { id: 'u1', resource: user('alice') } });
    const reservation = log.raw('acme', 'acme/Unique/userName/alice', 'UniqueValueClaimed', 1, { owner: 'u1' });
    await readModel.project(log.events);
    expect(await readModel.checkpoint()).toEqual(reservation.position);
    expect((await readModel.list('acme', 'User', { startIndex: 1, count: 10, includeMembers: false })).totalResults).toBe(1);
  });
}
