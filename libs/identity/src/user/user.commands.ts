import type { PatchOperation, ScimResource } from '@scim-hub/scim';

/** POST /Users: `id` is assigned by the server; `resource` is already normalised (validation happens before). */
export type CreateUser = { type: 'CreateUser'; id: string; resource: ScimResource };
/** PUT /Users/{id} (RFC 7644 §3.5.1): the full, normalised new resource. */
export type ReplaceUser = { type: 'ReplaceUser'; resource: ScimResource };
/** PATCH /Users/{id} (RFC 7644 §3.5.2): the parsed operations. */
export type PatchUser = { type: 'PatchUser'; operations: PatchOperation[] };
/** DELETE /Users/{id} (RFC 7644 §3.6). */
export type DeleteUser = { type: 'DeleteUser' };

/** Every command on a User stream. */
export type UserCommand = CreateUser | ReplaceUser | PatchUser | DeleteUser;
