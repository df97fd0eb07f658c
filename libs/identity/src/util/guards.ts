import { invalidValue, mutability, notFound, uniqueness, type ScimResource } from '@scim-hub/scim';

type ResourceType = 'User' | 'Group';

/** Refuses a command on a stream that has no live resource: never created, or deleted (RFC 7644 §3.6: then 404). */
export function requireExisting<S extends { exists: boolean }>(
  state: S,
  resourceType: ResourceType,
): asserts state is Extract<S, { exists: true }> {
  if (!state.exists) throw notFound(`${resourceType} not found`);
}

/**
 * Refuses a create on a stream that already holds (or held) a resource. Ids are server-assigned and never
 * reused, so the only legitimate repeat is a retry of the same create, which decides nothing (idempotent).
 */
export function isRepeatedCreate<S extends { exists: boolean; deleted: boolean }>(
  state: S,
  resourceType: ResourceType,
  id: string,
  sameAsExisting: (existing: Extract<S, { exists: true }>) => boolean,
): boolean {
  if (!state.exists && !state.deleted) return false;
  if (state.exists && sameAsExisting(state as Extract<S, { exists: true }>)) return true;
  throw uniqueness(`${resourceType} id ${id} is already taken`);
}

/** RFC 7643 §3.1: `id` is readOnly; a PUT/PATCH that carries a different id is refused. */
export function requireSameId(current: ScimResource, next: ScimResource): void {
  if (next.id !== undefined && next.id !== current.id) throw mutability('Attribute id is readOnly and cannot be changed');
}

/** The resource's required string attribute (`userName`, `displayName`; RFC 7643 §4.1, §4.2), non-empty. */
export function requireNonEmptyString(resource: ScimResource, attribute: string): string {
  const value = resource[attribute];
  if (typeof value !== 'string' || value.trim() === '') throw invalidValue(`Attribute ${attribute} is required`);
  return value;
}

/** `next` carrying the current resource's id (a PUT body may omit it; RFC 7644 §3.5.1). */
export function withIdOf(current: ScimResource, next: ScimResource): ScimResource {
  const { id: _id, ...rest } = next;
  return current.id === undefined ? rest : { ...rest, id: current.id };
}
