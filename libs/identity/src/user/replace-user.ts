import type { UserEvent } from '../events/identity-event';
import { withoutServerKeys } from '../resource/attribute-changes';
import { requireExisting, requireNonEmptyString, requireSameId, withIdOf } from '../util/guards';
import type { ReplaceUser } from './user.commands';
import { userChangeEvents } from './user-changes';
import type { UserState } from './user.state';

/** PUT /Users/{id} (RFC 7644 §3.5.1): recorded as the minimal diff, not as a whole new resource. */
export function replaceUser(command: ReplaceUser, state: UserState): UserEvent[] {
  requireExisting(state, 'User');
  requireSameId(state.resource, command.resource);
  const next = withIdOf(state.resource, withoutServerKeys(command.resource));
  requireNonEmptyString(next, 'userName');
  return userChangeEvents(state.resource, next);
}
