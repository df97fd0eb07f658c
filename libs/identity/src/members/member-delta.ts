import type { MemberRef, PatchChange } from '@scim-hub/scim';
import { memberKey } from './member-map';

/** Net membership change of one command: members to add (not yet present) and values to remove (present). */
export interface MemberDelta {
  added: MemberRef[];
  removed: string[];
}

type Touched = Map<string, MemberRef | undefined>;

// The first reference to a value wins; an existing member keeps its stored reference.
function touchAsMember(touched: Touched, current: ReadonlyMap<string, MemberRef>, m: MemberRef): void {
  const key = memberKey(m.value);
  if (touched.get(key) === undefined) touched.set(key, current.get(key) ?? m);
}

function netDelta(current: ReadonlyMap<string, MemberRef>, touched: Touched): MemberDelta {
  const delta: MemberDelta = { added: [], removed: [] };
  for (const [key, ref] of touched) {
    const stored = current.get(key);
    if (ref && !stored) delta.added.push(ref);
    else if (!ref && stored) delta.removed.push(stored.value);
  }
  return delta;
}

/**
 * Folds a PATCH's member changes into the net delta against the current members, without copying them:
 * adding a present member or removing an absent one is no change (Entra re-sends memberships — idempotent),
 * "remove x, add x" nets out, and so does the protocol lib's remove+add for a changed `display`.
 */
export function memberDeltaFromPatch(current: ReadonlyMap<string, MemberRef>, changes: readonly PatchChange[]): MemberDelta {
  const touched: Touched = new Map();
  for (const c of changes) {
    if (c.kind === 'membersAdded') for (const m of c.members) touchAsMember(touched, current, m);
    else if (c.kind === 'membersRemoved') for (const value of c.values) touched.set(memberKey(value), undefined);
  }
  return netDelta(current, touched);
}

/** The delta that turns the current members into `next` (a PUT's full member list); O(current + next). */
export function memberDeltaFromList(current: ReadonlyMap<string, MemberRef>, next: readonly MemberRef[]): MemberDelta {
  const touched: Touched = new Map();
  for (const key of current.keys()) touched.set(key, undefined);
  for (const m of next) touchAsMember(touched, current, m);
  return netDelta(current, touched);
}
