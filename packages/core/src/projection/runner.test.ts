import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { baselinePolicy, IsoDate, Period } from '@jamsos/domain';
import { coverageAsOf, coverageProjection, fundAsOf, fundMonthly, fundProjection } from '@jamsos/projections';
import { createCommandService } from '../services/command-service.js';
import { createInMemoryEventStore } from '../store/memory/memory-store.js';
import type { EventStore } from '../store/types.js';
import { collect, leftOf, rightOf } from '../testing/helpers.js';
import { createInMemoryReadModelStore } from './read-model-store.js';
import { runProjection } from './runner.js';

const gemetSekul = { type: 'regional-budget', regionId: '3672', programme: 'GEMET SEKUL', legalBasis: 'Perwal Cilegon 41/2024' };
const ids = [1, 2, 3, 4, 5, 6];
const monthArb = fc.integer({ min: 0, max: 17 }).map((m) => Period.add(Period.of(2024, 1), m));

/** Random commands that the real deciders accept or refuse: enrolments, payments, claims, decisions, disbursements. */
const commandArb = fc.oneof(
  { weight: 8, arbitrary: fc.record({ p: fc.constantFrom(...ids), period: monthArb, day: fc.integer({ min: 1, max: 28 }), late: fc.integer({ min: 0, max: 2 }), ref: fc.nat(5) }).map(({ p, period, day, late, ref }) => ({
    type: 'PayContribution', participantId: `p-00${p}`, period, total: p % 3 === 0 ? 312_000 : 16_800, payer: p % 3 === 0 ? { type: 'self' } : gemetSekul,
    paymentReference: `R-${p}-${period}-${ref}`, paidOn: Period.day(Period.add(period, late), day),
  })) },
  { weight: 1, arbitrary: fc.record({ p: fc.constantFrom(...ids), day: fc.integer({ min: 0, max: 540 }) }).map(({ p, day }) => ({
    type: 'FileClaim', claimId: `KLM-${p}`, participantId: `p-00${p}`, programme: 'JKM', incident: { type: 'death', date: IsoDate.addDays(IsoDate.of(2024, 1, 1), day), cause: 'not-work-related' },
    filedOn: IsoDate.addDays(IsoDate.of(2024, 1, 1), day + 2), branchId: p % 2 === 0 ? 'KC-SERANG' : 'KC-CILEGON', regionId: p % 2 === 0 ? '3604' : '3672', claimantName: 'x',
    heirs: [{ heirId: 'h1', name: 'x', relationship: 'spouse' }, { heirId: 'h2', name: 'y', relationship: 'child' }],
  })) },
  { weight: 1, arbitrary: fc.constantFrom(...ids).map((p) => ({ type: 'DecideClaim', claimId: `KLM-${p}`, decidedOn: '2025-08-01' })) },
  { weight: 1, arbitrary: fc.record({ p: fc.constantFrom(...ids), heir: fc.constantFrom('h1', 'h2'), amount: fc.constantFrom(21_000_000, 10_000_000, 1) }).map(({ p, heir, amount }) => ({
    type: 'DisburseBenefit', claimId: `KLM-${p}`, payee: { kind: 'heir', heirId: heir }, amount, reference: `T-${p}-${heir}-${amount}`, disbursedOn: '2025-08-05',
  })) },
  { weight: 1, arbitrary: fc.record({ p: fc.constantFrom(...ids), on: fc.integer({ min: 30, max: 560 }) }).map(({ p, on }) => ({ type: 'AssessArrears', participantId: `p-00${p}`, assessedOn: IsoDate.addDays(IsoDate.of(2024, 1, 1), on) })) },
);

const opening = (): unknown[] => [
  { type: 'RecordLabourForce', regionId: '3672', year: 2024, labourForce: 174_897, informalWorkers: 100_000, source: 'synthetic', publishedOn: '2024-02-01' },
  { type: 'SetCoverageTarget', regionId: '3672', year: 2024, target: { kind: 'share', bp: 5_500 }, source: 'synthetic', setOn: '2024-01-02' },
  ...ids.flatMap((p) => [
    { type: 'RegisterParticipant', participantId: `p-00${p}`, nik: `367201150785000${p}`, name: 'x', birthDate: '1985-07-15', domicileRegionId: '3672', registeredOn: '2024-01-02' },
    {
      type: 'EnrolParticipant', participantId: `p-00${p}`, programmes: p % 3 === 0 ? ['JKK', 'JKM', 'JHT'] : ['JKK', 'JKM'],
      terms: p % 3 === 0 ? { segment: 'PU', wage: 5_000_000, riskGroup: 1, employerId: 'NPP-1' } : { segment: 'BPU', declaredIncome: 1_000_000 },
      branchId: p % 2 === 0 ? 'KC-SERANG' : 'KC-CILEGON', regionId: p % 2 === 0 ? '3604' : '3672', category: p % 3 === 0 ? 'employee' : 'fisher',
      enrolledOn: `2024-0${(p % 4) + 1}-03`, firstPeriod: `2024-0${(p % 4) + 1}`, ...(p % 3 === 0 ? {} : { sponsor: gemetSekul }),
    },
  ]),
];

const dates = ['2024-02-10', '2024-06-30', '2024-12-31', '2025-03-16', '2025-09-30'] as IsoDate[];
const view = (coverage: Parameters<typeof coverageAsOf>[0], fund: Parameters<typeof fundAsOf>[0]) => ({
  coverage: dates.map((d) => coverageAsOf(coverage, d, baselinePolicy.at(d))),
  fund: dates.map((d) => fundAsOf(fund, d)),
  monthly: fundMonthly(fund, '2025-12-31' as IsoDate),
});

const stats: number[] = [];

describe('the projection runner', () => {
  it('incremental catch-up in any number of steps, with saves at any interval, equals a rebuild from zero', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(commandArb, { minLength: 10, maxLength: 120 }), fc.array(fc.nat(120), { maxLength: 5 }), fc.integer({ min: 1, max: 25 }), async (commands, cuts, saveEvery) => {
        const store = createInMemoryEventStore();
        const service = createCommandService({ store, clock: () => '2025-01-01T00:00:00.000Z', policy: baselinePolicy });
        const all = [...opening(), ...commands];
        const boundaries = [...new Set([...cuts.map((c) => Math.min(opening().length + c, all.length)), all.length])].sort((a, b) => a - b);
        const readModels = createInMemoryReadModelStore();
        for (const command of all.slice(0, opening().length)) rightOf(await service.execute(command)());
        let done = opening().length;
        let last;
        for (const boundary of boundaries) {
          for (const command of all.slice(done, boundary)) await service.execute(command)();
          done = boundary;
          const coverage = rightOf(await runProjection({ store, readModels, projection: coverageProjection, saveEvery })());
          const fund = rightOf(await runProjection({ store, readModels, projection: fundProjection, saveEvery })());
          last = { coverage: coverage.state, fund: fund.state };
        }
        stats.push(new Set((await collect(store.readAll())).map((e) => e.type)).size);
        const rebuiltCoverage = rightOf(await runProjection({ store, readModels: createInMemoryReadModelStore(), projection: coverageProjection })());
        const rebuiltFund = rightOf(await runProjection({ store, readModels: createInMemoryReadModelStore(), projection: fundProjection })());
        expect(view(last!.coverage, last!.fund)).toEqual(view(rebuiltCoverage.state, rebuiltFund.state));
        // and what was saved restores to the same answers
        const reloaded = rightOf(await runProjection({ store, readModels, projection: coverageProjection })());
        expect(reloaded.processed).toBe(0);
        expect(view(reloaded.state, rebuiltFund.state)).toEqual(view(rebuiltCoverage.state, rebuiltFund.state));
      }),
      { numRuns: 40 },
    );
    // The histories must be rich enough to mean something: most runs hold payments, claims and decisions, not just the opening.
    expect(stats.filter((kinds) => kinds >= 6).length).toBeGreaterThan(stats.length / 2); // contributions
    expect(stats.filter((kinds) => kinds >= 8).length).toBeGreaterThan(stats.length / 5); // claims filed and decided
  });

  it('resumes from its checkpoint: a second run folds only what is new', async () => {
    const store = createInMemoryEventStore();
    const service = createCommandService({ store, clock: () => '2025-01-01T00:00:00.000Z', policy: baselinePolicy });
    for (const command of opening()) rightOf(await service.execute(command)());
    const readModels = createInMemoryReadModelStore();
    const first = rightOf(await runProjection({ store, readModels, projection: coverageProjection })());
    expect(first).toMatchObject({ processed: 18, rebuilt: true });
    rightOf(await service.execute({ type: 'PayContribution', participantId: 'p-001', period: '2024-02', total: 16_800, payer: gemetSekul, paymentReference: 'REF-1', paidOn: '2024-02-10' })());
    expect(rightOf(await runProjection({ store, readModels, projection: coverageProjection })())).toMatchObject({ processed: 1, rebuilt: false });
    expect(rightOf(await runProjection({ store, readModels, projection: { ...coverageProjection, version: 2 } })())).toMatchObject({ processed: 19, rebuilt: true });
  });

  it('reports an event it cannot read, with its position, and saves nothing past it', async () => {
    const store = createInMemoryEventStore();
    await store.appendToStream('participant-x', [{ id: '00000000-0000-4000-8000-000000000001', type: 'ContributionPaid', data: {}, metadata: { schemaVersion: 7, recordedAt: '' } }], { expectedRevision: 'any' })();
    const readModels = createInMemoryReadModelStore();
    expect(leftOf(await runProjection({ store, readModels, projection: fundProjection })())).toMatchObject({ _tag: 'ProjectionDecodeFailure', type: 'ContributionPaid', reason: 'UnknownSchemaVersion' });
    expect(readModels.names()).toEqual([]);
  });

  it('turns a failing read into a StoreFailure', async () => {
    const broken: EventStore = {
      ...createInMemoryEventStore(),
      // eslint-disable-next-line require-yield
      readAll: async function* () {
        throw new Error('disk on fire');
      },
    };
    const result = await runProjection({ store: broken, readModels: createInMemoryReadModelStore(), projection: fundProjection })();
    expect(E.isLeft(result) && result.left._tag).toBe('StoreFailure');
  });
});
