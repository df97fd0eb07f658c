import type { StreamCondition } from '@scim-hub/event-store';
import { resourceStreamId, type IdentityEvent } from '@scim-hub/identity';
import { invalidValue, type MemberRef } from '@scim-hub/scim';
import type { ResourceType } from './identity-streams';

/**
 * The most member streams one append holds as conditions. On PostgreSQL each is an advisory lock, and the lock table
 * is shared by every session and bounded (max_locks_per_transaction × connections); a larger add is checked member by
 * member and re-checked after the append instead (docs/operations.md).
 */
export const MAX_MEMBER_CONDITIONS = 256;

const PARALLEL_LOADS = 16;

/** A member stream as the write side sees it: does the resource exist, and at which revision. */
export type MemberStreamLoader = (streamId: string, type: ResourceType) => Promise<{ exists: boolean; revision: number }>;

/** A member stream the append depends on, and the member it holds. */
export interface MemberCondition extends StreamCondition {
  member: string;
  type: ResourceType;
}

/** The group's events with every added member's `type` filled in, and the member streams the append depends on. */
export interface CheckedMembers {
  events: IdentityEvent[];
  conditions: MemberCondition[];
}

interface Found {
  type: ResourceType;
  value: string;
  condition: MemberCondition;
}

const addedMembers = (events: IdentityEvent[]): MemberRef[] =>
  events.flatMap((e) => (e.type === 'GroupCreated' || e.type === 'GroupMembersAdded' ? e.data.members : []));

async function locate(tenant: string, member: MemberRef, load: MemberStreamLoader): Promise<Found> {
  const types: ResourceType[] = member.type ? [member.type] : ['User', 'Group'];
  // members.value is not caseExact (RFC 7643 §4.2 schema): a client may upper-case the (lower-case) id it was given.
  const spellings = member.value === member.value.toLowerCase() ? [member.value] : [member.value, member.value.toLowerCase()];
  for (const value of spellings) {
    for (const type of types) {
      const streamId = resourceStreamId(tenant, type, value);
      const { exists, revision } = await load(streamId, type);
      if (exists) return { type, value, condition: { streamId, expectedRevision: revision, member: value, type } };
    }
  }
  throw invalidValue(`Member '${member.value}' is not a ${member.type ?? 'User or Group'} of this tenant`);
}

async function locateAll(tenant: string, members: MemberRef[], load: MemberStreamLoader): Promise<Map<string, Found>> {
  const found = new Map<string, Found>();
  const unique = [...new Map(members.map((m) => [m.value, m])).values()];
  for (let i = 0; i < unique.length; i += PARALLEL_LOADS) {
    const chunk = unique.slice(i, i + PARALLEL_LOADS);
    const located = await Promise.all(chunk.map((m) => locate(tenant, m, load)));
    chunk.forEach((m, j) => found.set(m.value, located[j]));
  }
  return found;
}

function withTypes(events: IdentityEvent[], found: Map<string, Found>): IdentityEvent[] {
  const canonical = (m: MemberRef): MemberRef => {
    const { type, value } = found.get(m.value) as Found;
    return { ...m, value, type };
  };
  return events.map((e) => {
    if (e.type === 'GroupCreated') return { ...e, data: { ...e.data, members: e.data.members.map(canonical) } };
    if (e.type === 'GroupMembersAdded') return { ...e, data: { members: e.data.members.map(canonical) } };
    return e;
  });
}

/**
 * Group members must be Users or Groups of the caller's tenant (streams are per tenant, so another tenant's id is
 * simply not found): every member a group's events add is looked up in the event store — not the read model, which
 * may lag — and refused with 400 invalidValue naming it when it does not exist or is deleted. The member streams'
 * revisions come back as append conditions: a delete of a member that commits between this check and the append
 * makes the append fail with a conflict, and the writer decides again (and refuses); a delete after it is ordered
 * after the add in the log, so the projection's "deleted resource leaves its groups" removes the membership. This
 * is the store's transaction doing the work, not a re-check, so it holds for any interleaving; where the store has
 * no such transaction the writer re-checks after the append instead (vanishedMembers).
 */
export async function checkMembers(tenant: string, events: IdentityEvent[], load: MemberStreamLoader): Promise<CheckedMembers> {
  const members = addedMembers(events);
  if (members.length === 0) return { events, conditions: [] };
  const found = await locateAll(tenant, members, load);
  const conditions = [...new Map([...found.values()].map((f) => [f.condition.streamId, f.condition])).values()];
  return { events: withTypes(events, found), conditions };
}

/** The members whose resource no longer exists (deleted since `checkMembers` found them). */
export async function vanishedMembers(conditions: MemberCondition[], load: MemberStreamLoader): Promise<string[]> {
  const vanished: string[] = [];
  for (let i = 0; i < conditions.length; i += PARALLEL_LOADS) {
    const chunk = conditions.slice(i, i + PARALLEL_LOADS);
    const states = await Promise.all(chunk.map((c) => load(c.streamId, c.type)));
    chunk.forEach((c, j) => states[j].exists || vanished.push(c.member));
  }
  return vanished;
}
