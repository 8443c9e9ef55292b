import * as E from 'fp-ts/lib/Either.js';
import { fold, type Decider } from '../shared/decider.js';

/** The outcome of a when: the decision, and the state it was made in. */
export interface Outcome<Event, State, Rejection> {
  readonly state: State;
  readonly result: E.Either<Rejection, ReadonlyArray<Event>>;
  /** The events decided, or a thrown error naming the rejection (for use in tests). */
  readonly events: () => ReadonlyArray<Event>;
  /** The rejection, or a thrown error naming the events (for use in tests). */
  readonly rejection: () => Rejection;
}

/**
 * given(events).when(command) for decider tests: folds the history, decides, and exposes the outcome
 * so that each test reads like the rule it checks.
 */
export const spec =
  <Command, Event, State, Rejection>(decider: Decider<Command, Event, State, Rejection>) =>
  (...history: ReadonlyArray<Event>) => ({
    when: (command: Command): Outcome<Event, State, Rejection> => {
      const state = fold(decider.evolve, decider.initialState, history);
      const result = decider.decide(command, state);
      return {
        state,
        result,
        events: () => {
          if (E.isLeft(result)) throw new Error(`expected events, got rejection ${JSON.stringify(result.left)}`);
          return result.right;
        },
        rejection: () => {
          if (E.isRight(result)) throw new Error(`expected a rejection, got events ${JSON.stringify(result.right)}`);
          return result.left;
        },
      };
    },
  });
