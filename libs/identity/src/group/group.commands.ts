import type { PatchOperation, ScimResource } from '@scim-hub/scim';

/** POST /Groups: `id` is assigned by the server; `resource` (with any `members`) is already normalised. */
export type CreateGroup = { type: 'CreateGroup'; id: string; resource: ScimResource };
/** PUT /Groups/{id} (RFC 7644 §3.5.1): the full, normalised new resource including its full member list. */
export type ReplaceGroup = { type: 'ReplaceGroup'; resource: ScimResource };
/** PATCH /Groups/{id} (RFC 7644 §3.5.2): the parsed operations. */
export type PatchGroup = { type: 'PatchGroup'; operations: PatchOperation[] };
/** DELETE /Groups/{id} (RFC 7644 §3.6). */
export type DeleteGroup = { type: 'DeleteGroup' };

/** Every command on a Group stream. */
export type GroupCommand = CreateGroup | ReplaceGroup | PatchGroup | DeleteGroup;
