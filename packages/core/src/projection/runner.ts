import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { Projection } from '@jamsos/projections';
import { storeFailure, UnreadableStoredEvent, type StoreFailure } from '../store/errors.js';
import { readAllInBatches, readAllToFoldInBatches } from '../store/read.js';
import type { EventStore, EventToFold, RecordedEvent } from '../store/types.js';
import { createFolder, FoldFailure, KNOWN_EVENT_TYPES, unreadableFailure, type ProjectionDecodeFailure, type StoredEventDecoder } from './fold.js';
import type { ReadModelStore } from './read-model-store.js';

export { KNOWN_EVENT_TYPES, trustedDecode, validatingDecode, type ProjectionDecodeFailure, type StoredEventDecoder } from './fold.js';

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
  /**
   * How stored events are decoded. By default: upcast by schema version and trusted, then the
   * projection's `check` of the fields it reads (every event fully validated when it has none).
   */
  readonly decode?: StoredEventDecoder;
  /** Events read per batch from the store (default: the store's page size). */
  readonly batchSize?: number;
}

/**
 * Decodes one stored event and folds it into the state: Left with the event's position when it cannot be
 * read or folded (see `createFolder`). After a Left with `stateIntact: false` the state may be
 * half-updated: do not save it.
 */
export const foldRecorded = <State>(
  projection: Projection<State>,
  state: State,
  recorded: RecordedEvent,
  decode?: StoredEventDecoder,
): E.Either<ProjectionDecodeFailure & { readonly stateIntact: boolean }, State> => {
  const folded = createFolder(projection, decode)(state, recorded);
  return folded instanceof FoldFailure ? E.left({ ...folded.failure, stateIntact: folded.stateIntact }) : E.right(folded);
};

/**
 * Catches a projection up with the store: loads its snapshot and checkpoint, folds every later event
 * in global order, and saves state and checkpoint together. Rebuilding from zero and catching up
 * incrementally give the same read model. The log is read in batches (one await per batch), filtered
 * by the projection's event types and every type this version does not know: an unknown type, like
 * an unknown schema version, a damaged row or data the projection's check refuses, stops the run
 * with a ProjectionDecodeFailure at its position, and nothing past it is saved.
 */
export const runProjection =
  <State>(options: RunProjectionOptions<State>): TE.TaskEither<ProjectionError, ProjectionRun<State>> =>
  async () => {
    const { store, readModels, projection } = options;
    const fold = createFolder(projection, options.decode);
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
    const read = {
      ...(position === undefined ? {} : { fromPosition: position }),
      filter: { eventTypes: projection.eventTypes, alsoTypesNotIn: KNOWN_EVENT_TYPES },
      ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    };
    // The default decoders need no event's id, stream or revision: a store may skip reading them.
    const batches = (options.decode === undefined ? readAllToFoldInBatches(store, read) : readAllInBatches(store, read))[Symbol.asyncIterator]();
    const report = options.onProgress;
    for (;;) {
      let next: IteratorResult<ReadonlyArray<EventToFold>>;
      try {
        next = await batches.next();
      } catch (cause) {
        if (cause instanceof UnreadableStoredEvent) return E.left(unreadableFailure(projection.name, cause));
        return E.left(storeFailure(`could not read the log for ${projection.name}`, cause));
      }
      if (next.done === true) break;
      for (const recorded of next.value) {
        const folded = fold(state, recorded);
        if (folded instanceof FoldFailure) {
          await batches.return?.();
          return E.left(folded.failure);
        }
        state = folded;
        position = recorded.globalPosition;
        processed++;
        unsaved++;
        if (report !== undefined && processed % progressEvery === 0) report(processed, position);
        if (unsaved >= saveEvery) {
          const saved = await save();
          if (E.isLeft(saved)) {
            await batches.return?.();
            return saved;
          }
        }
      }
    }
    if (unsaved > 0 || fresh) {
      const saved = await save();
      if (E.isLeft(saved)) return saved;
    }
    return E.right({ state, position, processed, rebuilt: fresh });
  };
