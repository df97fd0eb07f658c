// Scoping (a user filter, membership of listed groups) and reconciliation (dry run, then repair) against a
// scimmy target in its own process.
import { until } from '@scim-hub/testing';
import { startScimTarget, type ScimTarget } from '@scim-hub/testing/scim-target';
import type { JsonObject } from '@scim-hub/scim';
import { openOutboundHarness, TARGET_TOKEN, targetDefinition, type OutboundHarness } from '../testing';

const userByName = async (target: ScimTarget, userName: string) => (await target.list('Users')).find((u) => u['userName'] === userName);

describe('outbound scoping and reconciliation', () => {
  let harness: OutboundHarness;
  let target: ScimTarget;

  beforeEach(async () => {
    harness = await openOutboundHarness();
    target = await startScimTarget({ token: TARGET_TOKEN });
  });
  afterEach(async () => {
    await harness.close();
    await target.stop();
  });

  it('a user filter: out-of-scope users are not sent; leaving disables, entering creates', async () => {
    harness.targets.set(targetDefinition({ id: 't1', baseUrl: target.baseUrl, scope: { userFilter: 'title eq "Engineer"' } }));
    const { engine } = await harness.startEngine();
    await harness.writer.createUser('u-eng', { userName: 'eng@example.com', title: 'Engineer' });
    await harness.writer.createUser('u-sales', { userName: 'sales@example.com', title: 'Sales' });
    await until(async () => (await engine.status('t1')).lagEvents === 0 && !!(await userByName(target, 'eng@example.com')), 'in-scope user', 20_000, 50);
    expect(await userByName(target, 'sales@example.com')).toBeUndefined();

    await harness.writer.updateUser('u-eng', { attribute: 'title', value: 'Manager' });
    await harness.writer.updateUser('u-sales', { attribute: 'title', value: 'Engineer' });
    await until(async () => (await userByName(target, 'eng@example.com'))?.['active'] === false && !!(await userByName(target, 'sales@example.com')), 'left and entered', 20_000, 50);
    expect(await engine.resourceStatus('t1', 'Users', 'u-eng')).toMatchObject({ delivered: true, deprovisioned: true });
  });

  it('re-evaluates every user when the scope changes (a new pass over the log)', async () => {
    harness.targets.set(targetDefinition({ id: 't1', baseUrl: target.baseUrl, scope: { userFilter: 'title eq "Engineer"' } }));
    const { engine } = await harness.startEngine();
    await harness.writer.createUser('u-eng', { userName: 'eng@example.com', title: 'Engineer' });
    await harness.writer.createUser('u-sales', { userName: 'sales@example.com', title: 'Sales' });
    await until(async () => (await engine.status('t1')).lagEvents === 0 && !!(await userByName(target, 'eng@example.com')), 'first scope', 20_000, 50);
    harness.targets.set(targetDefinition({ id: 't1', baseUrl: target.baseUrl, scope: { userFilter: 'title eq "Sales"' } }));
    await until(
      async () => (await userByName(target, 'eng@example.com'))?.['active'] === false && (await userByName(target, 'sales@example.com'))?.['active'] === true,
      'second scope applied to existing users',
      20_000,
      50,
    );
    expect((await target.stats()).userCreates).toBe(2);
  });

  it('a member not yet provisioned is deferred and added to the group once it is', async () => {
    harness.targets.set(targetDefinition({ id: 't1', baseUrl: target.baseUrl, scope: { userFilter: 'title eq "Engineer"' } }));
    const { engine } = await harness.startEngine();
    await harness.writer.createUser('u-in', { userName: 'in@example.com', title: 'Engineer' });
    await harness.writer.createUser('u-later', { userName: 'later@example.com', title: 'Intern' });
    await harness.writer.createGroup('g-1', 'Team', ['u-in', 'u-later']);
    await until(async () => (await engine.status('t1')).lagEvents === 0 && (await target.list('Groups')).length === 1, 'group delivered', 20_000, 50);
    const inId = (await userByName(target, 'in@example.com'))?.['id'];
    expect(((await target.list('Groups'))[0]?.['members'] as { value: string }[]).map((m) => m.value)).toEqual([inId]);

    await harness.writer.updateUser('u-later', { attribute: 'title', value: 'Engineer' });
    await until(async () => ((await target.list('Groups'))[0]?.['members'] as unknown[]).length === 2, 'deferred member applied', 20_000, 50);
    const laterId = (await userByName(target, 'later@example.com'))?.['id'];
    expect(((await target.list('Groups'))[0]?.['members'] as { value: string }[]).map((m) => m.value).sort()).toEqual([inId, laterId].sort());
  });

  it('deleting a member on the target (onDeprovision delete) removes it from its groups there', async () => {
    harness.targets.set(targetDefinition({ id: 't1', baseUrl: target.baseUrl, onDeprovision: 'delete' }));
    const { engine } = await harness.startEngine();
    await harness.writer.createUser('u-1', { userName: 'one@example.com' });
    await harness.writer.createUser('u-2', { userName: 'two@example.com' });
    await harness.writer.createGroup('g-1', 'Team', ['u-1', 'u-2']);
    await until(async () => ((await target.list('Groups'))[0]?.['members'] as unknown[] | undefined)?.length === 2, 'group with both members', 20_000, 50);
    const keptId = (await userByName(target, 'two@example.com'))?.['id'];
    // The hub records the deletion on the user's stream only; the group's stream still names the member.
    await harness.writer.deleteUser('u-1');
    await until(async () => (await engine.status('t1')).lagEvents === 0 && (await userByName(target, 'one@example.com')) === undefined, 'user deleted', 20_000, 50);
    await until(async () => ((await target.list('Groups'))[0]?.['members'] as unknown[] | undefined)?.length === 1, 'stale member removed', 20_000, 50);
    expect(((await target.list('Groups'))[0]?.['members'] as { value: string }[]).map((m) => m.value)).toEqual([keptId]);
  });

  it('a manager reference carries the target id, set once the manager is provisioned', async () => {
    const ext = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
    harness.targets.set(targetDefinition({ id: 't1', baseUrl: target.baseUrl, scope: { userFilter: 'title eq "Engineer"' } }));
    const { engine } = await harness.startEngine();
    await harness.writer.createUser('u-boss', { userName: 'boss@example.com', title: 'Director' });
    await harness.writer.createUser('u-emp', { userName: 'emp@example.com', title: 'Engineer', [ext]: { manager: { value: 'u-boss' } } });
    await until(async () => (await engine.status('t1')).lagEvents === 0 && !!(await userByName(target, 'emp@example.com')), 'employee', 20_000, 50);
    expect((await userByName(target, 'emp@example.com'))?.[ext]).toBeUndefined();

    await harness.writer.updateUser('u-boss', { attribute: 'title', value: 'Engineer' });
    await until(async () => !!((await userByName(target, 'emp@example.com'))?.[ext] as JsonObject | undefined)?.['manager'], 'manager set', 20_000, 50);
    const bossId = (await userByName(target, 'boss@example.com'))?.['id'];
    expect(((await userByName(target, 'emp@example.com'))?.[ext] as JsonObject)['manager']).toMatchObject({ value: bossId });
  });

  it('membership of a scope group, with onDeprovision delete', async () => {
    harness.targets.set(targetDefinition({ id: 't1', baseUrl: target.baseUrl, resourceTypes: ['Users'], onDeprovision: 'delete', scope: { groups: ['g-app'] } }));
    const { engine } = await harness.startEngine();
    await harness.writer.createUser('u-1', { userName: 'one@example.com' });
    await harness.writer.createUser('u-2', { userName: 'two@example.com' });
    await harness.writer.createGroup('g-app', 'App users', ['u-1']);
    await until(async () => !!(await userByName(target, 'one@example.com')) && (await engine.status('t1')).lagEvents === 0, 'member of the scope group', 20_000, 50);
    expect(await userByName(target, 'two@example.com')).toBeUndefined();
    expect(await target.list('Groups')).toEqual([]);

    await harness.writer.addMembers('g-app', ['u-2']);
    await harness.writer.removeMembers('g-app', ['u-1']);
    await until(async () => !!(await userByName(target, 'two@example.com')) && !(await userByName(target, 'one@example.com')), 'entered and left (deleted)', 20_000, 50);
    expect(await engine.resourceStatus('t1', 'Users', 'u-1')).toMatchObject({ delivered: false, deprovisioned: true });
  });

  it('re-creates a user deleted on the target behind the hub’s back when its next change arrives (404 on update)', async () => {
    harness.targets.set(targetDefinition({ id: 't1', baseUrl: target.baseUrl }));
    const { engine } = await harness.startEngine();
    await harness.writer.createUser('u-1', { userName: 'one@example.com' });
    await until(async () => !!(await userByName(target, 'one@example.com')), 'delivered', 20_000, 50);
    const first = (await userByName(target, 'one@example.com')) as JsonObject;
    expect((await target.scim('DELETE', `/Users/${first['id']}`)).status).toBe(204);
    await harness.writer.updateUser('u-1', { attribute: 'displayName', value: 'One' });
    await until(async () => (await userByName(target, 'one@example.com'))?.['displayName'] === 'One', 're-created', 20_000, 50);
    const again = (await userByName(target, 'one@example.com')) as JsonObject;
    expect(again['id']).not.toBe(first['id']);
    expect(await engine.resourceStatus('t1', 'Users', 'u-1')).toMatchObject({ delivered: true, targetId: again['id'] });
  });

  it('reconcile: the dry run reports drift made on the target; the real run repairs it', async () => {
    for (let i = 0; i < 5; i++) await harness.writer.createUser(`u-${i}`, { userName: `u${i}@example.com`, displayName: `User ${i}` });
    await harness.writer.createGroup('g-1', 'Team', ['u-0', 'u-1']);
    harness.targets.set(targetDefinition({ id: 't1', baseUrl: target.baseUrl }));
    const { engine } = await harness.startEngine();
    await until(async () => (await target.list('Groups')).length === 1 && (await engine.status('t1')).lagEvents === 0, 'delivered', 20_000, 50);
    await until(async () => ((await target.list('Groups'))[0]?.['members'] as unknown[] | undefined)?.length === 2, 'members delivered', 20_000, 50);

    const u2 = (await userByName(target, 'u2@example.com')) as JsonObject;
    const u3 = (await userByName(target, 'u3@example.com')) as JsonObject;
    const u4 = (await userByName(target, 'u4@example.com')) as JsonObject;
    const group = (await target.list('Groups'))[0] as JsonObject;
    const patch = (operations: unknown[]) => ({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: operations });
    expect((await target.scim('PATCH', `/Users/${u2['id']}`, patch([{ op: 'replace', path: 'displayName', value: 'Changed on target' }]))).status).toBe(200);
    expect((await target.scim('DELETE', `/Users/${u3['id']}`)).status).toBe(204);
    expect((await target.scim('PATCH', `/Groups/${group['id']}`, patch([{ op: 'add', path: 'members', value: [{ value: u4['id'] }] }]))).status).toBeLessThan(300);
    const stranger = await target.scim('POST', '/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'stranger@example.com' });

    const dry = await engine.reconcile('t1', { dryRun: true });
    expect(dry.repaired).toBe(0);
    expect(dry.differences).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ resourceType: 'Users', sourceId: 'u-2', action: 'update', attributes: ['displayName'] }),
        expect.objectContaining({ resourceType: 'Users', sourceId: 'u-3', action: 'create' }),
        expect.objectContaining({ resourceType: 'Groups', sourceId: 'g-1', action: 'update', membersToRemove: [u4['id']] }),
        expect.objectContaining({ resourceType: 'Users', targetId: stranger.body?.['id'], action: 'unmanaged' }),
      ]),
    );
    expect(dry.differences).toHaveLength(4);
    expect((await userByName(target, 'u2@example.com'))?.['displayName']).toBe('Changed on target');

    const repaired = await engine.reconcile('t1');
    expect(repaired).toMatchObject({ repaired: 3, failed: [] });
    expect((await userByName(target, 'u2@example.com'))?.['displayName']).toBe('User 2');
    expect(await userByName(target, 'u3@example.com')).toBeDefined();
    const members = (((await target.list('Groups'))[0]?.['members'] as { value: string }[]) ?? []).map((m) => m.value).sort();
    const expected = [String((await userByName(target, 'u0@example.com'))?.['id']), String((await userByName(target, 'u1@example.com'))?.['id'])].sort();
    expect(members).toEqual(expected);
    expect((await engine.reconcile('t1', { dryRun: true })).differences.map((d) => d.action)).toEqual(['unmanaged']);
  });
});
