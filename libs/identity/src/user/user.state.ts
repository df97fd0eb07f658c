import type { ScimResource } from '@scim-hub/scim';
import type { UserEvent } from '../events/identity-event';
import { applyIdentityEvent } from '../resource/apply-identity-event';

/**
 * A User stream's state: the canonical resource (with `id`, without `meta`) while it exists.
 * The stream revision is not here: the event store owns it (ETag = revision, docs/architecture.md).
 */
export type UserState =
  | { exists: false; deleted: boolean }
  | { exists: true; deleted: false; resource: ScimResource };

/** The state of a User stream with no events. */
export function initialUserState(): UserState {
  return { exists: false, deleted: false };
}

/** Applies one User event; the resource changes exactly as `applyIdentityEvent` says. */
export function evolveUser(state: UserState, event: UserEvent): UserState {
  const resource = applyIdentityEvent(state.exists ? state.resource : undefined, event);
  if (resource) return { exists: true, deleted: false, resource };
  return event.type === 'UserDeleted' ? { exists: false, deleted: true } : state;
}
