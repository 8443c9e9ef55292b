/**
 * The subscription port on EventStoreDB: a catch-up subscription to `$all` with a server-side
 * event-type filter, whose events, caught-up signal and filter checkpoints come out in log order.
 */
import { eventTypeFilter, START, type EventStoreDBClient } from '@eventstore/db-client';
import type { LogMessage, LogSubscription, SubscribeToLog } from '@jamsos/core';
import { toRecordedEvent } from './codec.js';

/** Options of the EventStoreDB subscription. */
export interface EsdbSubscriptionOptions {
  /** Ask for a filter checkpoint every this many search windows (the client's checkpointInterval; default 1). */
  readonly checkpointInterval?: number;
  /** Events held before the client is left to buffer (default 512). */
  readonly highWaterMark?: number;
}

/** A regex matching exactly the given event types. */
export const exactTypesRegex = (types: ReadonlyArray<string>): string => `^(?:${types.map((type) => type.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`;

/** A regex matching the given event types and, with `alsoTypesNotIn`, every type that is none of those (never a system type, '$...'). */
export const typesRegex = (types: ReadonlyArray<string>, alsoTypesNotIn?: ReadonlyArray<string>): string =>
  alsoTypesNotIn === undefined ? exactTypesRegex(types) : `${types.length === 0 ? '' : `${exactTypesRegex(types)}|`}^(?!\\$)(?!${exactTypesRegex(alsoTypesNotIn).slice(1)})`;

/**
 * Subscribes to `$all` strictly after a position, filtered on the server by event type.
 *
 * The client emits `caughtUp` and calls `checkpointReached` when it *receives* those messages, while
 * events received before them may still wait in its buffer. Each signal is therefore queued after the
 * events the client had already received (`readableLength` tells how many still wait), so the messages
 * come out in the order the server sent them.
 */
export const esdbSubscription =
  (client: EventStoreDBClient, options: EsdbSubscriptionOptions = {}): SubscribeToLog =>
  ({ fromPosition, eventTypes, alsoTypesNotIn }): LogSubscription => {
    const highWaterMark = options.highWaterMark ?? 512;
    const queue: LogMessage[] = [];
    const signals: { readonly after: number; readonly message: LogMessage }[] = [];
    let received = 0;
    let failure: unknown;
    let ended = false;
    let closed = false;
    let wakeConsumer: (() => void) | undefined;
    let wakePump: (() => void) | undefined;
    const wake = (): void => {
      const consumer = wakeConsumer;
      wakeConsumer = undefined;
      consumer?.();
    };
    const wakeUpPump = (): void => {
      const pumpWaiting = wakePump;
      wakePump = undefined;
      pumpWaiting?.();
    };
    // Called only from the subscription's own callbacks, so after `subscription` below is set.
    const signal = (message: LogMessage): void => {
      const after = received + subscription.readableLength;
      if (after <= received) queue.push(message);
      else signals.push({ after, message });
      wake();
    };
    const start = fromPosition === undefined ? START : { commit: BigInt(fromPosition), prepare: BigInt(fromPosition) };
    const subscription = client.subscribeToAll({
      fromPosition: start,
      filter: eventTypeFilter({
        regex: typesRegex(eventTypes, alsoTypesNotIn),
        checkpointInterval: options.checkpointInterval ?? 1,
        checkpointReached: (_subscription, position) => signal({ kind: 'checkpoint', position: Number(position.commit) }),
      }),
    });
    subscription.on('caughtUp', () => signal({ kind: 'caught-up' }));
    const pump = async (): Promise<void> => {
      try {
        for await (const resolved of subscription) {
          // After close, keep draining: the client's gRPC call only finishes (and dispose() only returns) once read to its end.
          if (closed) continue;
          received += 1;
          const event = toRecordedEvent(resolved);
          if (event !== undefined) queue.push({ kind: 'event', event });
          while (signals[0] !== undefined && signals[0].after <= received) queue.push(signals.shift()!.message);
          wake();
          if (queue.length >= highWaterMark) await new Promise<void>((resolve) => (wakePump = resolve));
        }
      } catch (error) {
        if (!closed) failure = error;
      } finally {
        ended = true;
        wake();
      }
    };
    void pump();
    const messages = async function* (): AsyncGenerator<LogMessage> {
      for (;;) {
        const next = queue.shift();
        if (next !== undefined) {
          if (queue.length < highWaterMark / 2) wakeUpPump();
          yield next;
          continue;
        }
        if (closed) return;
        if (ended) {
          if (failure !== undefined) throw failure instanceof Error ? failure : new Error(String(failure));
          return;
        }
        await new Promise<void>((resolve) => (wakeConsumer = resolve));
      }
    };
    return {
      [Symbol.asyncIterator]: () => messages(),
      close: async () => {
        if (closed) return;
        closed = true;
        wake();
        wakeUpPump();
        await subscription.unsubscribe().catch(() => undefined);
      },
    };
  };
