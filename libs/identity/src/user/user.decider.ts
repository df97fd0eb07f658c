import { USER, type ResourceSchema } from '@scim-hub/scim';
import type { Decider } from '../decider';
import type { DeciderOptions } from '../decider-options';
import type { UserEvent } from '../events/identity-event';
import { assertNever } from '../util/assert-never';
import { createUser } from './create-user';
import { deleteUser } from './delete-user';
import { patchUser } from './patch-user';
import { replaceUser } from './replace-user';
import type { UserCommand } from './user.commands';
import { evolveUser, initialUserState, type UserState } from './user.state';

/** Decides the events of one User command; refusals throw ScimError. `schema` carries custom extensions; `options` says how strictly PATCH values are read. */
export function decideUser(
  command: UserCommand,
  state: UserState,
  schema: ResourceSchema = USER,
  options: DeciderOptions = {},
): UserEvent[] {
  switch (command.type) {
    case 'CreateUser':
      return createUser(command, state);
    case 'ReplaceUser':
      return replaceUser(command, state);
    case 'PatchUser':
      return patchUser(command, state, schema, options);
    case 'DeleteUser':
      return deleteUser(command, state);
    default:
      return assertNever(command);
  }
}

/** The User decider for a resource schema (default: core User + Enterprise extension). */
export function userDecider(schema: ResourceSchema = USER, options: DeciderOptions = {}): Decider<UserState, UserCommand, UserEvent> {
  return {
    initialState: initialUserState,
    decide: (command, state) => decideUser(command, state, schema, options),
    evolve: evolveUser,
  };
}
