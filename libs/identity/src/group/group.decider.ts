import { GROUP, type ResourceSchema } from '@scim-hub/scim';
import type { Decider } from '../decider';
import type { DeciderOptions } from '../decider-options';
import type { GroupEvent } from '../events/identity-event';
import { assertNever } from '../util/assert-never';
import { createGroup } from './create-group';
import { deleteGroup } from './delete-group';
import type { GroupCommand } from './group.commands';
import { evolveGroup, initialGroupState, type GroupState } from './group.state';
import { patchGroup } from './patch-group';
import { replaceGroup } from './replace-group';

/** Decides the events of one Group command; refusals throw ScimError. `schema` carries custom extensions; `options` says how strictly PATCH values are read. */
export function decideGroup(
  command: GroupCommand,
  state: GroupState,
  schema: ResourceSchema = GROUP,
  options: DeciderOptions = {},
): GroupEvent[] {
  switch (command.type) {
    case 'CreateGroup':
      return createGroup(command, state);
    case 'ReplaceGroup':
      return replaceGroup(command, state);
    case 'PatchGroup':
      return patchGroup(command, state, schema, options);
    case 'DeleteGroup':
      return deleteGroup(command, state);
    default:
      return assertNever(command);
  }
}

/** The Group decider for a resource schema (default: core Group). Its evolve mutates the member Map in place. */
export function groupDecider(schema: ResourceSchema = GROUP, options: DeciderOptions = {}): Decider<GroupState, GroupCommand, GroupEvent> {
  return {
    initialState: initialGroupState,
    decide: (command, state) => decideGroup(command, state, schema, options),
    evolve: evolveGroup,
  };
}
