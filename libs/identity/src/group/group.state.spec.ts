import type { MemberRef } from '@scim-hub/scim';
import { foldEvents } from '../decider';
import type { GroupEvent } from '../events/identity-event';
import { groupCreated, member } from '../testing/fixtures/identity.fixtures';
import { groupDecider } from './group.decider';
import type { GroupState } from './group.state';

/** A Map that counts writes and whole-map reads, so the test can assert complexity instead of time. */
class CountingMap extends Map<string, MemberRef> {
  writes = 0;
  fullReads = 0;
  override set(key: string, value: MemberRef): this {
    this.writes++;
    return super.set(key, value);
  }
  override delete(key: string): boolean {
    this.writes++;
    return super.delete(key);
  }
  override values(): MapIterator<MemberRef> {
    this.fullReads++;
    return super.values();
  }
  override entries(): MapIterator<[string, MemberRef]> {
    this.fullReads++;
    return super.entries();
  }
  override [Symbol.iterator](): MapIterator<[string, MemberRef]> {
    this.fullReads++;
    return super[Symbol.iterator]();
  }
}

const decider = groupDecider();
const MEMBERS = 50_000;

function bigGroup(): { state: Extract<GroupState, { exists: true }>; map: CountingMap } {
  const members = Array.from({ length: MEMBERS }, (_, i) => member(`u${i}`));
  const state = foldEvents(decider, [groupCreated(members)]);
  if (!state.exists) throw new Error('group not created');
  const map = new CountingMap(state.members);
  map.writes = 0;
  return { state: { ...state, members: map }, map };
}

describe('Group evolve on a 50,000-member group', () => {
  it('adds 100 members with 100 Map writes on the same Map: no copy, no full scan', () => {
    const { state, map } = bigGroup();
    const events: GroupEvent[] = Array.from({ length: 100 }, (_, i) => ({
      type: 'GroupMembersAdded',
      data: { members: [member(`new${i}`)] },
    }));
    const after = foldEvents(decider, events, state as GroupState);
    expect(after.exists && after.members).toBe(map);
    expect(map.size).toBe(MEMBERS + 100);
    expect(map.writes).toBe(100);
    expect(map.fullReads).toBe(0);
  });

  it('removes members with one write each and ignores members it does not have', () => {
    const { state, map } = bigGroup();
    const after = decider.evolve(state, { type: 'GroupMembersRemoved', data: { values: ['u1', 'u2', 'nobody'] } });
    expect(after.exists && after.members).toBe(map);
    expect(map.size).toBe(MEMBERS - 2);
    expect(map.writes).toBe(3);
    expect(map.fullReads).toBe(0);
  });

  it('leaves the member Map alone on a rename', () => {
    const { state, map } = bigGroup();
    const after = decider.evolve(state, { type: 'GroupUpdated', data: { changes: [{ attribute: 'displayName', value: 'All' }] } });
    expect(after.exists && after.members).toBe(map);
    expect(after.exists && after.resource['displayName']).toBe('All');
    expect(map.writes + map.fullReads).toBe(0);
  });

  it('decides Entra member adds and removes by looking up only the named members (no full scan)', () => {
    const { state, map } = bigGroup();
    const add = { op: 'Add', path: 'members', value: [{ value: 'u7' }, { value: 'fresh' }] };
    const remove = { op: 'Remove', path: 'members', value: [{ value: 'u8' }] };
    const events = decider.decide({ type: 'PatchGroup', operations: [add, remove] }, state);
    expect(events).toEqual([
      { type: 'GroupMembersRemoved', data: { values: ['u8'] } },
      { type: 'GroupMembersAdded', data: { members: [member('fresh')] } },
    ]);
    expect(map.fullReads).toBe(0);
    expect(map.writes).toBe(0);
    expect(map.size).toBe(MEMBERS);
  });
});
