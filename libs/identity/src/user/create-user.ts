import type { UserEvent } from '../events/identity-event';
import { withoutServerKeys } from '../resource/attribute-changes';
import { jsonEqual } from '../resource/json-equal';
import { isRepeatedCreate, requireNonEmptyString } from '../util/guards';
import type { CreateUser } from './user.commands';
import type { UserState } from './user.state';

/** POST /Users → UserCreated; a retried create with the same content decides nothing. */
export function createUser(command: CreateUser, state: UserState): UserEvent[] {
  const resource = withoutServerKeys(command.resource);
  requireNonEmptyString(resource, 'userName');
  const created = { ...resource, id: command.id };
  if (isRepeatedCreate(state, 'User', command.id, (existing) => jsonEqual(existing.resource, created))) return [];
  return [{ type: 'UserCreated', data: { id: command.id, resource } }];
}
