import { describe, expect, it } from 'vitest';
import { collect, createInMemoryEventStore, verifyChains, withHashChain } from '@jamsos/core';
import { baselinePolicy, decodeEvent, validDateOf, type JamsosEvent } from '@jamsos/domain';
import * as E from 'fp-ts/lib/Either.js';
import { appendDemo, DemoWriteFailed, generateDemo } from './index.js';
import { streamKnowledgeClock } from './knowledge.js';

const now = () => '2026-01-01T00:00:00.000Z';

/** A demo appended to a hash-chained in-memory store, read back in log order. */
const demoLog = async (seed: number) => {
  const store = withHashChain(createInMemoryEventStore());
  await appendDemo(store, { participants: 300, seed }, baselinePolicy, now);
  return { store, events: await collect(store.readAll()) };
};

const decoded = (type: string, schemaVersion: number, data: unknown): JamsosEvent => {
  const event = decodeEvent({ type, schemaVersion, data });
  if (E.isLeft(event)) throw new Error(`${type} does not decode`);
  return event.right;
};

describe('knowledge time in the demo', () => {
  it('stamps every event at a simulated, deterministic knowledge time: the same seed gives the same history byte for byte, hash chains included', async () => {
    const [a, b] = [await demoLog(5), await demoLog(5)];
    expect(JSON.stringify(b.events)).toBe(JSON.stringify(a.events));
    expect(JSON.stringify((await demoLog(6)).events)).not.toBe(JSON.stringify(a.events));
    const report = await verifyChains(a.store)();
    expect(E.isRight(report) && report.right.findings).toEqual([]);
  });

  it('never records an event before its valid date, records a command on its own date late afternoon WIB, and never goes backwards in a stream', async () => {
    const { events } = await demoLog(5);
    const lastInStream = new Map<string, string>();
    let laterThanValid = 0;
    for (const e of events) {
      const valid = validDateOf(decoded(e.type, e.metadata.schemaVersion, e.data));
      const recordedAt = e.metadata.recordedAt;
      expect(recordedAt).toMatch(/^\d{4}-\d\d-\d\dT(09|10):\d\d:00\.000Z$/); // 16:00-17:59 WIB
      expect(recordedAt.slice(0, 10) >= valid, `${e.streamName}@${e.revision} ${e.type} valid ${valid} recorded ${recordedAt}`).toBe(true);
      if (recordedAt.slice(0, 10) > valid) laterThanValid++;
      expect(recordedAt >= (lastInStream.get(e.streamName) ?? ''), `${e.streamName}@${e.revision}`).toBe(true);
      lastInStream.set(e.streamName, recordedAt);
      expect(recordedAt <= '2025-06-30T10:59:00.000Z').toBe(true);
    }
    expect(laterThanValid).toBe(0); // with this generator every command is recorded on its own date
  });

  it('gives the events of one command one knowledge time, and a death is known only when its claim is filed', () => {
    const batches = [...generateDemo({ participants: 300, seed: 5 }, baselinePolicy)];
    const assessed = batches.flatMap((b) => b.events.flatMap((e, i) => (e.type === 'ProtectionLapsed' && b.events[i - 1]?.type === 'ArrearsRecorded' ? [[b.recordedAt[i - 1], b.recordedAt[i]]] : [])));
    expect(assessed.length).toBeGreaterThan(0);
    for (const [arrears, lapse] of assessed) expect(lapse).toBe(arrears);
    const filings = batches.flatMap((b) => b.events.flatMap((e, i) => (e.type === 'ClaimFiled' ? [{ incident: e.data.incident.date, filedOn: e.data.filedOn, recordedAt: b.recordedAt[i] ?? '' }] : [])));
    expect(filings.length).toBeGreaterThan(0);
    for (const f of filings) expect(f.recordedAt.slice(0, 10)).toBe(f.filedOn);
    expect(filings.every((f) => f.incident < f.filedOn)).toBe(true);
  });

  it('puts each claim decision in the log after the participant events it was decided on, and before those recorded later', async () => {
    const { events } = await demoLog(7);
    const decisions = events.filter((e) => e.type === 'ClaimApproved' || e.type === 'ClaimRejected');
    expect(decisions.length).toBeGreaterThan(0);
    for (const decision of decisions) {
      const participantId = (decision.data as { participantId?: string }).participantId ?? (events.find((e) => e.streamName === decision.streamName && e.type === 'ClaimFiled')?.data as { participantId: string }).participantId;
      const day = decision.metadata.recordedAt.slice(0, 10);
      for (const e of events.filter((x) => x.streamName === `participant-${participantId}`)) {
        if (e.globalPosition < decision.globalPosition) expect(e.metadata.recordedAt.slice(0, 10) <= day, `${e.streamName}@${e.revision} before ${decision.streamName}`).toBe(true);
        else expect(e.metadata.recordedAt.slice(0, 10) >= day, `${e.streamName}@${e.revision} after ${decision.streamName}`).toBe(true);
      }
    }
  });

  it('moves to the latest of the command date, the valid dates and the stream\'s last knowledge time, and counts minutes within a day', () => {
    const clock = streamKnowledgeClock();
    expect(clock('2024-03-01' as never, [])).toBe('2024-03-01T09:00:00.000Z');
    expect(clock('2024-03-01' as never, [])).toBe('2024-03-01T09:01:00.000Z');
    expect(clock('2024-02-27' as never, [])).toBe('2024-03-01T09:02:00.000Z');
    expect(clock('2024-03-04' as never, [])).toBe('2024-03-04T09:00:00.000Z');
  });

  it('refuses to write a history that runs past now', async () => {
    await expect(appendDemo(createInMemoryEventStore(), { participants: 10 }, baselinePolicy, () => '2025-06-01T00:00:00.000Z')).rejects.toThrow(DemoWriteFailed);
  });
});
