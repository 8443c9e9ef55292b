import * as E from 'fp-ts/lib/Either.js';
import { deterministicEventId, type AppendError, type EventStore, type EventToAppend } from '@jamsos/core';
import { encodeEvent, type PolicyLookup } from '@jamsos/domain';
import { generateDemo, planDemo, type DemoOptions } from './generate.js';
import type { DemoBatch } from './simulate.js';

/** What appendDemo wrote. */
export interface DemoWritten {
  /** Participant streams written. */
  readonly participants: number;
  /** Claim streams written. */
  readonly claims: number;
  /** Streams written (regions, participants, claims): one append each. */
  readonly streams: number;
  /** Events written. */
  readonly events: number;
  /** Events written by type. */
  readonly byType: Readonly<Record<string, number>>;
  /** One demo participant stands for this many real workers. */
  readonly scale: number;
  readonly seed: number;
}

/** The events of a batch as the store takes them: deterministic ids, catalogue schema version, knowledge time. */
export const toAppend = (batch: DemoBatch, recordedAt: string): ReadonlyArray<EventToAppend> =>
  batch.events.map((event, index) => {
    const stored = encodeEvent(event);
    return {
      id: deterministicEventId(batch.streamName, batch.businessKey, index),
      type: stored.type,
      data: stored.data,
      metadata: { schemaVersion: stored.schemaVersion, recordedAt, correlationId: batch.businessKey },
    };
  });

/** The demo could not be written: a stream was refused or the store failed. */
export class DemoWriteFailed extends Error {
  override readonly name = 'DemoWriteFailed';
}

const describe = (error: AppendError): string => (error._tag === 'WrongExpectedVersion' ? `the stream already exists (revision ${error.actual})` : error.message);

/**
 * Generates the demo and appends it, one stream per append with expected revision 'no_stream' (so a
 * store that already holds a stream of the demo is refused, never doubled). Reports progress in
 * participants done out of the total.
 */
export const appendDemo = async (
  store: EventStore,
  options: DemoOptions,
  policy: PolicyLookup,
  clock: () => string,
  onProgress?: (done: number, total: number) => void,
): Promise<DemoWritten> => {
  const plan = planDemo(options);
  const byType: Record<string, number> = {};
  let [participants, claims, streams, events] = [0, 0, 0, 0];
  for (const batch of generateDemo(options, policy)) {
    const appended = await store.appendToStream(batch.streamName, toAppend(batch, clock()), { expectedRevision: 'no_stream' })();
    if (E.isLeft(appended)) throw new DemoWriteFailed(`cannot write the demo stream ${batch.streamName}: ${describe(appended.left)}`);
    streams++;
    events += batch.events.length;
    for (const event of batch.events) byType[event.type] = (byType[event.type] ?? 0) + 1;
    if (batch.streamName.startsWith('claim-')) claims++;
    else if (batch.streamName.startsWith('participant-')) {
      participants++;
      if (onProgress !== undefined && (participants % 50 === 0 || participants === plan.participants)) onProgress(participants, plan.participants);
    }
  }
  return { participants, claims, streams, events, byType, scale: plan.scale, seed: plan.seed };
};
