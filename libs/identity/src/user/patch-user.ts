import { applyPatch, type ResourceSchema } from '@scim-hub/scim';
import type { DeciderOptions } from '../decider-options';
import type { UserEvent } from '../events/identity-event';
import { requireExisting, requireNonEmptyString, requireSameId, withIdOf } from '../util/guards';
import type { PatchUser } from './user.commands';
import { userChangeEvents } from './user-changes';
import type { UserState } from './user.state';

/**
 * PATCH /Users/{id} (RFC 7644 §3.5.2): the protocol lib applies the operations; the domain records the
 * net difference, so a PATCH that changes nothing (Entra re-sends unchanged values) decides no events.
 */
export function patchUser(command: PatchUser, state: UserState, schema: ResourceSchema, options: DeciderOptions = {}): UserEvent[] {
  requireExisting(state, 'User');
  const { resource: next } = applyPatch(state.resource, command.operations, schema, { strictSchema: options.strictSchema });
  requireSameId(state.resource, next);
  requireNonEmptyString(next, 'userName');
  return userChangeEvents(state.resource, withIdOf(state.resource, next));
}
