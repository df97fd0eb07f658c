import type { MemberRef } from '@scim-hub/scim';

/**
 * A group's members keyed by `value` (the member's resource id, case-exact like every id — RFC 7643 §3.1).
 * A Map so that one membership change costs O(1) on a 50,000-member group.
 */
export type MemberMap = Map<string, MemberRef>;

/** Builds a MemberMap; the first reference to a value wins, later duplicates are ignored. */
export function toMemberMap(members: readonly MemberRef[]): MemberMap {
  const map: MemberMap = new Map();
  addMembersInPlace(map, members);
  return map;
}

/** Adds members that are not yet in `map`, mutating it (the caller owns the map). */
export function addMembersInPlace(map: MemberMap, members: readonly MemberRef[]): void {
  for (const member of members) if (!map.has(member.value)) map.set(member.value, member);
}

/** Removes the given member values from `map`, mutating it (the caller owns the map). */
export function removeMembersInPlace(map: MemberMap, values: readonly string[]): void {
  for (const value of values) map.delete(value);
}

/** The first reference per member value, in input order. */
export function uniqueMembers(members: readonly MemberRef[]): MemberRef[] {
  return [...toMemberMap(members).values()];
}
