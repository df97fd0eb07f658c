import type { JsonValue, MemberRef, ScimResource } from '@scim-hub/scim';
import type { IdentityEvent } from '../events/identity-event';
import { addMembersInPlace, removeMembersInPlace, toMemberMap, type MemberMap } from '../members/member-map';
import { assertNever } from '../util/assert-never';
import { applyAttributeChanges } from './attribute-changes';

const membersOf = (resource: ScimResource): MemberRef[] =>
  Array.isArray(resource['members']) ? (resource['members'] as unknown as MemberRef[]) : [];

// RFC 7643 §2.5: an empty multi-valued attribute is equivalent to an unassigned one, so `members`
// is absent rather than `[]` (the HTTP layer may still render `"members": []` for Entra, docs/entra-compatibility.md §32).
function withMembers(resource: ScimResource, members: Iterable<MemberRef>): ScimResource {
  const { members: _old, ...rest } = resource;
  const list = [...members];
  return list.length > 0 ? { ...rest, members: list as unknown as JsonValue } : rest;
}

function changeMembers(resource: ScimResource, change: (map: MemberMap) => void): ScimResource {
  const map = toMemberMap(membersOf(resource));
  change(map);
  return withMembers(resource, map.values());
}

/**
 * Applies one identity event to a stored resource document and returns the next document (the input
 * is not modified); `undefined` means "does not exist". This is the only definition of what an event
 * does to a resource: the deciders' `evolve` and the read-model projection both use it. Member events
 * here copy the `members` array (O(members)); the group decider keeps members in a Map instead.
 */
export function applyIdentityEvent(resource: ScimResource | undefined, event: IdentityEvent): ScimResource | undefined {
  switch (event.type) {
    case 'UserCreated':
      return { ...event.data.resource, id: event.data.id };
    case 'GroupCreated':
      return withMembers({ ...event.data.resource, id: event.data.id }, event.data.members);
    case 'UserUpdated':
    case 'GroupUpdated':
      return resource && applyAttributeChanges(resource, event.data.changes);
    case 'UserDeactivated':
      return resource && { ...resource, active: false };
    case 'UserReactivated':
      return resource && { ...resource, active: true };
    case 'GroupMembersAdded':
      return resource && changeMembers(resource, (map) => addMembersInPlace(map, event.data.members));
    case 'GroupMembersRemoved':
      return resource && changeMembers(resource, (map) => removeMembersInPlace(map, event.data.values));
    case 'UserDeleted':
    case 'GroupDeleted':
      return undefined;
    default:
      return assertNever(event);
  }
}
