import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { baselinePolicy, IsoDate, personalDataFields, type JamsosEventType } from '@jamsos/domain';
import { coverageProjection, fundProjection, type Projection } from '@jamsos/projections';
import { verifyChains } from '../audit/chain/verify.js';
import { withHashChain } from '../audit/chain/with-hash-chain.js';
import { auditAnomalies } from '../audit/findings/anomalies.js';
import { balanceAsOf, foldFund } from '../audit/findings/balance.js';
import { createInMemoryReadModelStore } from '../projection/read-model-store.js';
import { runProjection } from '../projection/runner.js';
import { createCommandService } from '../services/command-service.js';
import { createInMemoryEventStore } from '../store/memory/memory-store.js';
import type { EventStore } from '../store/types.js';
import { collect, rightOf } from '../testing/helpers.js';
import { sampleHistory } from '../testing/sample-history.js';
import { prepareScenario, runWhatIf } from '../what-if/what-if.js';
import { forgetParticipant } from './forget.js';
import { createInMemoryKeyring, seededRandomBytes } from './keyring.js';
import { jamsosPersonalData, REDACTED_TEXT } from './schema.js';
import { mapAtPath } from './paths.js';
import { withPersonalDataEncryption, type PersonalDataStore } from './with-personal-data-encryption.js';

const clock = () => '2025-09-01T00:00:00.000Z';
const participants = ['p-001', 'p-002', 'p-003', 'p-004', 'p-005', 'p-006'];

/** The sample history (seeded) written through the command service into a hash-chained, encrypting memory store. */
const recorded = async (seed: number, commands: number): Promise<{ readonly inner: EventStore; readonly store: PersonalDataStore }> => {
  const inner = createInMemoryEventStore();
  const store = withPersonalDataEncryption(withHashChain(inner), createInMemoryKeyring({ random: seededRandomBytes(seed) }), { random: seededRandomBytes(seed + 1) });
  const service = createCommandService({ store, clock, policy: baselinePolicy });
  for (const command of sampleHistory(seed, commands)) await service.execute(command)();
  return { inner, store };
};

const rebuilt = async <S,>(store: EventStore, projection: Projection<S>): Promise<unknown> =>
  JSON.parse(JSON.stringify(projection.serialize(rightOf(await runProjection({ store, readModels: createInMemoryReadModelStore(), projection })()).state)));

/** Everything that counts or sums: both projections rebuilt, the audit balance and history of anomalies. */
const figures = async (store: EventStore) => {
  const fold = rightOf(await foldFund(store)());
  return {
    coverage: await rebuilt(store, coverageProjection),
    fund: await rebuilt(store, fundProjection),
    balance: balanceAsOf(fold.fund, IsoDate.of(2025, 12, 31)),
    undecodable: fold.undecodable,
    anomalies: rightOf(await auditAnomalies(store)()),
  };
};

/** Every personal field value read back, by event and path, with the participant it belongs to. */
const personalValues = async (store: EventStore): Promise<Array<{ readonly subject: string | undefined; readonly value: unknown }>> => {
  const values: Array<{ subject: string | undefined; value: unknown }> = [];
  for (const event of await collect(store.readAll()))
    for (const field of jamsosPersonalData.fieldsOf(event.type)) {
      const subject = jamsosPersonalData.subjectOf(event.type, event.data);
      mapAtPath(event.data, field.segments, (value) => (value !== undefined && values.push({ subject, value }), value));
    }
  return values;
};

describe('forgetting participants (crypto-shredding)', () => {
  it('given a random history, when random participants are forgotten, then projections, the audit balance and anomalies are unchanged, their fields read redacted, others not, and the chain verifies before and after', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 10, max: 80 }), fc.subarray(participants, { minLength: 1 }), async (seed, commands, forgotten) => {
        const { inner, store } = await recorded(seed, commands);
        expect(rightOf(await verifyChains(inner)()).findings).toEqual([]);
        const before = await figures(store);
        expect(before.undecodable).toEqual([]);

        for (const participantId of forgotten) expect(rightOf(await forgetParticipant(store, participantId, { clock })())).toMatchObject({ _tag: 'Forgotten', keyDestroyed: true, plaintextFields: 0 });

        expect(await figures(store)).toEqual(before);
        expect(await figures(store.redacted)).toEqual(before);
        expect(rightOf(await verifyChains(inner)()).findings).toEqual([]);
        for (const { subject, value } of await personalValues(store)) {
          if (forgotten.includes(subject ?? '')) expect(value === REDACTED_TEXT || value === '1199990101009999' || value === '1900-01-01').toBe(true);
          else expect(['x', 'y', '1985-07-15'].includes(value as string) || /^367201150785000\d$/.test(value as string)).toBe(true);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('given a forgotten participant, when forgotten again, then AlreadyForgotten; an unknown participant is UnknownParticipant; nothing in the store changes', async () => {
    const { inner, store } = await recorded(5, 20);
    const stored = JSON.stringify(await collect(inner.readAll()));
    expect(rightOf(await forgetParticipant(store, 'p-001', { clock })())).toMatchObject({ _tag: 'Forgotten', participantId: 'p-001', forgottenAt: clock() });
    expect(rightOf(await forgetParticipant(store, 'p-001', { clock: () => '2026-01-01T00:00:00.000Z' })())).toEqual({ _tag: 'AlreadyForgotten', participantId: 'p-001', forgottenAt: clock() });
    expect(rightOf(await forgetParticipant(store, 'p-999', { clock })())).toEqual({ _tag: 'UnknownParticipant', participantId: 'p-999' });
    expect(JSON.stringify(await collect(inner.readAll()))).toBe(stored);
  });

  it('given participants registered in plaintext before encryption, when forgotten, then the tombstone is made and the plaintext fields left behind are counted', async () => {
    const inner = createInMemoryEventStore();
    const service = createCommandService({ store: inner, clock, policy: baselinePolicy });
    for (const command of sampleHistory(3, 0)) await service.execute(command)();
    const store = withPersonalDataEncryption(inner, createInMemoryKeyring());
    expect(rightOf(await forgetParticipant(store, 'p-002', { clock })())).toEqual({
      _tag: 'Forgotten',
      participantId: 'p-002',
      forgottenAt: clock(),
      keyDestroyed: false,
      wiped: true,
      plaintextFields: personalDataFields('ParticipantRegistered' as JamsosEventType).length,
    });
  });

  it('given a random history, when participants are forgotten, then a what-if under the baseline gives the same report as before', async () => {
    const { store } = await recorded(42, 80);
    const scenario = rightOf(prepareScenario({ baseline: baselinePolicy }));
    const before = rightOf(await runWhatIf(store, scenario)());
    expect(before.replay.eventsEmitted).toBeGreaterThan(30);
    for (const participantId of participants.slice(0, 3)) rightOf(await forgetParticipant(store, participantId, { clock })());
    expect(rightOf(await runWhatIf(store, scenario)())).toEqual(before);
    expect(rightOf(await runWhatIf(store, scenario, {}, { validate: true })())).toEqual(before);
  });
});
