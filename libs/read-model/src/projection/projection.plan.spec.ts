import { IdentityEventLog } from '../testing/identity-event-log';
import { group, user } from '../testing/read-model.fixtures';
import { planProjection, resourcesToLoad, type CurrentResource } from './projection.plan';
import { parseResourceStreamId } from './resource-key';

const loadedGroup = (version: number): Map<string, CurrentResource> =>
  new Map([['acme/Group/g1', { doc: { id: 'g1', displayName: 'G' }, version, created: 'c', lastModified: 'm' }]]);

describe('parseResourceStreamId', () => {
  it('accepts User and Group streams of any tenant and nothing else', () => {
    expect(parseResourceStreamId('acme/User/123')).toEqual({ tenant: 'acme', resourceType: 'User', id: '123' });
    expect(parseResourceStreamId('t-2/Group/a/b')).toEqual({ tenant: 't-2', resourceType: 'Group', id: 'a/b' });
    expect(parseResourceStreamId('acme/Unique/userName/alice')).toBeUndefined();
    expect(parseResourceStreamId('User/123')).toBeUndefined();
  });
});

describe('planProjection', () => {
  it('member deltas of an existing group become delta writes plus a touch of the group row, never an upsert', () => {
    const log = new IdentityEventLog();
    log.record('acme', 'Group', 'g1', { type: 'GroupCreated', data: { id: 'g1', resource: group('G'), members: [] } });
    const added = log.record('acme', 'Group', 'g1', { type: 'GroupMembersAdded', data: { members: [{ value: 'u1' }] } });
    const removed = log.record('acme', 'Group', 'g1', { type: 'GroupMembersRemoved', data: { values: ['u0'] } });

    const plan = planProjection([added, removed], log.events[0].position, loadedGroup(0));
    expect(plan.members).toEqual([
      { kind: 'add', tenant: 'acme', groupId: 'g1', members: [{ value: 'u1' }] },
      { kind: 'remove', tenant: 'acme', groupId: 'g1', values: ['u0'] },
    ]);
    expect(plan.resources).toEqual([
      { kind: 'touch', key: { tenant: 'acme', resourceType: 'Group', id: 'g1' }, version: 2, lastModified: removed.metadata.time },
    ]);
    expect(plan.checkpoint).toEqual(removed.position);
  });

  it('skips events at or before the checkpoint and revisions the row already has', () => {
    const log = new IdentityEventLog();
    log.record('acme', 'Group', 'g1', { type: 'GroupCreated', data: { id: 'g1', resource: group('G'), members: [] } });
    log.record('acme', 'Group', 'g1', { type: 'GroupMembersAdded', data: { members: [{ value: 'u1' }] } });

    expect(planProjection(log.events, log.events[1].position, loadedGroup(1))).toEqual({ members: [], resources: [], checkpoint: undefined });
    const guarded = planProjection(log.events, undefined, loadedGroup(1));
    expect(guarded.members).toEqual([]);
    expect(guarded.resources).toEqual([]);
    expect(guarded.checkpoint).toEqual(log.events[1].position);
    expect(resourcesToLoad(log.events, log.events[1].position)).toEqual([]);
  });

  it('folds create and updates of one resource in a batch into one upsert; deletes leave every group', () => {
    const log = new IdentityEventLog();
    log.record('acme', 'User', 'u1', { type: 'UserCreated', data: { id: 'u1', resource: user('alice') } });
    log.record('acme', 'User', 'u1', { type: 'UserDeactivated', data: {} });
    log.record('acme', 'User', 'u2', { type: 'UserCreated', data: { id: 'u2', resource: user('bob') } });
    log.record('acme', 'User', 'u2', { type: 'UserDeleted', data: {} });
    log.record('acme', 'User', 'u2', { type: 'UserDeactivated', data: {} });

    const plan = planProjection(log.events, undefined, new Map());
    expect(plan.members).toEqual([{ kind: 'leaveAllGroups', tenant: 'acme', memberId: 'u2' }]);
    expect(plan.resources).toEqual([
      {
        kind: 'upsert',
        key: { tenant: 'acme', resourceType: 'User', id: 'u1' },
        resource: { doc: { ...user('alice'), id: 'u1', active: false }, version: 1, created: log.events[0].metadata.time, lastModified: log.events[1].metadata.time },
      },
      { kind: 'delete', key: { tenant: 'acme', resourceType: 'User', id: 'u2' } },
    ]);
  });

  it('ignores updates of a resource it never saw created, and other streams, but advances the checkpoint', () => {
    const log = new IdentityEventLog();
    log.record('acme', 'User', 'ghost', { type: 'UserDeactivated', data: {} });
    const other = log.raw('acme', 'acme/Unique/userName/x', 'UniqueValueClaimed', 1, { owner: 'u' });
    expect(planProjection(log.events, undefined, new Map())).toEqual({ members: [], resources: [], checkpoint: other.position });
  });

  it('stores a deleted group without its own rows and removes it from other groups', () => {
    const log = new IdentityEventLog();
    log.record('acme', 'Group', 'g1', { type: 'GroupCreated', data: { id: 'g1', resource: group('G'), members: [] } });
    const deleted = log.record('acme', 'Group', 'g1', { type: 'GroupDeleted', data: {} });
    const plan = planProjection([deleted], log.events[0].position, loadedGroup(0));
    expect(plan.members).toEqual([
      { kind: 'clearGroup', tenant: 'acme', groupId: 'g1' },
      { kind: 'leaveAllGroups', tenant: 'acme', memberId: 'g1' },
    ]);
    expect(plan.resources).toEqual([{ kind: 'delete', key: { tenant: 'acme', resourceType: 'Group', id: 'g1' } }]);
  });

  it('keeps members and meta out of the stored document', () => {
    const log = new IdentityEventLog();
    const resource = { ...group('G'), members: [{ value: 'x' }], meta: { resourceType: 'Group' } };
    log.record('acme', 'Group', 'g1', { type: 'GroupCreated', data: { id: 'g1', resource, members: [{ value: 'u1' }] } });
    const plan = planProjection(log.events, undefined, new Map());
    expect(plan.resources[0]).toMatchObject({ kind: 'upsert', resource: { doc: { ...group('G'), id: 'g1' } } });
    expect(plan.members).toEqual([{ kind: 'add', tenant: 'acme', groupId: 'g1', members: [{ value: 'u1' }] }]);
  });
});
