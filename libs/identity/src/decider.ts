/**
 * The decider pattern (emmett, EventSourcing.NodeJS samples/decider): three pure functions. `decide`
 * refuses by throwing a ScimError; `evolve` never throws (a stream is a fact, whatever it holds).
 */
export interface Decider<State, Command, Event> {
  initialState(): State;
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
}

/** Folds events into a state with a decider's evolve, starting from its initial state unless one is given. */
export function foldEvents<State, Event>(
  decider: Pick<Decider<State, unknown, Event>, 'initialState' | 'evolve'>,
  events: readonly Event[],
  from: State = decider.initialState(),
): State {
  return events.reduce((state, event) => decider.evolve(state, event), from);
}
