/** Random but realistic command histories for the audit's property tests: payments kept or missed, lapses, re-enrolment, claims decided and paid. */
import fc from 'fast-check';
import { IsoDate, Period } from '@jamsos/domain';
import { gemetSekul } from './raw-events.test-support.js';

interface Dated {
  readonly on: string;
  /** Orders commands of one day: enrol, pay, assess, file, decide, disburse. */
  readonly rank: number;
  readonly command: Record<string, unknown>;
}

const monthStatus = fc.oneof(
  { weight: 9, arbitrary: fc.constant('on-time' as const) },
  { weight: 1, arbitrary: fc.constant('late' as const) },
  { weight: 1, arbitrary: fc.constant('arrears' as const) },
  { weight: 1, arbitrary: fc.constant('skip' as const) },
);
const people = [
  { p: 'p-audit-0001', nik: '3672011507850001', branchId: 'KC-CILEGON', regionId: '3672' },
  { p: 'p-audit-0002', nik: '3604011507850002', branchId: 'KC-SERANG', regionId: '3604' },
  { p: 'p-audit-0003', nik: '3672011507850003', branchId: 'KC-CILEGON', regionId: '3672' },
] as const;
const start = IsoDate.of(2024, 1, 1);
const MONTHS = 20;

const personArbitrary = (who: (typeof people)[number]) =>
  fc.record({
    firstMonth: fc.integer({ min: 0, max: 2 }),
    months: fc.array(monthStatus, { minLength: MONTHS, maxLength: MONTHS }),
    days: fc.array(fc.integer({ min: 1, max: 13 }), { minLength: MONTHS, maxLength: MONTHS }),
    assessments: fc.array(fc.integer({ min: 30, max: 600 }), { maxLength: 4 }),
    reEnrolOn: fc.option(fc.integer({ min: 200, max: 560 })),
    claim: fc.option(
      fc.record({
        kind: fc.constantFrom('jkm-death', 'jkk-death', 'jkk-injury'),
        incidentDay: fc.integer({ min: 20, max: 590 }),
        filedAfter: fc.integer({ min: 0, max: 10 }),
        decidedAfter: fc.integer({ min: 0, max: 5 }),
        medicalCosts: fc.integer({ min: 0, max: 30_000_000 }),
        payments: fc.array(fc.record({ payee: fc.constantFrom('h1', 'h2', 'participant', 'provider'), amount: fc.constantFrom(1, 10_500_000, 17_500_000, 21_000_000, 35_000_000), after: fc.integer({ min: 0, max: 30 }) }), { maxLength: 5 }),
      }),
    ),
  }).map((r) => {
    const out: Dated[] = [];
    const first = Period.add(Period.of(2024, 1), r.firstMonth);
    const self = who.p.endsWith('2');
    const payer = self ? { type: 'self' } : gemetSekul;
    out.push({ on: Period.day(first, 2), rank: 0, command: { type: 'RegisterParticipant', participantId: who.p, nik: who.nik, name: 'x', birthDate: '1985-07-15', domicileRegionId: who.regionId, registeredOn: Period.day(first, 2) } });
    const enrol = (on: IsoDate, from: Period) => ({
      type: 'EnrolParticipant', participantId: who.p, terms: { segment: 'BPU', declaredIncome: 1_000_000 }, programmes: ['JKK', 'JKM'], branchId: who.branchId, regionId: who.regionId,
      category: 'fisher', enrolledOn: on, firstPeriod: from, ...(self ? {} : { sponsor: gemetSekul }),
    });
    out.push({ on: Period.day(first, 2), rank: 0, command: enrol(Period.day(first, 2), first) });
    r.months.forEach((status, i) => {
      if (status === 'skip') return;
      const period = Period.add(first, i);
      const day = r.days[i] ?? 1;
      // late: after the 15th of the month; arrears: paid one to two months later, inside the window
      const paidOn = status === 'late' ? Period.day(period, day + 15) : status === 'arrears' ? Period.day(Period.add(period, 1 + (day % 2)), day) : Period.day(period, day);
      out.push({ on: paidOn, rank: 1, command: { type: 'PayContribution', participantId: who.p, period, total: 16_800, payer, paymentReference: `PAY-${who.p}-${period}`, paidOn } });
    });
    for (const day of r.assessments) out.push({ on: IsoDate.addDays(start, day), rank: 2, command: { type: 'AssessArrears', participantId: who.p, assessedOn: IsoDate.addDays(start, day) } });
    if (r.reEnrolOn !== null) {
      const on = IsoDate.addDays(start, r.reEnrolOn);
      out.push({ on, rank: 0, command: enrol(on, IsoDate.period(on)) });
    }
    if (r.claim !== null) {
      const c = r.claim;
      const claimId = `KLM-${who.p}`;
      const incidentOn = IsoDate.addDays(start, c.incidentDay);
      const filedOn = IsoDate.addDays(incidentOn, c.filedAfter);
      const decidedOn = IsoDate.addDays(filedOn, c.decidedAfter);
      const incident =
        c.kind === 'jkk-injury'
          ? { type: 'injury', date: incidentOn, cause: 'work-accident', medicalCosts: c.medicalCosts, homeCareCosts: 0, incapacityDays: 10, disability: { kind: 'none' } }
          : { type: 'death', date: incidentOn, cause: c.kind === 'jkm-death' ? 'not-work-related' : 'work-accident' };
      out.push({
        on: filedOn, rank: 3,
        command: {
          type: 'FileClaim', claimId, participantId: who.p, programme: c.kind === 'jkm-death' ? 'JKM' : 'JKK', incident, filedOn, branchId: who.branchId, regionId: who.regionId, claimantName: 'x',
          heirs: [{ heirId: 'h1', name: 'x', relationship: 'spouse' }, { heirId: 'h2', name: 'y', relationship: 'child' }],
        },
      });
      out.push({ on: decidedOn, rank: 4, command: { type: 'DecideClaim', claimId, decidedOn } });
      c.payments.forEach((p, i) => {
        const payee = p.payee === 'h1' || p.payee === 'h2' ? { kind: 'heir', heirId: p.payee } : { kind: p.payee };
        const on = IsoDate.addDays(decidedOn, p.after);
        out.push({ on, rank: 5, command: { type: 'DisburseBenefit', claimId, payee, amount: p.payee === 'provider' ? Math.max(1, c.medicalCosts) : p.amount, reference: `TRF-${who.p}-${i}`, disbursedOn: on } });
      });
    }
    return out;
  });

/** Commands for three BPU workers over 2024-2025 in date order: the real deciders accept or refuse each. */
export const cleanHistoryArbitrary: fc.Arbitrary<ReadonlyArray<Record<string, unknown>>> = fc
  .tuple(...people.map(personArbitrary))
  .map((lists) => lists.flat().sort((a, b) => (a.on !== b.on ? (a.on < b.on ? -1 : 1) : a.rank - b.rank)).map((d) => d.command));
