import type { JamsosEvent } from '@jamsos/domain';

/** Where an event sits in the store, for projections that need it. */
export interface EventPosition {
  readonly globalPosition: number;
  /** Knowledge time: when the scheme learned of the event. */
  readonly recordedAt: string;
}

/**
 * A projection: a fold over the global log into a read model. `apply` may update the state it is
 * given in place (the state belongs to the projection, and hot loops should not allocate), but must
 * be deterministic: the same events from the same start give the same state. `serialize` and
 * `deserialize` turn the state into JSON and back for the runner's checkpointed snapshots.
 */
export interface Projection<State> {
  readonly name: string;
  /** Bump when the state's shape or meaning changes: the runner then rebuilds from the start. */
  readonly version: number;
  /** The event types the projection reads (the runner filters the log by them). */
  readonly eventTypes: ReadonlyArray<JamsosEvent['type']>;
  readonly initial: () => State;
  readonly apply: (state: State, event: JamsosEvent, position: EventPosition) => State;
  /**
   * Checks the fields `apply` reads, as strictly as the domain's codecs check them: a problem in
   * words, or undefined. The runners decode stored events without validating them (the hot path) and
   * call this before `apply`, so that data of the wrong shape is reported, never folded. A projection
   * without it has every event validated in full by its codec (several times slower).
   */
  readonly check?: (event: JamsosEvent) => string | undefined;
  readonly serialize: (state: State) => unknown;
  readonly deserialize: (json: unknown) => State;
}
