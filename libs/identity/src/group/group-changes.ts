import { invalidValue, type MemberRef, type ScimResource } from '@scim-hub/scim';
import type { GroupEvent } from '../events/identity-event';
import type { MemberDelta } from '../members/member-delta';
import { memberKey } from '../members/member-map';
import { diffAttributes } from '../resource/attribute-changes';

const MEMBERS: ReadonlySet<string> = new Set(['members']);

/** A group's `members` as given in a (normalised) resource; anything but an array means none. */
export function membersIn(resource: ScimResource): MemberRef[] {
  const members = resource['members'];
  return Array.isArray(members) ? (members as unknown as MemberRef[]) : [];
}

/** The resource without `members`: the group state and GroupCreated keep members apart (as deltas / a Map). */
export function withoutMembers(resource: ScimResource): ScimResource {
  const { members: _members, ...rest } = resource;
  return rest;
}

/** A group cannot contain itself: that membership would make every nested-group expansion loop. */
export function refuseSelfMembership(groupId: string | undefined, members: readonly MemberRef[]): void {
  const self = groupId === undefined ? undefined : memberKey(groupId);
  if (members.some((m) => memberKey(m.value) === self)) throw invalidValue('A group cannot be a member of itself');
}

/**
 * The minimal events for a group change: GroupUpdated with the non-member attribute changes, then the
 * member deltas (never the whole list — docs/architecture.md). Nothing changed → no events.
 */
export function groupChangeEvents(before: ScimResource, after: ScimResource, delta: MemberDelta): GroupEvent[] {
  refuseSelfMembership(before.id, delta.added);
  const changes = diffAttributes(before, after, MEMBERS);
  const events: GroupEvent[] = [];
  if (changes.length > 0) events.push({ type: 'GroupUpdated', data: { changes } });
  if (delta.removed.length > 0) events.push({ type: 'GroupMembersRemoved', data: { values: delta.removed } });
  if (delta.added.length > 0) events.push({ type: 'GroupMembersAdded', data: { members: delta.added } });
  return events;
}
