/**
 * Live projections: follow the log through a subscription, fold each event once and in order, commit
 * the read model with its checkpoint, resubscribe with backoff when the connection drops, and report a
 * subscription that stalls before catching up.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Projection } from '@jamsos/projections';
import { storeFailure, UnreadableStoredEvent } from '../store/errors.js';
import { createFolder, FoldFailure, KNOWN_EVENT_TYPES, unreadableFailure, type StoredEventDecoder } from './fold.js';
import { createCommits } from './live-commits.js';
import type { ReadModelStore } from './read-model-store.js';
import type { ProjectionError } from './runner.js';
import type { LogSubscription, SubscribeToLog } from './subscription.js';

/** What a live projection reports as it runs. */
export type LiveStatus =
  | { readonly kind: 'subscribing'; readonly fromPosition: number | undefined; readonly attempt: number }
  | { readonly kind: 'caught-up'; readonly position: number | undefined; readonly processed: number }
  | { readonly kind: 'disconnected'; readonly reason: string; readonly attempt: number; readonly retryInMs: number }
  | { readonly kind: 'stalled'; readonly position: number | undefined; readonly silentForMs: number }
  | { readonly kind: 'stopped'; readonly position: number | undefined };

/** Counters of a live projection. */
export interface LiveStats {
  /** Events folded into the state. */
  readonly processed: number;
  /** Events delivered again (at or before the position already folded) and skipped. */
  readonly duplicatesSkipped: number;
  readonly subscriptions: number;
  readonly disconnects: number;
  readonly stalls: number;
  /** Saves of the read model with its checkpoint. */
  readonly commits: number;
}

/** How to run a live projection. */
export interface LiveProjectionOptions<State> {
  readonly subscribe: SubscribeToLog;
  readonly readModels: ReadModelStore;
  readonly projection: Projection<State>;
  /** How stored events are decoded (default as in runProjection: trusted, then the projection's `check`). */
  readonly decode?: StoredEventDecoder;
  /** Ignore any saved read model and start from the beginning of the log. */
  readonly rebuild?: boolean;
  /** Commit at least every this many events (default 5,000). */
  readonly saveEvery?: number;
  /** Once live, commit at most this long after a change (default 25 ms). */
  readonly commitDelayMs?: number;
  /** Reconnection backoff: doubling from initialMs (100) to maxMs (5,000); give up after maxAttempts failures in a row (never by default). */
  readonly backoff?: { readonly initialMs?: number; readonly maxMs?: number; readonly maxAttempts?: number };
  /** Before catching up, a subscription silent for this long is reported stalled and replaced (default 30,000 ms). */
  readonly stallAfterMs?: number;
  readonly onStatus?: (status: LiveStatus) => void;
}

/** A running live projection. */
export interface LiveProjection<State> {
  /** Settles the first time the projection has caught up with the log, or when it ends first. */
  readonly caughtUp: Promise<E.Either<ProjectionError, void>>;
  /** Settles when the projection stops: Right after `stop()`, Left when it failed. */
  readonly done: Promise<E.Either<ProjectionError, LiveStats>>;
  /** The state folded so far and its position (read-only use). */
  current(): { readonly state: State; readonly position: number | undefined };
  stats(): LiveStats;
  /** Settles once the position reaches `position` (Right), or the projection ends first (Left or Right of its end). */
  waitFor(position: number): Promise<E.Either<ProjectionError, void>>;
  /** Stops following, commits what was folded, and settles with `done`. */
  stop(): Promise<E.Either<ProjectionError, LiveStats>>;
}

/** Starts a live projection from its saved read model and checkpoint. */
export const startLiveProjection = <State>(options: LiveProjectionOptions<State>): LiveProjection<State> => {
  const { projection, readModels } = options;
  const fold = createFolder(projection, options.decode);
  const saveEvery = options.saveEvery ?? 5_000;
  const initialMs = options.backoff?.initialMs ?? 100;
  const maxMs = options.backoff?.maxMs ?? 5_000;
  const maxAttempts = options.backoff?.maxAttempts ?? Number.POSITIVE_INFINITY;
  const stallAfterMs = options.stallAfterMs ?? 30_000;
  const report = options.onStatus ?? (() => undefined);
  let state = projection.initial();
  let position: number | undefined;
  let stopping = false;
  let subscription: LogSubscription | undefined;
  let wakeSleep: (() => void) | undefined;
  const counts = { processed: 0, duplicatesSkipped: 0, subscriptions: 0, disconnects: 0, stalls: 0 };
  const commits = createCommits(readModels, projection.name, options.commitDelayMs ?? 25, () =>
    position === undefined ? undefined : { version: projection.version, position, state: projection.serialize(state) },
  );
  const stats = (): LiveStats => ({ ...counts, commits: commits.count() });
  const waiters = new Set<{ readonly at: number; readonly resolve: (result: E.Either<ProjectionError, void>) => void }>();
  const notify = (): void => {
    for (const waiter of waiters) {
      if (position === undefined || position < waiter.at) continue;
      waiters.delete(waiter);
      waiter.resolve(E.right(undefined));
    }
  };
  let resolveCaughtUp: (result: E.Either<ProjectionError, void>) => void = () => undefined;
  const caughtUp = new Promise<E.Either<ProjectionError, void>>((resolve) => (resolveCaughtUp = resolve));

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      wakeSleep = () => (clearTimeout(timer), resolve());
    });

  /** Follows one subscription until it ends; answers why it ended, or a ProjectionError to stop with. */
  const follow = async (attempt: number): Promise<{ readonly reason?: string; readonly error?: ProjectionError; readonly stateDamaged?: true; readonly progressed: boolean; readonly wasLive?: boolean }> => {
    report({ kind: 'subscribing', fromPosition: position, attempt });
    // Every type this version does not know is delivered too, so that it is reported, not skipped.
    const current = options.subscribe({ ...(position === undefined ? {} : { fromPosition: position }), eventTypes: projection.eventTypes, alsoTypesNotIn: KNOWN_EVENT_TYPES });
    subscription = current;
    counts.subscriptions += 1;
    let live = false;
    let progressed = false;
    let stalled = false;
    let lastMessageAt = Date.now();
    const watchdog = setInterval(() => {
      const silentFor = Date.now() - lastMessageAt;
      if (live || stalled || silentFor < stallAfterMs) return;
      stalled = true;
      counts.stalls += 1;
      report({ kind: 'stalled', position, silentForMs: silentFor });
      void current.close();
    }, Math.max(5, Math.min(1_000, Math.floor(stallAfterMs / 4))));
    try {
      for await (const message of current) {
        if (stopping || stalled) break;
        lastMessageAt = Date.now();
        progressed = true;
        if (message.kind === 'event') {
          const recorded = message.event;
          if (position !== undefined && recorded.globalPosition <= position) {
            counts.duplicatesSkipped += 1;
            continue;
          }
          const folded = fold(state, recorded);
          if (folded instanceof FoldFailure) return { progressed, error: folded.failure, ...(folded.stateIntact ? {} : { stateDamaged: true }) };
          state = folded;
          position = recorded.globalPosition;
          counts.processed += 1;
          commits.markDirty();
          if (counts.processed % saveEvery === 0) {
            const saved = await commits.now();
            if (E.isLeft(saved)) return { progressed, error: saved.left };
          } else if (live) commits.soon();
          notify();
        } else if (message.kind === 'checkpoint') {
          if (position === undefined || message.position > position) {
            position = message.position;
            commits.markDirty();
            if (live) commits.soon();
            notify();
          }
        } else {
          live = true;
          const saved = await commits.now();
          if (E.isLeft(saved)) return { progressed, error: saved.left };
          report({ kind: 'caught-up', position, processed: counts.processed });
          resolveCaughtUp(E.right(undefined));
        }
        const failed = commits.failure();
        if (failed !== undefined) return { progressed, error: failed };
      }
      return { progressed, wasLive: live, ...(stopping ? {} : { reason: stalled ? `stalled: no message for ${stallAfterMs} ms before catching up` : 'the subscription ended' }) };
    } catch (error) {
      // A damaged stored event is not a dropped connection: reading it again would fail again.
      if (error instanceof UnreadableStoredEvent) return { progressed, error: unreadableFailure(projection.name, error) };
      return { progressed, wasLive: live, reason: error instanceof Error ? error.message : String(error) };
    } finally {
      clearInterval(watchdog);
      subscription = undefined;
      await current.close().catch(() => undefined);
    }
  };

  const run = async (): Promise<E.Either<ProjectionError, LiveStats>> => {
    try {
      const snapshot = options.rebuild === true ? undefined : await readModels.load(projection.name);
      if (snapshot !== undefined && snapshot.version === projection.version) {
        state = projection.deserialize(snapshot.state);
        position = snapshot.position;
      }
    } catch (cause) {
      return E.left(storeFailure(`could not load the ${projection.name} read model`, cause));
    }
    let failures = 0;
    let failedAt: number | undefined;
    while (!stopping) {
      const ended = await follow(failures + 1);
      if (ended.error !== undefined) {
        // A half-folded state must not be committed; otherwise commit what was folded before the failure.
        if (ended.stateDamaged === true) commits.cancel();
        else await commits.now();
        return E.left(ended.error);
      }
      if (stopping || ended.reason === undefined) break;
      // A subscription that caught up, or moved the position on, was healthy: the count starts again. An
      // event that breaks the read every time (a corrupt row) keeps the position put and ends the run
      // after maxAttempts; a connection that drops now and then does not.
      failures = ended.wasLive === true || (ended.progressed && position !== failedAt) ? 1 : failures + 1;
      failedAt = position;
      counts.disconnects += 1;
      if (failures > maxAttempts) return (await commits.now(), E.left(storeFailure(`the ${projection.name} subscription failed ${failures} times in a row: ${ended.reason}`)));
      const retryInMs = Math.min(maxMs, initialMs * 2 ** (failures - 1));
      report({ kind: 'disconnected', reason: ended.reason, attempt: failures, retryInMs });
      await sleep(retryInMs);
    }
    const saved = await commits.now();
    if (E.isLeft(saved)) return saved;
    report({ kind: 'stopped', position });
    return E.right(stats());
  };

  let ended: E.Either<ProjectionError, void> | undefined;
  const done = run().then((result) => {
    commits.cancel();
    const end: E.Either<ProjectionError, void> = E.isLeft(result) ? result : E.right(undefined);
    ended = end;
    resolveCaughtUp(end);
    for (const waiter of waiters) waiter.resolve(end);
    waiters.clear();
    return result;
  });

  return {
    caughtUp,
    done,
    current: () => ({ state, position }),
    stats,
    waitFor: (at) => {
      if (position !== undefined && position >= at) return Promise.resolve(E.right(undefined));
      if (ended !== undefined) return Promise.resolve(ended);
      return new Promise((resolve) => waiters.add({ at, resolve }));
    },
    stop: async () => {
      stopping = true;
      wakeSleep?.();
      await subscription?.close().catch(() => undefined);
      return done;
    },
  };
};
