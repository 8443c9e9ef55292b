import * as E from 'fp-ts/lib/Either.js';
import { foldRecorded, KNOWN_EVENT_TYPES, runProjection, type EventStore, type ReadModelStore } from '@jamsos/core';
import { coverageProjection, fundProjection, type CoverageState, type FundState, type Projection } from '@jamsos/projections';

/** A read model that could not be brought up to date (the store failed, or the log holds an event this version cannot fold). */
export class ReadModelFailed extends Error {
  override readonly name = 'ReadModelFailed';
}

/** A projection's state in memory and the last position folded into it. */
interface Live<S> {
  state: S;
  position: number | undefined;
  unsaved: number;
}

/** Save a snapshot after this many events folded since the last one. */
const SAVE_EVERY = 5_000;

/** The coverage and fund read models, kept in memory and caught up with the log before each query. */
export interface ReadModels {
  /** Folds what the log gained since the last call (one caller at a time) and answers the current states. */
  readonly current: () => Promise<{ readonly coverage: CoverageState; readonly fund: FundState }>;
  /** Saves snapshots and checkpoints of what is in memory (on shutdown). */
  readonly save: () => Promise<void>;
}

/**
 * Read models for queries: the first call loads each projection's snapshot and catches it up with
 * `runProjection` (as the CLI does); later calls fold only the events appended since, in memory, so
 * a query sees every write acknowledged before it. Snapshots are saved every few thousand events.
 */
export const createReadModels = (store: EventStore, readModels: ReadModelStore): ReadModels => {
  const live = new Map<string, Live<unknown>>();
  let queue: Promise<unknown> = Promise.resolve();

  const saveOne = async <S>(projection: Projection<S>, model: Live<S>): Promise<void> => {
    if (model.position === undefined || model.unsaved === 0) return;
    await readModels.save(projection.name, { version: projection.version, position: model.position, state: projection.serialize(model.state) });
    model.unsaved = 0;
  };

  const catchUp = async <S>(projection: Projection<S>): Promise<S> => {
    let model = live.get(projection.name) as Live<S> | undefined;
    if (model === undefined) {
      const run = await runProjection({ store, readModels, projection, saveEvery: 50_000 })();
      if (E.isLeft(run)) throw new ReadModelFailed(run.left._tag === 'StoreFailure' ? run.left.message : `${run.left.type} at position ${run.left.globalPosition}: ${run.left.reason}`);
      model = { state: run.right.state, position: run.right.position, unsaved: 0 };
      live.set(projection.name, model as Live<unknown>);
      return model.state;
    }
    const from = model.position;
    try {
      // As runProjection reads and folds: the projection's types and any type this version does not know
      // (which stops the fold), each event checked by the projection's own check.
      const filter = { eventTypes: projection.eventTypes, alsoTypesNotIn: KNOWN_EVENT_TYPES };
      for await (const recorded of store.readAll({ ...(from === undefined ? {} : { fromPosition: from }), filter })) {
        const folded = foldRecorded(projection, model.state, recorded);
        if (E.isLeft(folded)) {
          // The state may be half-updated: drop it, so the next query starts again from the last snapshot.
          live.delete(projection.name);
          throw new ReadModelFailed(`${folded.left.type} at position ${folded.left.globalPosition}: ${folded.left.reason}`);
        }
        model.state = folded.right;
        model.position = recorded.globalPosition;
        if (++model.unsaved >= SAVE_EVERY) await saveOne(projection, model);
      }
    } catch (error) {
      // What was folded before a failed read is consistent: it stays, and the next query goes on from there.
      throw error instanceof ReadModelFailed ? error : new ReadModelFailed(`could not read the log for ${projection.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return model.state;
  };

  const exclusive = <A>(task: () => Promise<A>): Promise<A> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  return {
    current: () => exclusive(async () => ({ coverage: await catchUp(coverageProjection), fund: await catchUp(fundProjection) })),
    save: () =>
      exclusive(async () => {
        const coverage = live.get(coverageProjection.name) as Live<CoverageState> | undefined;
        const fund = live.get(fundProjection.name) as Live<FundState> | undefined;
        if (coverage !== undefined) await saveOne(coverageProjection, coverage);
        if (fund !== undefined) await saveOne(fundProjection, fund);
      }),
  };
};
