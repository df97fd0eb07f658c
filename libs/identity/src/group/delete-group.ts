import type { GroupEvent } from '../events/identity-event';
import { requireExisting } from '../util/guards';
import type { DeleteGroup } from './group.commands';
import type { GroupState } from './group.state';

/** DELETE /Groups/{id} → GroupDeleted, the stream's tombstone; a second delete is a 404 (RFC 7644 §3.6). */
export function deleteGroup(_command: DeleteGroup, state: GroupState): GroupEvent[] {
  requireExisting(state, 'Group');
  return [{ type: 'GroupDeleted', data: {} }];
}
