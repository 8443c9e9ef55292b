import * as E from 'fp-ts/lib/Either.js';
import { claimEventDefinitions, decodeEvent, participantEventDefinitions, type ClaimEvent, type EventDecodeError, type JamsosEvent, type ParticipantEvent } from '@jamsos/domain';
import type { RecordedEvent } from '../../store/types.js';

/** Where an event sits in the store: enough for an auditor to find it again. */
export interface EventRef {
  readonly streamName: string;
  readonly revision: number;
  readonly globalPosition: number;
  readonly eventId: string;
  readonly type: string;
  /** Knowledge time: when the store recorded it. */
  readonly recordedAt: string;
}

/** An event the audit could not read: an unknown type or schema version, or data its codec refuses. */
export interface UndecodableEvent {
  readonly _tag: 'UndecodableEvent';
  readonly event: EventRef;
  /** The event's `data.branchId` when it has a readable one (the audit cannot trust anything else in it). */
  readonly branchId: string | undefined;
  readonly error: EventDecodeError['_tag'];
  readonly message: string;
}

/** The reference to a stored event. */
export const eventRef = (recorded: RecordedEvent): EventRef => ({
  streamName: recorded.streamName,
  revision: recorded.revision,
  globalPosition: recorded.globalPosition,
  eventId: recorded.id,
  type: recorded.type,
  recordedAt: recorded.metadata.recordedAt,
});

const describeDecodeError = (error: EventDecodeError): string => {
  switch (error._tag) {
    case 'UnknownEventType':
      return `unknown event type ${JSON.stringify(error.type)}`;
    case 'UnknownSchemaVersion':
      return `${error.type}: schema version ${error.schemaVersion} is not readable (current ${error.current})`;
    case 'InvalidEventData':
      return error.message;
  }
};

const readableBranch = (data: unknown): string | undefined => {
  if (typeof data !== 'object' || data === null) return undefined;
  const branchId = (data as { branchId?: unknown }).branchId;
  return typeof branchId === 'string' ? branchId : undefined;
};

/** Decodes a stored event with full validation (upcast, then the codec), or says why it cannot be read. */
export const decodeRecorded = (recorded: RecordedEvent): E.Either<UndecodableEvent, JamsosEvent> => {
  const decoded = decodeEvent({ type: recorded.type, schemaVersion: recorded.metadata.schemaVersion, data: recorded.data });
  if (E.isRight(decoded)) return decoded;
  return E.left({
    _tag: 'UndecodableEvent',
    event: eventRef(recorded),
    branchId: readableBranch(recorded.data),
    error: decoded.left._tag,
    message: describeDecodeError(decoded.left),
  });
};


const participantTypes: ReadonlySet<string> = new Set(participantEventDefinitions.map((d) => d.type));
const claimTypes: ReadonlySet<string> = new Set(claimEventDefinitions.map((d) => d.type));

/** True for the events of a participant's stream. */
export const isParticipantEvent = (event: JamsosEvent): event is ParticipantEvent => participantTypes.has(event.type);

/** True for the events of a claim's stream. */
export const isClaimEvent = (event: JamsosEvent): event is ClaimEvent => claimTypes.has(event.type);
