import * as E from 'fp-ts/lib/Either.js';
import { decodeEvent, encodeEvent, type JamsosEvent } from '@jamsos/domain';
import type { DecodeFailure, EventCodec } from '../command/handler.js';
import type { RecordedEvent } from '../store/types.js';

/** The schema version a stored event's metadata claims, or undefined when the metadata is not an object carrying one. */
const schemaVersionOf = (recorded: RecordedEvent): number | undefined => {
  const metadata: unknown = recorded.metadata;
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  const version = (metadata as { readonly schemaVersion?: unknown }).schemaVersion;
  return typeof version === 'number' ? version : undefined;
};

/**
 * Stores jamsos events with their catalogue schema version and reads them back through the upcasters,
 * validating each one: a stream is read for every command, and a row written by anything but the append
 * path (a restored backup, a hand edit, a newer writer) must be a DecodeFailure naming its stream and
 * revision, never folded half-understood or a crash in evolve.
 */
export const jamsosEventCodec = <Event extends JamsosEvent>(): EventCodec<Event> => ({
  encode: (event) => encodeEvent(event),
  decode: (recorded) => {
    const failure = (message: string): E.Either<DecodeFailure, Event> =>
      E.left({ _tag: 'DecodeFailure', streamName: recorded.streamName, revision: recorded.revision, message: `${recorded.streamName} revision ${recorded.revision}: ${message}` });
    const schemaVersion = schemaVersionOf(recorded);
    if (schemaVersion === undefined) return failure(`${recorded.type}: metadata without a numeric schemaVersion`);
    const decoded = decodeEvent({ type: recorded.type, schemaVersion, data: recorded.data });
    if (E.isRight(decoded)) return E.right(decoded.right as Event);
    const error = decoded.left;
    return failure(`${recorded.type} v${schemaVersion}: ${error._tag === 'InvalidEventData' ? error.message : error._tag}`);
  },
});
