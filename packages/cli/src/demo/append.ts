import * as E from 'fp-ts/lib/Either.js';
import { deterministicEventId, type AppendError, type EventStore, type EventToAppend } from '@jamsos/core';
import { encodeEvent, type PolicyLookup } from '@jamsos/domain';
import { generateDemo, planDemo, type DemoOptions } from './generate.js';
import { latestDemoKnowledge } from './knowledge.js';
import type { DemoBatch } from './simulate.js';

/** What appendDemo wrote. */
export interface DemoWritten {
  /** Participant streams written. */
  readonly participants: number;
  /** Claim streams written. */
  readonly claims: number;
  /** Streams written (regions, participants, claims). */
  readonly streams: number;
  /** Appends made: one per stream, plus one more per claim decided on a participant's stream. */
  readonly appends: number;
  /** Events written. */
  readonly events: number;
  /** Events written by type. */
  readonly byType: Readonly<Record<string, number>>;
  /** One demo participant stands for this many real workers. */
  readonly scale: number;
  readonly seed: number;
}

/** The events of a batch as the store takes them: deterministic ids, catalogue schema version, the simulated knowledge time of each. */
export const toAppend = (batch: DemoBatch): ReadonlyArray<EventToAppend> =>
  batch.events.map((event, index) => {
    const stored = encodeEvent(event);
    const recordedAt = batch.recordedAt[index];
    if (recordedAt === undefined) throw new DemoWriteFailed(`demo stream ${batch.streamName}: event ${index} has no knowledge time`);
    return {
      id: deterministicEventId(batch.streamName, batch.businessKey, batch.firstIndex + index),
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
 * Generates the demo and appends it piece by piece: a stream's first piece with expected revision
 * 'no_stream' (so a store that already holds a stream of the demo is refused, never doubled), a
 * participant's later pieces (after a claim's stream) at their exact revision. Every event carries its
 * simulated knowledge time (knowledge.ts), never the clock's: `clock` is now, and a demo whose history
 * runs past it is refused before anything is written (a store cannot know the future). Reports
 * progress in participants done out of the total. Give a hash-chained store to chain the demo.
 */
export const appendDemo = async (
  store: EventStore,
  options: DemoOptions,
  policy: PolicyLookup,
  clock: () => string,
  onProgress?: (done: number, total: number) => void,
): Promise<DemoWritten> => {
  const plan = planDemo(options);
  const now = clock();
  const latest = latestDemoKnowledge(plan.window.end);
  if (!(Date.parse(now) >= Date.parse(latest))) throw new DemoWriteFailed(`the demo's history runs to ${plan.window.end} and would be recorded up to ${latest}, after now (${now}): a store cannot know the future`);
  const byType: Record<string, number> = {};
  let [participants, claims, streams, appends, events] = [0, 0, 0, 0, 0];
  for (const batch of generateDemo(options, policy)) {
    const expectedRevision = batch.firstIndex === 0 ? 'no_stream' : batch.firstIndex - 1;
    const appended = await store.appendToStream(batch.streamName, toAppend(batch), { expectedRevision })();
    if (E.isLeft(appended)) throw new DemoWriteFailed(`cannot write the demo stream ${batch.streamName}: ${describe(appended.left)}`);
    appends++;
    events += batch.events.length;
    for (const event of batch.events) byType[event.type] = (byType[event.type] ?? 0) + 1;
    if (batch.firstIndex > 0) continue;
    streams++;
    if (batch.streamName.startsWith('claim-')) claims++;
    else if (batch.streamName.startsWith('participant-')) {
      participants++;
      if (onProgress !== undefined && (participants % 50 === 0 || participants === plan.participants)) onProgress(participants, plan.participants);
    }
  }
  return { participants, claims, streams, appends, events, byType, scale: plan.scale, seed: plan.seed };
};
