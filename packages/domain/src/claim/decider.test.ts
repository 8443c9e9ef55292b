import { describe, expect, it } from 'vitest';
import { fold } from '../shared/decider.js';
import { participantDecider } from '../participant/decider.js';
import type { ParticipantEvent } from '../participant/events.js';
import { baselinePolicy } from '../policy/index.js';
import { spec } from '../testing/given-when-then.js';
import { bpuHistory, claimId, daughter, date, jkmFiled, mother, paidMonthly, participantId, ref, registered, enrolledBpu, sponsored, rp, son, widow } from '../testing/fixtures.js';
import type { ClaimCommand, ClaimCommandOf } from './commands.js';
import { claimDecider } from './decider.js';
import type { ClaimEvent, ClaimEventOf } from './events.js';

const given = spec(claimDecider(baselinePolicy));
const participant = (...events: ParticipantEvent[]) => fold(participantDecider(baselinePolicy).evolve, participantDecider(baselinePolicy).initialState, events);
const decide = (history: ParticipantEvent[], on = '2025-03-20'): ClaimCommandOf<'DecideClaim'> => ({ type: 'DecideClaim', claimId, decidedOn: date(on), participant: participant(...history) });
const fileJkm = (deathOn: string, heirs = [widow, son, daughter]): ClaimCommand => {
  const filed = jkmFiled(deathOn, heirs) as ClaimEventOf<'ClaimFiled'>;
  return { type: 'FileClaim', ...filed.data };
};
const approvedFor = (history: ParticipantEvent[], filed: ClaimEvent = jkmFiled('2025-03-10')): ClaimEventOf<'ClaimApproved'> =>
  given(filed).when(decide(history)).events()[0] as ClaimEventOf<'ClaimApproved'>;
const disburse = (heirId: string, amount: number, reference = `TRF-${heirId}`): ClaimCommand => ({
  type: 'DisburseBenefit',
  claimId,
  payee: { kind: 'heir', heirId },
  amount: rp(amount),
  reference: ref(reference),
  disbursedOn: date('2025-03-25'),
});

describe('filing a claim', () => {
  it('records a JKM death claim with its heirs', () => {
    expect(given().when(fileJkm('2025-03-10')).events()).toEqual([jkmFiled('2025-03-10')]);
  });
  it('recognises a repeat, and refuses the same number with other details', () => {
    expect(given(jkmFiled('2025-03-10')).when(fileJkm('2025-03-10')).events()).toEqual([]);
    expect(given(jkmFiled('2025-03-10')).when({ ...(fileJkm('2025-03-10') as ClaimCommandOf<'FileClaim'>), filedOn: date('2025-03-12') }).rejection()._tag).toBe('ClaimAlreadyFiled');
  });
  it('sends a death caused by work to JKK, and a death not caused by work to JKM', () => {
    const file = fileJkm('2025-03-10') as ClaimCommandOf<'FileClaim'>;
    expect(given().when({ ...file, incident: { type: 'death', date: date('2025-03-10'), cause: 'work-accident' } }).rejection()._tag).toBe('ProgrammeDoesNotMatchIncident');
    expect(given().when({ ...file, programme: 'JKK' }).rejection()._tag).toBe('ProgrammeDoesNotMatchIncident');
  });
  it('refuses an incident after the filing date', () => {
    expect(given().when({ ...(fileJkm('2025-03-10') as ClaimCommandOf<'FileClaim'>), filedOn: date('2025-03-09') }).rejection()._tag).toBe('IncidentAfterFiling');
  });
  it('refuses impossible injury details and duplicate heir ids', () => {
    const file = fileJkm('2025-03-10') as ClaimCommandOf<'FileClaim'>;
    const injury = { type: 'injury', date: date('2025-03-10'), cause: 'work-accident', medicalCosts: rp(0), homeCareCosts: rp(0), incapacityDays: -1, disability: { kind: 'none' } } as const;
    expect(given().when({ ...file, programme: 'JKK', incident: injury }).rejection()._tag).toBe('InvalidIncident');
    expect(given().when({ ...file, programme: 'JKK', incident: { ...injury, incapacityDays: 3, disability: { kind: 'partial', percentBp: 10_000 } } }).rejection()._tag).toBe('InvalidIncident');
    expect(given().when({ ...file, heirs: [widow, { ...son, heirId: 'h1' }] }).rejection()._tag).toBe('InvalidIncident');
  });
});

describe('deciding a JKM death claim', () => {
  it('approves Rp42,000,000 (lump sum, periodic, funeral) for a paid-up worker, split among widow and children', () => {
    const approved = approvedFor(bpuHistory('2025-03'));
    expect(approved.data.total).toBe(42_000_000);
    expect(approved.data.benefits.map((b) => [b.benefit, b.amount])).toEqual([
      ['jkm.lumpSum', 20_000_000],
      ['jkm.periodic', 12_000_000],
      ['jkm.funeral', 10_000_000],
    ]);
    expect(approved.data.benefits.every((b) => b.legalRef.includes('82/2019'))).toBe(true);
    expect(approved.data.allocations).toEqual([
      { payee: { kind: 'heir', heirId: 'h1' }, amount: 14_000_000 },
      { payee: { kind: 'heir', heirId: 'h2' }, amount: 14_000_000 },
      { payee: { kind: 'heir', heirId: 'h3' }, amount: 14_000_000 },
    ]);
    expect(approved.data.policyId).toBe(baselinePolicy.id);
  });
  it('pays the parents only when there is no spouse or child', () => {
    const withMother = approvedFor(bpuHistory('2025-03'), jkmFiled('2025-03-10', [widow, mother]));
    expect(withMother.data.allocations).toEqual([{ payee: { kind: 'heir', heirId: 'h1' }, amount: 42_000_000 }]);
    const onlyMother = approvedFor(bpuHistory('2025-03'), jkmFiled('2025-03-10', [mother]));
    expect(onlyMother.data.allocations).toEqual([{ payee: { kind: 'heir', heirId: 'h4' }, amount: 42_000_000 }]);
  });
  it('rejects a claim with no heir in the legal order', () => {
    const [rejected] = given(jkmFiled('2025-03-10', [])).when(decide(bpuHistory('2025-03'))).events();
    expect(rejected).toMatchObject({ type: 'ClaimRejected', data: { reason: { code: 'no-eligible-heirs' } } });
  });
  it('rejects a death in a month whose contribution was not paid', () => {
    const [rejected] = given(jkmFiled('2025-03-20')).when(decide(bpuHistory('2025-02'))).events();
    expect(rejected).toMatchObject({ type: 'ClaimRejected', data: { reason: { code: 'contribution-unpaid', period: '2025-03', dueDate: '2025-03-15' } } });
  });
  it('rejects JKM for a BPU worker with fewer than three months of contributions', () => {
    const [rejected] = given(jkmFiled('2024-02-20')).when(decide(bpuHistory('2024-02'))).events();
    expect(rejected).toMatchObject({ type: 'ClaimRejected', data: { reason: { code: 'minimum-contribution-period-not-met', requiredMonths: 3, paidMonths: 2 } } });
  });
  it('rejects a claim for someone never registered', () => {
    const [rejected] = given(jkmFiled('2025-03-10')).when(decide([])).events();
    expect(rejected).toMatchObject({ data: { reason: { code: 'participant-not-registered' } } });
  });
  it('is decided once: a repeat records nothing', () => {
    const approved = approvedFor(bpuHistory('2025-03'));
    expect(given(jkmFiled('2025-03-10'), approved).when(decide(bpuHistory('2025-03'))).events()).toEqual([]);
  });
  it('needs a filed claim, a decision after the filing, and the record of the claim\'s participant', () => {
    expect(given().when(decide(bpuHistory('2025-03'))).rejection()._tag).toBe('ClaimNotFiled');
    expect(given(jkmFiled('2025-03-10')).when(decide(bpuHistory('2025-03'), '2025-03-01')).rejection()._tag).toBe('DecisionBeforeFiling');
    const stranger = { ...registered, data: { ...registered.data, participantId: 'p-someone-else' } } as ParticipantEvent;
    expect(given(jkmFiled('2025-03-10')).when(decide([stranger])).rejection()._tag).toBe('WrongParticipantRecord');
  });
});

describe('deciding JKK claims', () => {
  const fileJkk = (incident: ClaimEventOf<'ClaimFiled'>['data']['incident'], filedOn: string = incident.date): ClaimEvent => {
    const base = jkmFiled(incident.date, [widow]) as ClaimEventOf<'ClaimFiled'>;
    return { type: 'ClaimFiled', data: { ...base.data, programme: 'JKK', incident, filedOn: date(filedOn) } };
  };
  it('pays 48 months of the declared income band plus funeral and periodic benefits on a work death: Rp70,000,000 at the lowest band', () => {
    const approved = approvedFor(bpuHistory('2025-03'), fileJkk({ type: 'death', date: date('2025-03-10'), cause: 'work-accident' }));
    expect(approved.data.wageBasis).toBe(1_000_000);
    expect(approved.data.total).toBe(70_000_000);
  });
  it('pays medical care to the provider and incapacity and disability to the worker', () => {
    const approved = approvedFor(
      bpuHistory('2025-03'),
      fileJkk({ type: 'injury', date: date('2025-03-10'), cause: 'commuting-accident', medicalCosts: rp(35_000_000), homeCareCosts: rp(25_000_000), incapacityDays: 60, disability: { kind: 'partial', percentBp: 1_000 } }),
    );
    // medical 35,000,000 + home care capped at 20,000,000; STMB 2 months x 1,000,000; disability 10% x 80 x 1,000,000
    expect(approved.data.allocations).toEqual([
      { payee: { kind: 'provider' }, amount: 55_000_000 },
      { payee: { kind: 'participant' }, amount: 10_000_000 },
    ]);
    expect(approved.data.total).toBe(65_000_000);
  });
  it('has no minimum contribution period', () => {
    const [approved] = given(fileJkk({ type: 'death', date: date('2024-01-20'), cause: 'work-accident' })).when(decide(bpuHistory('2024-01'))).events();
    expect(approved?.type).toBe('ClaimApproved');
  });
  it('rejects, rather than guesses, an incapacity benefit the policy has no value for (before PP 82/2019)', () => {
    const history = [{ ...registered }, { ...enrolledBpu, data: { ...enrolledBpu.data, enrolledOn: date('2019-01-05'), firstPeriod: '2019-01' } }, sponsored, ...paidMonthly('2019-01', '2019-06')] as ParticipantEvent[];
    const injury = { type: 'injury', date: date('2019-06-10'), cause: 'work-accident', medicalCosts: rp(1_000_000), homeCareCosts: rp(0), incapacityDays: 10, disability: { kind: 'none' } } as const;
    const [rejected] = given(fileJkk(injury)).when(decide(history, '2019-06-20')).events();
    expect(rejected).toMatchObject({ type: 'ClaimRejected', data: { reason: { code: 'policy-has-no-value', parameter: 'jkk.temporaryIncapacity.fullWageMonths', date: '2019-06-10' } } });
  });
  it('rejects a claim when protection had lapsed on the incident date', () => {
    const [rejected] = given(fileJkk({ type: 'death', date: date('2024-09-10'), cause: 'work-accident' })).when(decide(bpuHistory('2024-03'), '2024-09-20')).events();
    expect(rejected).toMatchObject({ type: 'ClaimRejected', data: { reason: { code: 'protection-lapsed', lapsedOn: '2024-08-01' } } });
  });
  it('is time-barred five years after the accident', () => {
    const late = fileJkk({ type: 'death', date: date('2024-03-10'), cause: 'work-accident' }, '2029-03-11');
    const [rejected] = given(late).when(decide(bpuHistory('2024-03'), '2029-03-12')).events();
    expect(rejected).toMatchObject({ type: 'ClaimRejected', data: { reason: { code: 'claim-time-barred', deadline: '2029-03-10' } } });
  });
});

describe('a verifier rejecting a claim', () => {
  const rejectClaim: ClaimCommand = { type: 'RejectClaim', claimId, decidedOn: date('2025-03-15'), note: 'death certificate missing' };
  it('records the rejection with the note, and recognises a repeat', () => {
    const [rejected] = given(jkmFiled('2025-03-10')).when(rejectClaim).events();
    expect(rejected).toMatchObject({ type: 'ClaimRejected', data: { reason: { code: 'verifier', note: 'death certificate missing' } } });
    expect(given(jkmFiled('2025-03-10'), rejected as ClaimEvent).when(rejectClaim).events()).toEqual([]);
  });
  it('cannot reject an approved claim', () => {
    expect(given(jkmFiled('2025-03-10'), approvedFor(bpuHistory('2025-03'))).when(rejectClaim).rejection()._tag).toBe('ClaimAlreadyDecided');
  });
});

describe('disbursing benefits', () => {
  const approvedHistory = (): ClaimEvent[] => [jkmFiled('2025-03-10'), approvedFor(bpuHistory('2025-03'))];
  it('pays an entitled heir their share', () => {
    expect(given(...approvedHistory()).when(disburse('h1', 14_000_000)).events()[0]).toMatchObject({ type: 'BenefitDisbursed', data: { amount: 14_000_000, programme: 'JKM', branchId: 'KC-CILEGON' } });
  });
  it('never pays more than approved for a payee', () => {
    expect(given(...approvedHistory()).when(disburse('h1', 14_000_001)).rejection()).toEqual({ _tag: 'ExceedsApprovedAmount', payee: 'heir:h1', remaining: 14_000_000, requested: 14_000_001 });
  });
  it('never pays twice: a repeat is recognised, a second payment is refused', () => {
    const first = given(...approvedHistory()).when(disburse('h1', 14_000_000)).events();
    expect(given(...approvedHistory(), ...first).when(disburse('h1', 14_000_000)).events()).toEqual([]);
    expect(given(...approvedHistory(), ...first).when(disburse('h1', 14_000_000, 'TRF-again')).rejection()._tag).toBe('ExceedsApprovedAmount');
  });
  it('refuses a reference already used for another payment', () => {
    const first = given(...approvedHistory()).when(disburse('h1', 7_000_000, 'TRF-1')).events();
    expect(given(...approvedHistory(), ...first).when(disburse('h2', 7_000_000, 'TRF-1')).rejection()._tag).toBe('DisbursementReferenceReused');
  });
  it('pays heirs in legal order: a parent is not entitled while a spouse exists', () => {
    const history = [jkmFiled('2025-03-10', [widow, mother]), approvedFor(bpuHistory('2025-03'), jkmFiled('2025-03-10', [widow, mother]))];
    expect(given(...history).when(disburse('h4', 1_000_000)).rejection()).toEqual({ _tag: 'PayeeNotEntitled', payee: 'heir:h4' });
  });
  it('pays only approved claims, and not before the approval', () => {
    expect(given(jkmFiled('2025-03-10')).when(disburse('h1', 1)).rejection()._tag).toBe('ClaimNotApproved');
    expect(given(...approvedHistory()).when({ ...(disburse('h1', 1) as ClaimCommandOf<'DisburseBenefit'>), disbursedOn: date('2025-03-19') }).rejection()._tag).toBe('DisbursementBeforeApproval');
  });
});

describe('the Cilegon monev case', () => {
  it('a city-sponsored fisher dies after a year of Rp16,800 contributions: the heirs receive Rp42,000,000', () => {
    const history = [registered, enrolledBpu, sponsored, ...paidMonthly('2024-01', '2025-03')];
    const approved = approvedFor(history, jkmFiled('2025-03-10', [widow]));
    expect(approved.data.allocations).toEqual([{ payee: { kind: 'heir', heirId: 'h1' }, amount: 42_000_000 }]);
    expect(participantId).toBe(approved.data.participantId);
  });
});
