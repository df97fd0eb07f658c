// The stored document of a resource: the canonical resource without `members` (kept as rows, so that
// member deltas never rewrite a group) and without `meta` (built by the HTTP layer from the row).
import { applyIdentityEvent, type IdentityEvent } from '@scim-hub/identity';
import type { ScimResource } from '@scim-hub/scim';

type CreatedEvent = Extract<IdentityEvent, { type: 'UserCreated' | 'GroupCreated' }>;

/** The stored document of a newly created resource. */
export function createdDocument(event: CreatedEvent): ScimResource {
  return storedDocument({ ...event.data.resource, id: event.data.id });
}

/** Applies an attribute event with the domain's own evolve step, so the read model never re-implements it. */
export function applyToDocument(doc: ScimResource, event: IdentityEvent): ScimResource {
  return storedDocument(applyIdentityEvent(doc, event) ?? doc);
}

function storedDocument(resource: ScimResource): ScimResource {
  const { members: _members, meta: _meta, ...rest } = resource;
  return rest as ScimResource;
}
