import type { MemberRef, PatchChange } from '@scim-hub/scim';

/** Net membership change of one command: members to add (not yet present) and values to remove (present). */
export interface MemberDelta {
  added: MemberRef[];
  removed: string[];
}

/**
 * Folds a PATCH's member changes into the net delta against the current members, without copying them:
 * adding a present member or removing an absent one is no change (Entra re-sends memberships — idempotent),
 * and "remove x, add x" in one request nets out.
 */
export function memberDeltaFromPatch(current: ReadonlyMap<string, MemberRef>, changes: readonly PatchChange[]): MemberDelta {
  const touched = new Map<string, MemberRef | undefined>();
  for (const c of changes) {
    if (c.kind === 'membersAdded') {
      for (const m of c.members) touchAsMember(touched, current, m);
    } else if (c.kind === 'membersRemoved') {
      for (const value of c.values) touched.set(value, undefined);
    }
  }
  return netDelta(current, touched);
}

/** The delta that turns the current members into `next` (a PUT's full member list); O(current + next). */
export function memberDeltaFromList(current: ReadonlyMap<string, MemberRef>, next: readonly MemberRef[]): MemberDelta {
  const touched = new Map<string, MemberRef | undefined>();
  for (const value of current.keys()) touched.set(value, undefined);
  for (const m of next) touchAsMember(touched, current, m);
  return netDelta(current, touched);
}

// The first reference to a value wins; an existing member keeps its stored reference.
function touchAsMember(touched: Map<string, MemberRef | undefined>, current: ReadonlyMap<string, MemberRef>, m: MemberRef): void {
  if (touched.get(m.value) === undefined) touched.set(m.value, current.get(m.value) ?? m);
}

function netDelta(current: ReadonlyMap<string, MemberRef>, touched: ReadonlyMap<string, MemberRef | undefined>): MemberDelta {
  const delta: MemberDelta = { added: [], removed: [] };
  for (const [value, ref] of touched) {
    if (ref && !current.has(value)) delta.added.push(ref);
    else if (!ref && current.has(value)) delta.removed.push(value);
  }
  return delta;
}
