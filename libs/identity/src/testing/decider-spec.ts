import { isScimError, type ScimError } from '@scim-hub/scim';
import { foldEvents, type Decider } from '../decider';

/** The outcome check of one given/when case. */
export interface DeciderThen<State, Event> {
  /** Asserts the decided events (`[]` = nothing happens), or that the command is refused with this error's status and scimType. */
  then(expected: Event[] | ScimError): void;
  /** Decides, folds the decided events onto the given state and hands the resulting state to `check`. */
  thenState(check: (state: State, events: Event[]) => void): void;
}

function expectRefusal(run: () => unknown, expected: ScimError): void {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  if (!isScimError(thrown)) throw new Error(`Expected ${expected.status} ${expected.scimType ?? ''}, got ${String(thrown ?? 'events')}`);
  expect({ status: thrown.status, scimType: thrown.scimType }).toEqual({ status: expected.status, scimType: expected.scimType });
}

/**
 * given(events).when(command).then(events | error) for a decider (docs/development.md). Every check
 * folds the given events afresh, because a group's evolve mutates its member Map.
 */
export function deciderSpec<State, Command, Event>(decider: Decider<State, Command, Event>) {
  return (given: Event[] = []) => ({
    when(command: Command): DeciderThen<State, Event> {
      const decide = () => decider.decide(command, foldEvents(decider, given));
      return {
        then(expected) {
          if (Array.isArray(expected)) expect(decide()).toEqual(expected);
          else expectRefusal(decide, expected);
        },
        thenState(check) {
          const state = foldEvents(decider, given);
          const events = decider.decide(command, state);
          check(foldEvents(decider, events, state), events);
        },
      };
    },
  });
}
