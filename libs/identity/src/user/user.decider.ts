import { USER, type ResourceSchema } from '@scim-hub/scim';
import type { Decider } from '../decider';
import type { UserEvent } from '../events/identity-event';
import { assertNever } from '../util/assert-never';
import { createUser } from './create-user';
import { deleteUser } from './delete-user';
import { patchUser } from './patch-user';
import { replaceUser } from './replace-user';
import type { UserCommand } from './user.commands';
import { evolveUser, initialUserState, type UserState } from './user.state';

/** Decides the events of one User command; refusals throw ScimError. `schema` carries custom extensions. */
export function decideUser(command: UserCommand, state: UserState, schema: ResourceSchema = USER): UserEvent[] {
  switch (command.type) {
    case 'CreateUser':
      return createUser(command, state);
    case 'ReplaceUser':
      return replaceUser(command, state);
    case 'PatchUser':
      return patchUser(command, state, schema);
    case 'DeleteUser':
      return deleteUser(command, state);
    default:
      return assertNever(command);
  }
}

/** The User decider for a resource schema (default: core User + Enterprise extension). */
export function userDecider(schema: ResourceSchema = USER): Decider<UserState, UserCommand, UserEvent> {
  return {
    initialState: initialUserState,
    decide: (command, state) => decideUser(command, state, schema),
    evolve: evolveUser,
  };
}
