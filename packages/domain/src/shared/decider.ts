import type { Either } from 'fp-ts/lib/Either.js';

/**
 * A decider (Emmett, sciety): pure functions that decide which events a command causes
 * given the current state, and evolve the state by one event. No IO anywhere.
 */
export interface Decider<Command, Event, State, Rejection> {
  /** The state before any event. */
  readonly initialState: State;
  /** The events the command causes in this state, or why it is refused. An empty list means "nothing to do". */
  readonly decide: (command: Command, state: State) => Either<Rejection, ReadonlyArray<Event>>;
  /** The state after one more event. Never fails on an event that decide could have produced. */
  readonly evolve: (state: State, event: Event) => State;
}

/** Folds a sequence of events into the decider's state. */
export const fold = <Event, State>(evolve: (state: State, event: Event) => State, initial: State, events: Iterable<Event>): State => {
  let state = initial;
  for (const event of events) state = evolve(state, event);
  return state;
};
