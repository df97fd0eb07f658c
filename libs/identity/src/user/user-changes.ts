import type { ScimResource } from '@scim-hub/scim';
import type { AttributeChange, UserEvent } from '../events/identity-event';
import { diffAttributes } from '../resource/attribute-changes';

// Deactivation and reactivation are facts of their own (docs/architecture.md; Entra soft-deletes with active=false,
// docs/entra-compatibility.md §50) so that outbound targets and audits see them without parsing UserUpdated.
function statusEvent(before: ScimResource, after: ScimResource): UserEvent | undefined {
  if (after['active'] === false && before['active'] !== false) return { type: 'UserDeactivated', data: {} };
  if (after['active'] === true && before['active'] === false) return { type: 'UserReactivated', data: {} };
  return undefined;
}

/**
 * The minimal events that turn `before` into `after`: one UserUpdated with every other changed attribute
 * (none when nothing changed), then UserDeactivated/UserReactivated when `active` flipped. An absent `active`
 * counts as active, so absent → false deactivates, while absent → true and false → absent are plain updates.
 */
export function userChangeEvents(before: ScimResource, after: ScimResource): UserEvent[] {
  const status = statusEvent(before, after);
  const changes: AttributeChange[] = diffAttributes(before, after).filter(
    (change) => !(status && change.attribute === 'active'),
  );
  const events: UserEvent[] = changes.length > 0 ? [{ type: 'UserUpdated', data: { changes } }] : [];
  return status ? [...events, status] : events;
}
