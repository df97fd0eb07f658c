import type { ScimResource } from '@scim-hub/scim';
import type { GroupEvent } from '../events/identity-event';
import { addMembersInPlace, removeMembersInPlace, toMemberMap, type MemberMap } from '../members/member-map';
import { applyIdentityEvent } from '../resource/apply-identity-event';
import { assertNever } from '../util/assert-never';

/**
 * A Group stream's state: the canonical resource without `members` and without `meta`, and the members in
 * a Map keyed by `memberKey(value)` (lower-cased member value). The stream revision is not here: the event store owns it.
 */
export type GroupState =
  | { exists: false; deleted: boolean }
  | { exists: true; deleted: false; resource: ScimResource; members: MemberMap };

/** The state of a Group stream with no events. */
export function initialGroupState(): GroupState {
  return { exists: false, deleted: false };
}

function created(event: Extract<GroupEvent, { type: 'GroupCreated' }>): GroupState {
  // The members go into the Map; the resource is built by the one shared definition, without them.
  const withoutMembers: GroupEvent = { ...event, data: { ...event.data, members: [] } };
  const resource = applyIdentityEvent(undefined, withoutMembers) ?? {};
  return { exists: true, deleted: false, resource, members: toMemberMap(event.data.members) };
}

/**
 * Applies one Group event. Member deltas MUTATE `state.members` in place and hand the same Map to the
 * returned state, so adding 100 members to a 50,000-member group costs 100 Map writes, not a copy. The
 * price: `evolve` takes ownership of the state it is given — do not keep using a state after evolving it
 * (folding a stream, as the application layer and `given/when/then` do, never does).
 */
export function evolveGroup(state: GroupState, event: GroupEvent): GroupState {
  if (event.type === 'GroupCreated') return created(event);
  if (!state.exists) return state;
  switch (event.type) {
    case 'GroupUpdated':
      return { ...state, resource: applyIdentityEvent(state.resource, event) ?? state.resource };
    case 'GroupMembersAdded':
      addMembersInPlace(state.members, event.data.members);
      return { ...state };
    case 'GroupMembersRemoved':
      removeMembersInPlace(state.members, event.data.values);
      return { ...state };
    case 'GroupDeleted':
      return { exists: false, deleted: true };
    default:
      return assertNever(event);
  }
}
