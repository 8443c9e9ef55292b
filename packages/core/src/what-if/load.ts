import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { decodeEvent, decodeEventTrusted, type EventDecodeError, type JamsosEvent } from '@jamsos/domain';
import { storeFailure, type StoreFailure } from '../store/errors.js';
import type { EventStore, RecordedEvent } from '../store/types.js';
import { RecordedLogBuilder } from './recorded-log-builder.js';
import type { RecordedLog } from './recorded-log.js';
import type { LoggedEvent, ReplayUndecodableEvent } from './types.js';

/** How to load a log for a replay. */
export interface LoadLogOptions {
  /** Validate every event with its codec (audits); by default events are upcast by version and trusted, as the runners do. */
  readonly validate?: boolean;
  /** Called every 100,000 events with the count so far. */
  readonly onProgress?: (loaded: number) => void;
}

const reasonOf = (error: EventDecodeError): string =>
  error._tag === 'InvalidEventData' ? error.message : error._tag === 'UnknownEventType' ? `unknown event type ${error.type}` : `unknown schema version ${error.schemaVersion} of ${error.type} (current ${error.current})`;

/** Decodes one stored event for a replay, or says which one could not be read. */
export const toLoggedEvent = (recorded: RecordedEvent, validate = false): E.Either<ReplayUndecodableEvent, LoggedEvent> => {
  const stored = { type: recorded.type, schemaVersion: recorded.metadata.schemaVersion, data: recorded.data };
  const decoded: E.Either<EventDecodeError, JamsosEvent> = validate ? decodeEvent(stored) : decodeEventTrusted(stored);
  if (E.isLeft(decoded))
    return E.left({ _tag: 'UndecodableEvent', globalPosition: recorded.globalPosition, streamName: recorded.streamName, type: recorded.type, reason: reasonOf(decoded.left) });
  return E.right({ event: decoded.right, globalPosition: recorded.globalPosition, recordedAt: recorded.metadata.recordedAt });
};

/**
 * Reads the whole log in global order into memory, decoded, for replays: the async part of a what-if
 * (the replay itself is synchronous). Knowledge time is applied by the replay, so one loaded log serves
 * any K. The first event that cannot be read stops the load with its position. The log is held
 * compactly (see RecordedLog: payments as columns of numbers, about a tenth of the memory of objects).
 */
export const loadRecordedLog =
  (store: EventStore, options: LoadLogOptions = {}): TE.TaskEither<ReplayUndecodableEvent | StoreFailure, RecordedLog> =>
  async () => {
    const log = new RecordedLogBuilder();
    let loaded = 0;
    const events = store.readAll()[Symbol.asyncIterator]();
    for (;;) {
      let next: IteratorResult<RecordedEvent>;
      try {
        next = await events.next();
      } catch (cause) {
        return E.left(storeFailure('could not read the log for a what-if replay', cause));
      }
      if (next.done === true) return E.right(log.build());
      const logged = toLoggedEvent(next.value, options.validate === true);
      if (E.isLeft(logged)) {
        await events.return?.();
        return logged;
      }
      log.add(logged.right.event, logged.right.globalPosition, logged.right.recordedAt);
      loaded++;
      if (options.onProgress !== undefined && loaded % 100_000 === 0) options.onProgress(loaded);
    }
  };
