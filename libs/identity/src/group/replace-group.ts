import type { GroupEvent } from '../events/identity-event';
import { memberDeltaFromList } from '../members/member-delta';
import { withoutServerKeys } from '../resource/attribute-changes';
import { requireExisting, requireNonEmptyString, requireSameId, withIdOf } from '../util/guards';
import type { ReplaceGroup } from './group.commands';
import { groupChangeEvents, membersIn, withoutMembers } from './group-changes';
import type { GroupState } from './group.state';

/** PUT /Groups/{id} (RFC 7644 §3.5.1): the full member list becomes add/remove deltas against the current one. */
export function replaceGroup(command: ReplaceGroup, state: GroupState): GroupEvent[] {
  requireExisting(state, 'Group');
  requireSameId(state.resource, command.resource);
  const full = withoutServerKeys(command.resource);
  const next = withIdOf(state.resource, withoutMembers(full));
  requireNonEmptyString(next, 'displayName');
  return groupChangeEvents(state.resource, next, memberDeltaFromList(state.members, membersIn(full)));
}
