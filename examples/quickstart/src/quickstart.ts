import * as E from 'fp-ts/lib/Either.js';
import { createCommandService, createInMemoryEventStore, type EventStore, type ExecuteError } from '@jamsos/core';
import { baselinePolicy, Period, Rupiah } from '@jamsos/domain';

/** Cilegon's GEMET SEKUL programme pays the contributions of vulnerable workers (Perwal Cilegon 41/2024). */
const gemetSekul = { type: 'regional-budget', regionId: '3672', programme: 'GEMET SEKUL', legalBasis: 'Perwal Cilegon 41/2024' } as const;
const participantId = 'p-3672-000001';
const claimId = 'KLM-3672-2025-000001';

/** One line of the story, as the example prints it. */
export interface Step {
  readonly what: string;
  readonly events: ReadonlyArray<string>;
}

/** What the example did and what it left in the store. */
export interface QuickstartOutcome {
  readonly steps: ReadonlyArray<Step>;
  readonly store: EventStore;
  readonly contributed: Rupiah;
  readonly disbursed: Rupiah;
}

/**
 * The README's example: enrol a fisher sponsored by the city, pay Rp16,800 a month for 15 months,
 * file a JKM claim when he dies of illness, decide it under the baseline policy, and pay the heirs.
 * All names and numbers are synthetic.
 */
export const runQuickstart = async (clock: () => string = () => new Date().toISOString()): Promise<QuickstartOutcome> => {
  const store = createInMemoryEventStore();
  const jamsos = createCommandService({ store, clock, policy: baselinePolicy });
  const steps: Step[] = [];
  const run = async (what: string, command: unknown) => {
    const result = await jamsos.execute(command)();
    if (E.isLeft(result)) throw new Error(`${what}: ${describe(result.left)}`);
    steps.push({ what, events: result.right.events.map((e) => e.type) });
    return result.right.events;
  };

  await run('register a fisher in Cilegon', { type: 'RegisterParticipant', participantId, nik: '3672011507850003', name: 'Ahmad Fauzi', birthDate: '1985-07-15', domicileRegionId: '3672', registeredOn: '2024-01-05' });
  await run('enrol him in BPU (JKK + JKM), sponsored by GEMET SEKUL', {
    type: 'EnrolParticipant',
    participantId,
    terms: { segment: 'BPU', declaredIncome: 1_000_000 },
    programmes: ['JKK', 'JKM'],
    branchId: 'KC-CILEGON',
    regionId: '3672',
    category: 'fisher',
    enrolledOn: '2024-01-05',
    firstPeriod: '2024-01',
    sponsor: gemetSekul,
  });
  let contributed = Rupiah.zero;
  for (const period of Period.range(Period.of(2024, 1), Period.of(2025, 3))) {
    await run(`the city pays Rp16,800 for ${period}`, { type: 'PayContribution', participantId, period, total: 16_800, payer: gemetSekul, paymentReference: `GEMET-${period}-000001`, paidOn: Period.day(period, 10) });
    contributed = Rupiah.add(contributed, Rupiah.of(16_800));
  }
  await run('he dies of illness on 10 March 2025; his widow files a JKM claim', {
    type: 'FileClaim',
    claimId,
    participantId,
    programme: 'JKM',
    incident: { type: 'death', date: '2025-03-10', cause: 'not-work-related' },
    filedOn: '2025-03-12',
    branchId: 'KC-CILEGON',
    regionId: '3672',
    claimantName: 'Siti Aminah',
    heirs: [{ heirId: 'h1', name: 'Siti Aminah', relationship: 'spouse' }],
  });
  const [approval] = await run('the branch decides the claim under the baseline policy', { type: 'DecideClaim', claimId, decidedOn: '2025-03-14' });
  if (approval?.type !== 'ClaimApproved') throw new Error(`expected an approval, got ${JSON.stringify(approval)}`);
  for (const line of approval.data.benefits) steps.push({ what: `  ${line.benefit} ${Rupiah.format(line.amount)} (${line.legalRef})`, events: [] });
  await run('Rp42,000,000 is transferred to the widow', { type: 'DisburseBenefit', claimId, payee: { kind: 'heir', heirId: 'h1' }, amount: approval.data.total, reference: 'TRF-20250317-0001', disbursedOn: '2025-03-17' });
  await run('the same transfer, sent again by mistake, is recognised', { type: 'DisburseBenefit', claimId, payee: { kind: 'heir', heirId: 'h1' }, amount: approval.data.total, reference: 'TRF-20250317-0001', disbursedOn: '2025-03-17' });

  let disbursed = Rupiah.zero;
  for await (const event of store.readAll({ filter: { eventTypes: ['BenefitDisbursed'] } })) disbursed = Rupiah.add(disbursed, (event.data as { amount: Rupiah }).amount);
  return { steps, store, contributed, disbursed };
};

/** A failed command, in words. */
const describe = (error: ExecuteError): string => ('message' in error ? error.message : JSON.stringify(error));
