import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { decodeEventTrusted, type JamsosEvent } from '@jamsos/domain';
import type { Projection } from '@jamsos/projections';
import { storeFailure, type StoreFailure } from '../store/errors.js';
import type { EventStore, RecordedEvent } from '../store/types.js';
import type { ReadModelStore } from './read-model-store.js';

/** A stored event the projection could not read: the log holds something this version does not know. */
export interface ProjectionDecodeFailure {
  readonly _tag: 'ProjectionDecodeFailure';
  readonly projection: string;
  readonly globalPosition: number;
  readonly type: string;
  readonly reason: string;
}

/** What a projection run can answer instead of success. */
export type ProjectionError = ProjectionDecodeFailure | StoreFailure;

/** What a projection run did. */
export interface ProjectionRun<State> {
  readonly state: State;
  /** The last position folded into the state (undefined when the log was empty). */
  readonly position: number | undefined;
  /** Events folded in this run. */
  readonly processed: number;
  /** True when the run started from nothing (no snapshot, or a snapshot of an older projection version). */
  readonly rebuilt: boolean;
}

/** How to run a projection. */
export interface RunProjectionOptions<State> {
  readonly store: EventStore;
  readonly readModels: ReadModelStore;
  readonly projection: Projection<State>;
  /** Save the snapshot and checkpoint every this many events (default: only at the end). */
  readonly saveEvery?: number;
  /** Ignore any saved snapshot and fold the whole log. */
  readonly rebuild?: boolean;
  /** Called every `progressEvery` events with the count so far and the position reached. */
  readonly onProgress?: (processed: number, position: number) => void;
  readonly progressEvery?: number;
  /** How stored events are read: by default upcast by version and trusted (validated on append). */
  readonly decode?: (recorded: RecordedEvent) => E.Either<string, JamsosEvent>;
}

/**
 * Decodes one stored event and folds it into the state: Left with the event's position when it cannot be
 * read or folded (a throw from a decoder or from `apply`, e.g. metadata that is not an object, is turned
 * into the same typed failure). After a Left from `apply` the state may be half-updated: do not save it.
 */
export const foldRecorded = <State>(
  projection: Projection<State>,
  state: State,
  recorded: RecordedEvent,
  decode: (recorded: RecordedEvent) => E.Either<string, JamsosEvent>,
): E.Either<ProjectionDecodeFailure & { readonly stateIntact: boolean }, State> => {
  const failure = (reason: string, stateIntact: boolean) =>
    E.left({ _tag: 'ProjectionDecodeFailure' as const, projection: projection.name, globalPosition: recorded.globalPosition, type: recorded.type, reason, stateIntact });
  let decoded: E.Either<string, JamsosEvent>;
  try {
    decoded = decode(recorded);
  } catch (error) {
    return failure(`cannot be decoded: ${error instanceof Error ? error.message : String(error)}`, true);
  }
  if (E.isLeft(decoded)) return failure(decoded.left, true);
  try {
    return E.right(projection.apply(state, decoded.right, { globalPosition: recorded.globalPosition, recordedAt: String(recorded.metadata.recordedAt) }));
  } catch (error) {
    return failure(`cannot be folded: ${error instanceof Error ? error.message : String(error)}`, false);
  }
};

/** How the runners read stored events by default: upcast by schema version, trusted (validated on append). */
export const trustedDecode = (recorded: RecordedEvent): E.Either<string, JamsosEvent> =>
  E.mapLeft((e: { _tag: string }) => e._tag)(decodeEventTrusted({ type: recorded.type, schemaVersion: recorded.metadata.schemaVersion, data: recorded.data }));

/**
 * Catches a projection up with the store: loads its snapshot and checkpoint, folds every later event
 * in global order, one at a time, and saves state and checkpoint together. Rebuilding from zero and
 * catching up incrementally give the same read model.
 */
export const runProjection =
  <State>(options: RunProjectionOptions<State>): TE.TaskEither<ProjectionError, ProjectionRun<State>> =>
  async () => {
    const { store, readModels, projection } = options;
    const decode = options.decode ?? trustedDecode;
    const saveEvery = options.saveEvery ?? Number.POSITIVE_INFINITY;
    const progressEvery = options.progressEvery ?? 10_000;
    let snapshot;
    try {
      snapshot = options.rebuild === true ? undefined : await readModels.load(projection.name);
    } catch (cause) {
      return E.left(storeFailure(`could not load the ${projection.name} read model`, cause));
    }
    const fresh = snapshot === undefined || snapshot.version !== projection.version;
    let state = fresh ? projection.initial() : projection.deserialize(snapshot?.state);
    let position = fresh ? undefined : snapshot?.position;
    let processed = 0;
    let unsaved = 0;
    const save = async (): Promise<E.Either<StoreFailure, void>> => {
      if (position === undefined) return E.right(undefined);
      try {
        await readModels.save(projection.name, { version: projection.version, position, state: projection.serialize(state) });
        unsaved = 0;
        return E.right(undefined);
      } catch (cause) {
        return E.left(storeFailure(`could not save the ${projection.name} read model`, cause));
      }
    };
    const events = store.readAll({ ...(position === undefined ? {} : { fromPosition: position }), filter: { eventTypes: projection.eventTypes } })[Symbol.asyncIterator]();
    for (;;) {
      let next: IteratorResult<RecordedEvent>;
      try {
        next = await events.next();
      } catch (cause) {
        return E.left(storeFailure(`could not read the log for ${projection.name}`, cause));
      }
      if (next.done === true) break;
      const recorded = next.value;
      const folded = foldRecorded(projection, state, recorded, decode);
      if (E.isLeft(folded)) {
        await events.return?.();
        const { stateIntact: _stateIntact, ...failure } = folded.left;
        return E.left(failure);
      }
      state = folded.right;
      position = recorded.globalPosition;
      processed++;
      unsaved++;
      if (options.onProgress !== undefined && processed % progressEvery === 0) options.onProgress(processed, position);
      if (unsaved >= saveEvery) {
        const saved = await save();
        if (E.isLeft(saved)) return saved;
      }
    }
    if (unsaved > 0 || fresh) {
      const saved = await save();
      if (E.isLeft(saved)) return saved;
    }
    return E.right({ state, position, processed, rebuilt: fresh });
  };
