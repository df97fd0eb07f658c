import { applyPatch, type JsonValue, type ResourceSchema } from '@scim-hub/scim';
import type { DeciderOptions } from '../decider-options';
import type { GroupEvent } from '../events/identity-event';
import { memberDeltaFromPatch } from '../members/member-delta';
import { membersForPatch } from '../members/patch-member-scope';
import { requireExisting, requireNonEmptyString, requireSameId, withIdOf } from '../util/guards';
import type { PatchGroup } from './group.commands';
import { groupChangeEvents } from './group-changes';
import type { GroupState } from './group.state';

/**
 * PATCH /Groups/{id} (RFC 7644 §3.5.2). The protocol lib sees the members the operations can touch —
 * only the named ones for Entra's member add/remove (O(named)), all of them otherwise — and the member
 * changes it reports are netted against the Map, so re-adding a member decides no event.
 */
export function patchGroup(command: PatchGroup, state: GroupState, schema: ResourceSchema, options: DeciderOptions = {}): GroupEvent[] {
  requireExisting(state, 'Group');
  const members = membersForPatch(state.members, command.operations);
  const current = { ...state.resource, members: members as unknown as JsonValue };
  const { resource: next, changes } = applyPatch(current, command.operations, schema, { strictSchema: options.strictSchema });
  requireSameId(state.resource, next);
  requireNonEmptyString(next, 'displayName');
  const delta = memberDeltaFromPatch(state.members, changes);
  return groupChangeEvents(state.resource, withIdOf(state.resource, next), delta);
}
