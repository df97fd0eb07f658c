import {
  decideGroup,
  decideUser,
  type DeciderOptions,
  evolveGroup,
  evolveUser,
  initialGroupState,
  initialUserState,
  type GroupEvent,
  type GroupState,
  type IdentityEvent,
  type UserEvent,
  type UserState,
} from '@scim-hub/identity';
import { GROUP, USER, type PatchOperation, type ResourceSchema, type ScimResource } from '@scim-hub/scim';

/** The two resource types the hub stores. */
export type ResourceType = 'User' | 'Group';

/** What an HTTP write asks for, independent of the resource type. */
export type WriteIntent =
  | { kind: 'create'; id: string; resource: ScimResource }
  | { kind: 'replace'; resource: ScimResource }
  | { kind: 'patch'; operations: PatchOperation[] }
  | { kind: 'delete' };

/** A resource stream's state: a User or a Group decider state. */
export type StreamState = UserState | GroupState;

/** The decider of one resource type, seen through the intents the HTTP layer has. */
export interface StreamDecider {
  initialState(): StreamState;
  decide(intent: WriteIntent, state: StreamState): IdentityEvent[];
  evolve(state: StreamState, event: IdentityEvent): StreamState;
  /** The resource without members (what uniqueness looks at), or undefined when it does not exist. */
  resourceOf(state: StreamState): ScimResource | undefined;
}

function userCommand(intent: WriteIntent) {
  switch (intent.kind) {
    case 'create':
      return { type: 'CreateUser', id: intent.id, resource: intent.resource } as const;
    case 'replace':
      return { type: 'ReplaceUser', resource: intent.resource } as const;
    case 'patch':
      return { type: 'PatchUser', operations: intent.operations } as const;
    case 'delete':
      return { type: 'DeleteUser' } as const;
  }
}

function groupCommand(intent: WriteIntent) {
  switch (intent.kind) {
    case 'create':
      return { type: 'CreateGroup', id: intent.id, resource: intent.resource } as const;
    case 'replace':
      return { type: 'ReplaceGroup', resource: intent.resource } as const;
    case 'patch':
      return { type: 'PatchGroup', operations: intent.operations } as const;
    case 'delete':
      return { type: 'DeleteGroup' } as const;
  }
}

const resourceOf = (state: StreamState) => (state.exists ? state.resource : undefined);

/** The deciders by resource type. */
export type StreamDeciders = Record<ResourceType, StreamDecider>;

/**
 * The deciders for the configured resource schemas (custom extensions, so that PATCH knows their attributes) and
 * decider options (HUB_SCHEMA_STRICT).
 */
export function streamDeciders(
  schemas: Record<ResourceType, ResourceSchema> = { User: USER, Group: GROUP },
  options: DeciderOptions = {},
): StreamDeciders {
  return {
    User: {
      initialState: initialUserState,
      decide: (intent, state) => decideUser(userCommand(intent), state as UserState, schemas.User, options),
      evolve: (state, event) => evolveUser(state as UserState, event as UserEvent),
      resourceOf,
    },
    Group: {
      initialState: initialGroupState,
      decide: (intent, state) => decideGroup(groupCommand(intent), state as GroupState, schemas.Group, options),
      evolve: (state, event) => evolveGroup(state as GroupState, event as GroupEvent),
      resourceOf,
    },
  };
}
