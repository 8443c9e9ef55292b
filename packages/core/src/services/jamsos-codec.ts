import * as E from 'fp-ts/lib/Either.js';
import { decodeEventTrusted, encodeEvent, type JamsosEvent } from '@jamsos/domain';
import type { EventCodec } from '../command/handler.js';

/** Stores jamsos events with their catalogue schema version and reads them back through the upcasters. */
export const jamsosEventCodec = <Event extends JamsosEvent>(): EventCodec<Event> => ({
  encode: (event) => encodeEvent(event),
  decode: (recorded) =>
    E.mapLeft((error: { _tag: string }) => ({
      _tag: 'DecodeFailure' as const,
      streamName: recorded.streamName,
      revision: recorded.revision,
      message: `${recorded.type} v${recorded.metadata.schemaVersion}: ${error._tag}`,
    }))(decodeEventTrusted({ type: recorded.type, schemaVersion: recorded.metadata.schemaVersion, data: recorded.data })) as E.Either<
      { _tag: 'DecodeFailure'; streamName: string; revision: number; message: string },
      Event
    >,
});
