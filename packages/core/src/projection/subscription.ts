/**
 * The subscription port: a live, ordered feed of the global log that live projections follow.
 * Adapters with server push implement it (EventStoreDB's catch-up subscriptions); any store gets it
 * by polling `readAll` (`pollingSubscription`).
 */
import { readAllInBatches } from '../store/read.js';
import type { EventStore, RecordedEvent } from '../store/types.js';

/** What a subscription delivers, in log order. */
export type LogMessage =
  | { readonly kind: 'event'; readonly event: RecordedEvent }
  /** Every event stored when the subscription started has been delivered; what follows is live. */
  | { readonly kind: 'caught-up' }
  /** Every matching event up to this global position has been delivered (filtered subscriptions). */
  | { readonly kind: 'checkpoint'; readonly position: number };

/**
 * A running subscription. Iterating it yields messages until `close()` is called (the iteration then
 * ends) or the connection fails (the iteration throws). An iteration that ends without `close()`
 * means the source went away: the live runner resubscribes.
 */
export interface LogSubscription extends AsyncIterable<LogMessage> {
  close(): Promise<void>;
}

/** Where a subscription starts and what it delivers. */
export interface SubscribeOptions {
  /** Deliver events strictly after this global position (from the start when undefined). */
  readonly fromPosition?: number;
  /** Deliver only events of these types ... */
  readonly eventTypes: ReadonlyArray<string>;
  /** ... and of every type that is none of these (as in ReadAllFilter: types the reader does not know, to report them). */
  readonly alsoTypesNotIn?: ReadonlyArray<string>;
}

/** Subscribes to the global log: the port live projections depend on. */
export type SubscribeToLog = (options: SubscribeOptions) => LogSubscription;

/** Options of the polling subscription. */
export interface PollingOptions {
  /** Milliseconds between reads once caught up (default 200). */
  readonly intervalMs?: number;
}

/** A sleep that `wake` cuts short. */
const interruptibleSleep = (): { readonly sleep: (ms: number) => Promise<void>; readonly wake: () => void } => {
  let wakeUp: (() => void) | undefined;
  return {
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => ((wakeUp = undefined), resolve()), ms);
        wakeUp = () => (clearTimeout(timer), (wakeUp = undefined), resolve());
      }),
    wake: () => wakeUp?.(),
  };
};

/**
 * A subscription for any store, by reading `readAll` from the last position delivered: the past, a
 * `caught-up`, then every `intervalMs` what was appended since. Read errors end the iteration with a throw.
 */
export const pollingSubscription =
  (store: EventStore, options: PollingOptions = {}): SubscribeToLog =>
  ({ fromPosition, eventTypes, alsoTypesNotIn }) => {
    const intervalMs = options.intervalMs ?? 200;
    let closed = false;
    const { sleep, wake } = interruptibleSleep();
    const messages = async function* (): AsyncGenerator<LogMessage> {
      let position = fromPosition;
      let caughtUp = false;
      while (!closed) {
        const filter = { eventTypes, ...(alsoTypesNotIn === undefined ? {} : { alsoTypesNotIn }) };
        for await (const batch of readAllInBatches(store, { ...(position === undefined ? {} : { fromPosition: position }), filter })) {
          for (const event of batch) {
            if (closed) return;
            position = event.globalPosition;
            yield { kind: 'event', event };
          }
        }
        if (!caughtUp) {
          caughtUp = true;
          yield { kind: 'caught-up' };
        }
        await sleep(intervalMs);
      }
    };
    return {
      [Symbol.asyncIterator]: () => messages(),
      close: async () => {
        closed = true;
        wake();
      },
    };
  };
