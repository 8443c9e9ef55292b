import { invalidAppend, satisfies, wrongExpectedVersion, type AppendError } from './errors.js';
import type { AppendResult, ExpectedRevision } from './types.js';

/** Where an event id of a batch is already stored. */
export interface StoredEventLocation {
  readonly id: string;
  readonly streamName: string;
  readonly revision: number;
  readonly globalPosition: number;
}

/**
 * The idempotency rule every adapter applies, as EventStoreDB does. Given where each id of a batch is
 * already stored (undefined: not stored): when none is stored, undefined (append as usual); when every
 * id is stored, consecutively, in this stream, right after the expected revision, the first append's
 * result (a replay, acknowledged without duplicates); any other reuse of a stored id is refused with
 * InvalidAppend, unless the stream has moved on from the expected revision (WrongExpectedVersion).
 */
export const replayOrClash = (
  streamName: string,
  stored: ReadonlyArray<StoredEventLocation | undefined>,
  expected: ExpectedRevision,
  actualRevision: () => number | 'no_stream',
): AppendResult | AppendError | undefined => {
  const clash = stored.find((e) => e !== undefined);
  if (clash === undefined) return undefined;
  const first = stored[0];
  const replay =
    first !== undefined &&
    stored.every((e, k) => e !== undefined && e.streamName === streamName && e.revision === first.revision + k) &&
    (expected === 'any' || expected === 'stream_exists' || first.revision === (expected === 'no_stream' ? 0 : expected + 1));
  if (replay) {
    const last = stored[stored.length - 1] as StoredEventLocation;
    return { nextExpectedRevision: last.revision, lastPosition: last.globalPosition };
  }
  const actual = actualRevision();
  if (clash.streamName === streamName && !satisfies(expected, actual)) return wrongExpectedVersion(streamName, expected, actual);
  return invalidAppend(`event id ${clash.id} is already used by stream ${clash.streamName} at revision ${clash.revision}`);
};
