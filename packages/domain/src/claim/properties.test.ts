import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { participantDecider } from '../participant/decider.js';
import type { ParticipantEvent } from '../participant/events.js';
import { baselinePolicy } from '../policy/index.js';
import { fold } from '../shared/decider.js';
import { claimId, date, enrolledBpu, paidMonthly, participantId, registered, sponsored } from '../testing/fixtures.js';
import type { PaymentReference } from '../values/ids.js';
import { Rupiah } from '../values/rupiah.js';
import type { ClaimCommand } from './commands.js';
import { claimDecider } from './decider.js';
import { HeirRelationshipC, payeeKey, type ClaimEvent, type Heir, type Payee } from './events.js';

const decider = claimDecider(baselinePolicy);
const relationships = ['spouse', 'child', 'parent', 'grandchild', 'grandparent', 'sibling', 'parent-in-law', 'will-designee'] as const;
const heirsArb = fc.array(fc.constantFrom(...relationships), { maxLength: 6 }).map((rs) => rs.map((relationship, i): Heir => ({ heirId: `h${i + 1}`, name: `heir ${i + 1}`, relationship })));
const incidentArb = fc.oneof(
  fc.record({ programme: fc.constant('JKM' as const), incident: fc.constant({ type: 'death' as const, date: date('2025-03-10'), cause: 'not-work-related' as const }) }),
  fc.record({ programme: fc.constant('JKK' as const), incident: fc.constant({ type: 'death' as const, date: date('2025-03-10'), cause: 'work-accident' as const }) }),
  fc.record({
    programme: fc.constant('JKK' as const),
    incident: fc.record({
      type: fc.constant('injury' as const),
      date: fc.constant(date('2025-03-10')),
      cause: fc.constant('work-accident' as const),
      medicalCosts: fc.integer({ min: 0, max: 500_000_000 }).map(Rupiah.of),
      homeCareCosts: fc.integer({ min: 0, max: 50_000_000 }).map(Rupiah.of),
      incapacityDays: fc.integer({ min: 0, max: 800 }),
      disability: fc.oneof(fc.constant({ kind: 'none' as const }), fc.constant({ kind: 'total' as const }), fc.integer({ min: 1, max: 9_999 }).map((percentBp) => ({ kind: 'partial' as const, percentBp }))),
    }),
  }),
);
const payeeArb = fc.oneof(fc.integer({ min: 1, max: 6 }).map((i): Payee => ({ kind: 'heir', heirId: `h${i}` })), fc.constant<Payee>({ kind: 'participant' }), fc.constant<Payee>({ kind: 'provider' }));
const disburseArb = fc.record({ payee: payeeArb, amount: fc.integer({ min: 1, max: 80_000_000 }), ref: fc.integer({ min: 1, max: 12 }) }).map(
  ({ payee, amount, ref }): ClaimCommand => ({ type: 'DisburseBenefit', claimId, payee, amount: Rupiah.of(amount), reference: `TRF-${ref}` as PaymentReference, disbursedOn: date('2025-04-01') }),
);
const historyArb = fc.integer({ min: 0, max: 3 }).map((gap): ParticipantEvent[] => [registered, enrolledBpu, sponsored, ...paidMonthly('2024-01', ['2025-03', '2025-02', '2024-12', '2023-12'][gap] as string)]);

describe('claim decider properties', () => {
  it('conserves money: lines sum to the total, allocations sum to the total, and no payee is paid beyond their allocation', () => {
    fc.assert(
      fc.property(heirsArb, incidentArb, historyArb, fc.array(disburseArb, { maxLength: 20 }), (heirs, { programme, incident }, history, disbursements) => {
        const participant = fold(participantDecider(baselinePolicy).evolve, participantDecider(baselinePolicy).initialState, history);
        const commands: ClaimCommand[] = [
          { type: 'FileClaim', claimId, participantId, programme, incident, filedOn: date('2025-03-12'), branchId: enrolledBpu.data.branchId, regionId: enrolledBpu.data.regionId, claimantName: 'x', heirs },
          { type: 'DecideClaim', claimId, decidedOn: date('2025-03-20'), participant },
          ...disbursements,
        ];
        let state = decider.initialState;
        const events: ClaimEvent[] = [];
        for (const command of commands) {
          const decided = decider.decide(command, state);
          if (E.isLeft(decided)) continue;
          for (const event of decided.right) state = decider.evolve(state, event);
          events.push(...decided.right);
          if (decided.right.length > 0) expect(decider.decide(command, state)).toEqual(E.right([]));
        }
        const approval = events.find((e) => e.type === 'ClaimApproved');
        const paid = events.flatMap((e) => (e.type === 'BenefitDisbursed' ? [e.data] : []));
        if (approval === undefined || approval.type !== 'ClaimApproved') {
          expect(paid).toEqual([]);
          return;
        }
        const { total, benefits, allocations } = approval.data;
        expect(Rupiah.sum(benefits.map((b) => b.amount))).toBe(total);
        expect(Rupiah.sum(allocations.map((a) => a.amount))).toBe(total);
        for (const allocation of allocations) {
          const key = payeeKey(allocation.payee);
          expect(Rupiah.sum(paid.filter((p) => payeeKey(p.payee) === key).map((p) => p.amount))).toBeLessThanOrEqual(allocation.amount);
        }
        expect(paid.every((p) => allocations.some((a) => payeeKey(a.payee) === payeeKey(p.payee)))).toBe(true);
        if (incident.type === 'death') {
          const rank = (r: string) => baselinePolicy.at(incident.date).get('heirs.order').findIndex((group) => (group as ReadonlyArray<string>).includes(r));
          const best = Math.min(...heirs.map((h) => rank(h.relationship)));
          for (const a of allocations) expect(rank(heirs.find((h) => a.payee.kind === 'heir' && h.heirId === a.payee.heirId)?.relationship ?? '')).toBe(best);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('knows the same heir relationships as the policy', () => {
    const inPolicy = baselinePolicy.at(date('2025-01-01')).get('heirs.order').flat();
    expect([...inPolicy].sort()).toEqual([...relationships].sort());
    expect(relationships.every((r) => HeirRelationshipC.is(r))).toBe(true);
  });
});
