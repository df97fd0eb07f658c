import type { MemberRef } from '@scim-hub/scim';

/**
 * A group's members keyed by `memberKey(value)`, so that one membership change costs O(1) on a
 * 50,000-member group. The stored MemberRef keeps the value as it was sent.
 */
export type MemberMap = Map<string, MemberRef>;

/**
 * The key of a member value: lower-cased, because the Group schema declares `members.value` caseExact
 * false (RFC 7643 §8.7.1) and the protocol lib matches PATCH member values that way; PUT, PATCH and
 * evolve must agree on what "the same member" is.
 */
export function memberKey(value: string): string {
  return value.toLowerCase();
}

/** Builds a MemberMap; the first reference to a value wins, later duplicates are ignored. */
export function toMemberMap(members: readonly MemberRef[]): MemberMap {
  const map: MemberMap = new Map();
  addMembersInPlace(map, members);
  return map;
}

/** Adds members that are not yet in `map`, mutating it (the caller owns the map). */
export function addMembersInPlace(map: MemberMap, members: readonly MemberRef[]): void {
  for (const member of members) {
    const key = memberKey(member.value);
    if (!map.has(key)) map.set(key, member);
  }
}

/** Removes the given member values from `map`, mutating it (the caller owns the map). */
export function removeMembersInPlace(map: MemberMap, values: readonly string[]): void {
  for (const value of values) map.delete(memberKey(value));
}

/** The first reference per member value, in input order. */
export function uniqueMembers(members: readonly MemberRef[]): MemberRef[] {
  return [...toMemberMap(members).values()];
}
