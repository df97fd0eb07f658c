import type { GroupEvent } from '../events/identity-event';
import { memberKey, uniqueMembers } from '../members/member-map';
import { withoutServerKeys } from '../resource/attribute-changes';
import { jsonEqual } from '../resource/json-equal';
import { isRepeatedCreate, requireNonEmptyString } from '../util/guards';
import type { CreateGroup } from './group.commands';
import { membersIn, refuseSelfMembership, withoutMembers } from './group-changes';
import type { GroupState } from './group.state';

/** POST /Groups → GroupCreated carrying the initial members (Entra creates groups empty, docs/entra-compatibility.md §32). */
export function createGroup(command: CreateGroup, state: GroupState): GroupEvent[] {
  const full = withoutServerKeys(command.resource);
  const resource = withoutMembers(full);
  const members = uniqueMembers(membersIn(full));
  requireNonEmptyString(resource, 'displayName');
  refuseSelfMembership(command.id, members);
  const repeated = isRepeatedCreate(state, 'Group', command.id, (existing) =>
    jsonEqual(existing.resource, { ...resource, id: command.id }) &&
    existing.members.size === members.length &&
    members.every((m) => existing.members.has(memberKey(m.value))),
  );
  return repeated ? [] : [{ type: 'GroupCreated', data: { id: command.id, resource, members } }];
}
