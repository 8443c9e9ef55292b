/**
 * Folding stored events into a projection: decode (trusted on the hot path, checked by the
 * projection's own `check`), fold, and turn every problem into a typed failure at the event's position.
 * Shared by the catch-up runner and the live runner.
 */
import * as E from 'fp-ts/lib/Either.js';
import { decodeEvent, decodeEventTrusted, eventDefinitions, type JamsosEvent } from '@jamsos/domain';
import type { Projection } from '@jamsos/projections';
import type { UnreadableStoredEvent } from '../store/errors.js';
import type { EventMetadata, EventToFold, RecordedEvent } from '../store/types.js';

/** A stored event the projection could not read: the log holds something this version does not know. */
export interface ProjectionDecodeFailure {
  readonly _tag: 'ProjectionDecodeFailure';
  readonly projection: string;
  readonly globalPosition: number;
  readonly type: string;
  readonly reason: string;
}

/** How a runner turns a stored event into a domain event: Left with a reason when it cannot. */
export type StoredEventDecoder = (recorded: RecordedEvent) => E.Either<string, JamsosEvent>;

/** A decoder that needs only what folding reads of a stored event (the default decoders are). */
type FoldDecoder = (recorded: EventToFold) => E.Either<string, JamsosEvent>;

/** Every event type this version of jamsos knows: the runners ask the store for these and for any other type, to report it. */
export const KNOWN_EVENT_TYPES: ReadonlyArray<string> = eventDefinitions.map((d) => d.type);

/** The current schema version of each known event type. */
const CURRENT_VERSION = new Map<string, number>(eventDefinitions.map((d) => [d.type, d.version]));

const reasonOf = (error: { readonly _tag: string; readonly message?: string }): string => (error.message === undefined ? error._tag : `${error._tag}: ${error.message}`);

/** Upcast by schema version and trusted (validated on append): the decode behind a projection's `check`. */
export const trustedDecode: FoldDecoder = (recorded) =>
  E.mapLeft(reasonOf)(decodeEventTrusted({ type: recorded.type, schemaVersion: recorded.metadata.schemaVersion, data: recorded.data }));

/** Upcast and fully validated by the event's codec: the decode for projections without a `check`. */
export const validatingDecode: FoldDecoder = (recorded) =>
  E.mapLeft(reasonOf)(decodeEvent({ type: recorded.type, schemaVersion: recorded.metadata.schemaVersion, data: recorded.data }));

/** A failed fold: the failure, and whether the state is as it was before the event (nothing applied). */
export class FoldFailure {
  constructor(
    readonly failure: ProjectionDecodeFailure,
    readonly stateIntact: boolean,
  ) {}
}

/** The failure for a stored event a read could not parse (the store names it). */
export const unreadableFailure = (projection: string, error: UnreadableStoredEvent): ProjectionDecodeFailure => ({
  _tag: 'ProjectionDecodeFailure',
  projection,
  globalPosition: error.globalPosition,
  type: error.type,
  reason: error.reason,
});

/**
 * Folds one stored event into the state: the new state, or a FoldFailure naming the event's position.
 * A folder made with a custom decoder must be given whole RecordedEvents (the decoder may read them).
 */
export type Folder<State> = (state: State, recorded: EventToFold) => State | FoldFailure;

const thrown = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * The fold of a projection over stored events. Metadata must be an object with a string `recordedAt`.
 * Without a `decode`: an event of a known type at its current schema version is passed to the
 * projection as it was stored (no copy) once the projection's `check` accepts the fields it reads;
 * older versions are upcast first; a projection without a `check` gets every event fully validated.
 * A throw from the decoder or from `apply` is a failure too; after one from `apply` the state may be
 * half-updated (`stateIntact: false`): do not save it.
 */
export const createFolder = <State>(projection: Projection<State>, decode?: StoredEventDecoder): Folder<State> => {
  const check = projection.check;
  const apply = projection.apply;
  const slowDecode = (decode as FoldDecoder | undefined) ?? (check === undefined ? validatingDecode : trustedDecode);
  const fast = decode === undefined && check !== undefined;
  const failure = (recorded: EventToFold, reason: string, stateIntact: boolean): FoldFailure =>
    new FoldFailure({ _tag: 'ProjectionDecodeFailure', projection: projection.name, globalPosition: recorded.globalPosition, type: recorded.type, reason }, stateIntact);
  return (state, recorded) => {
    const metadata = recorded.metadata as EventMetadata | null;
    if (typeof metadata !== 'object' || metadata === null) return failure(recorded, 'its metadata is not an object', true);
    const recordedAt = metadata.recordedAt;
    if (typeof recordedAt !== 'string') return failure(recorded, 'its metadata has no recordedAt text', true);
    let event: JamsosEvent;
    if (fast && CURRENT_VERSION.get(recorded.type) === metadata.schemaVersion) event = recorded as unknown as JamsosEvent;
    else {
      let decoded: E.Either<string, JamsosEvent>;
      try {
        decoded = slowDecode(recorded);
      } catch (error) {
        return failure(recorded, `cannot be decoded: ${thrown(error)}`, true);
      }
      if (E.isLeft(decoded)) return failure(recorded, decoded.left, true);
      event = decoded.right;
    }
    if (check !== undefined) {
      const problem = check(event);
      if (problem !== undefined) return failure(recorded, `InvalidEventData: ${problem}`, true);
    }
    try {
      return apply(state, event, { globalPosition: recorded.globalPosition, recordedAt });
    } catch (error) {
      return failure(recorded, `cannot be folded: ${thrown(error)}`, false);
    }
  };
};
