import type { UserEvent } from '../events/identity-event';
import { requireExisting } from '../util/guards';
import type { DeleteUser } from './user.commands';
import type { UserState } from './user.state';

/** DELETE /Users/{id} → UserDeleted, the stream's tombstone; a second delete is a 404 (RFC 7644 §3.6). */
export function deleteUser(_command: DeleteUser, state: UserState): UserEvent[] {
  requireExisting(state, 'User');
  return [{ type: 'UserDeleted', data: {} }];
}
