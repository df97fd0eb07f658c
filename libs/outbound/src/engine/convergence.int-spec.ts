// Convergence against an independent SCIM server (scimmy, its own process, real HTTP): users, groups and
// memberships arrive with the target's ids; renames, disables, deletes and member removals follow; a
// second delivery of the whole log changes nothing.
import { until } from '@scim-hub/testing';
import { startScimTarget, type ScimTarget } from '@scim-hub/testing/scim-target';
import type { JsonObject } from '@scim-hub/scim';
import { UnknownTarget, type OutboundEngine } from './outbound-engine';
import { openOutboundHarness, TARGET_TOKEN, targetDefinition, type OutboundHarness } from '../testing';

const userId = (i: number) => `u-${i}`;
const groupId = (g: number) => `g-${g}`;

async function byUserName(target: ScimTarget): Promise<Map<string, JsonObject>> {
  return new Map((await target.list('Users')).map((user) => [String(user['userName']), user]));
}

async function groupMembers(target: ScimTarget, displayName: string): Promise<string[] | undefined> {
  const group = (await target.list('Groups')).find((g) => g['displayName'] === displayName);
  return group && ((group['members'] as { value: string }[] | undefined) ?? []).map((m) => m.value).sort();
}

async function expectedMembers(target: ScimTarget, sourceUsers: string[]): Promise<string[]> {
  const users = await byUserName(target);
  return sourceUsers.map((id) => String(users.get(`${id}@example.com`)?.['id'])).sort();
}

describe.each([
  ['PATCH', true, 200, 20],
  ['PUT only', false, 30, 5],
])('outbound convergence to a scimmy target (%s, patch %s, %d users, %d groups)', (_label, patch, USERS, GROUPS) => {
  // Group g holds every user whose number is congruent to g modulo GROUPS.
  const membersOf = (g: number) => Array.from({ length: USERS }, (_, i) => i).filter((i) => i % GROUPS === g).map(userId);
  let harness: OutboundHarness;
  let target: ScimTarget;
  let engine: OutboundEngine;

  beforeAll(async () => {
    harness = await openOutboundHarness();
    target = await startScimTarget({ patch, token: TARGET_TOKEN });
  });
  afterAll(async () => {
    await harness.close();
    await target.stop();
  });

  it('provisions users and groups with memberships in the target ids', async () => {
    for (let i = 0; i < USERS; i++) {
      await harness.writer.createUser(userId(i), { userName: `${userId(i)}@example.com`, externalId: `ext-${i}`, name: { givenName: `G${i}`, familyName: 'F' } });
    }
    for (let g = 0; g < GROUPS; g++) await harness.writer.createGroup(groupId(g), `Group ${g}`, membersOf(g));
    // Streams that are not users or groups of the tenant are skipped.
    await harness.eventStore.appendToStream('default/Unique/userName/x', 'any', [
      { id: crypto.randomUUID(), type: 'UniqueValueClaimed', schemaVersion: 1, data: { owner: 'u-0' }, metadata: { tenant: 'default', time: new Date().toISOString() } },
    ]);
    await new (await import('../testing/identity-writer')).IdentityWriter(harness.eventStore, 'other').createUser('x', { userName: 'other@example.com' });
    harness.targets.set(targetDefinition({ id: 't1', baseUrl: target.baseUrl }));
    engine = (await harness.startEngine()).engine;

    // Polls the cheap counters, not the lists: serving a 200-user list costs scimmy more than a create.
    await until(async () => (await engine.status('t1')).lagEvents === 0 && (await target.stats()).userCreates === USERS, 'users and groups', 60_000, 20);
    for (let g = 0; g < GROUPS; g++) {
      await until(async () => JSON.stringify(await groupMembers(target, `Group ${g}`)) === JSON.stringify(await expectedMembers(target, membersOf(g))), `members of group ${g}`, 20_000, 50);
    }
    const alice = (await byUserName(target)).get('u-0@example.com');
    expect(alice).toMatchObject({ externalId: 'ext-0', name: { givenName: 'G0', familyName: 'F' }, active: true });
    expect((await target.stats()).userCreates).toBe(USERS);
    expect((await byUserName(target)).has('other@example.com')).toBe(false);
  });

  it('propagates a rename, a disable, a delete and a member removal', async () => {
    await harness.writer.updateUser(userId(1), { attribute: 'userName', value: 'renamed@example.com' }, { attribute: 'name', value: { givenName: 'New' } });
    await harness.writer.deactivateUser(userId(2));
    await harness.writer.deleteUser(userId(3));
    await harness.writer.removeMembers(groupId(4), [userId(4)]);
    await until(async () => {
      const users = await byUserName(target);
      return (
        users.get('renamed@example.com')?.['name'] !== undefined &&
        (users.get('renamed@example.com')?.['name'] as JsonObject)['givenName'] === 'New' &&
        !users.has('u-1@example.com') &&
        users.get('u-2@example.com')?.['active'] === false &&
        users.get('u-3@example.com')?.['active'] === false
      );
    }, 'rename, disable and deprovision (disable) of the deleted user', 20_000, 50);
    const remaining = membersOf(4).filter((id) => id !== userId(4));
    await until(async () => JSON.stringify(await groupMembers(target, 'Group 4')) === JSON.stringify(await expectedMembers(target, remaining)), 'member removal', 20_000, 50);
    expect(remaining.length).toBeLessThan(membersOf(4).length);
    expect((await target.stats()).userCreates).toBe(USERS);
  });

  it('stops delivering to a removed target; forget drops its state', async () => {
    harness.targets.remove('t1');
    await until(async () => !(await engine.status('t1').then(() => true, () => false)), 'target removed', 20_000, 50);
    await expect(engine.status('t1')).rejects.toThrow(UnknownTarget);
    await harness.writer.createUser('u-late', { userName: 'late@example.com' });
    const state = harness.openState();
    const cursor = await state.cursor('t1');
    expect(cursor).toBeDefined();
    await harness.eventStore.readAll();
    expect((await byUserName(target)).has('late@example.com')).toBe(false);
    harness.targets.set(targetDefinition({ id: 't1', baseUrl: target.baseUrl }));
    await until(async () => (await byUserName(target)).has('late@example.com'), 're-added target follows from its cursor', 20_000, 50);
    expect((await target.stats()).userCreates).toBe(USERS + 1);
  });

  it('changes nothing when the whole log is delivered again (idempotent)', async () => {
    const creates = async () => (({ userCreates, groupCreates }) => ({ userCreates, groupCreates }))(await target.stats());
    const before = await creates();
    const users = JSON.stringify([...(await byUserName(target)).values()].map((u) => ({ ...u, meta: undefined })));
    const state = harness.openState();
    const end = (await engine.status('t1')).cursor;
    // Rewind the cursor; changing the target restarts its loop, which re-reads the whole log from there.
    await state.saveCursor('t1', { commit: 0n, prepare: 0n });
    harness.targets.set(targetDefinition({ id: 't1', baseUrl: target.baseUrl, concurrency: 2 }));
    await until(async () => (await engine.status('t1')).cursor === end, 'whole log delivered again', 20_000, 50);
    expect(await creates()).toEqual(before);
    expect(JSON.stringify([...(await byUserName(target)).values()].map((u) => ({ ...u, meta: undefined })))).toBe(users);
  });
});
