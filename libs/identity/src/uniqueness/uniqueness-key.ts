import type { ScimResource } from '@scim-hub/scim';

/** Which per-tenant unique value a reservation stream guards. */
export type UniqueKind = 'userName' | 'displayName';

/** One unique value of a resource: `key` is the lower-cased form the reservation is made on, `value` as sent. */
export interface UniquenessKey {
  kind: UniqueKind;
  key: string;
  value: string;
}

// docs/architecture.md: userName is unique per tenant, case-insensitively (RFC 7643 §4.1: caseExact false,
// uniqueness server). docs/entra-compatibility.md §33: Entra needs group displayName unique too.
const UNIQUE_ATTRIBUTE: Record<'User' | 'Group', UniqueKind> = { User: 'userName', Group: 'displayName' };

/**
 * The unique values a resource holds (none for a missing or deleted resource). Lower-casing, not
 * locale folding, so that it agrees with the read model's case-insensitive `eq` (SQL lower()).
 */
export function uniquenessKeys(resourceType: 'User' | 'Group', resource: ScimResource | undefined): UniquenessKey[] {
  const kind = UNIQUE_ATTRIBUTE[resourceType];
  const value = resource?.[kind];
  if (typeof value !== 'string' || value === '') return [];
  return [{ kind, key: value.toLowerCase(), value }];
}

/** Stream id of a reservation: `<tenant>/Unique/<kind>/<encodeURIComponent(key)>` (a `/` in a userName stays one segment). */
export function reservationStreamId(tenant: string, key: Pick<UniquenessKey, 'kind' | 'key'>): string {
  return `${tenant}/Unique/${key.kind}/${encodeURIComponent(key.key)}`;
}
