import * as E from 'fp-ts/lib/Either.js';
import {
  bpuIncomeBand,
  entitledHeirs,
  jkkDeathBenefit,
  jkkDisabilityBenefit,
  jkkMedicalCareBenefit,
  jkkTemporaryIncapacityBenefit,
  jkmDeathBenefit,
  splitAmongHeirs,
} from '../policy/calculations/index.js';
import type { ParameterName, PolicySnapshot } from '../policy/parameters.js';
import { tryGet } from '../policy/policy.js';
import type { PolicyLookup } from '../participant/decide.js';
import { monthsPaidBy, protectionOn } from '../participant/protection.js';
import type { Member } from '../participant/state.js';
import { IsoDate } from '../values/calendar.js';
import { Rupiah } from '../values/rupiah.js';
import type { ClaimCommand, ClaimCommandOf } from './commands.js';
import { payeeKey, type Allocation, type BenefitLine, type ClaimEvent, type ClaimEventOf } from './events.js';
import type { ClaimRejectionReason } from './rejection.js';
import type { ClaimCommandRejection } from './rejections.js';
import type { ClaimState } from './state.js';

type Decision = E.Either<ClaimCommandRejection, ReadonlyArray<ClaimEvent>>;
type Filed = ClaimEventOf<'ClaimFiled'>['data'];
const none: Decision = E.right([]);
const reject = (rejection: ClaimCommandRejection): Decision => E.left(rejection);

const isWorkRelated = (cause: string): boolean => cause !== 'not-work-related';

const file = (command: ClaimCommandOf<'FileClaim'>, state: ClaimState): Decision => {
  const { type: _type, ...data } = command;
  if (state.status !== 'none')
    return state.filed.participantId === data.participantId && state.filed.filedOn === data.filedOn ? none : reject({ _tag: 'ClaimAlreadyFiled' });
  const { incident, programme } = data;
  if (programme === 'JKM' && (incident.type !== 'death' || isWorkRelated(incident.cause)))
    return reject({ _tag: 'ProgrammeDoesNotMatchIncident', programme, incident: `${incident.type} (${incident.cause})`, hint: 'a death caused by work, and any injury, is claimed under JKK' });
  if (programme === 'JKK' && !isWorkRelated(incident.cause))
    return reject({ _tag: 'ProgrammeDoesNotMatchIncident', programme, incident: `${incident.type} (${incident.cause})`, hint: 'a death not caused by work is claimed under JKM' });
  if (incident.date > data.filedOn) return reject({ _tag: 'IncidentAfterFiling', incidentDate: incident.date, filedOn: data.filedOn });
  if (incident.type === 'injury') {
    const { incapacityDays, disability } = incident;
    if (!Number.isInteger(incapacityDays) || incapacityDays < 0) return reject({ _tag: 'InvalidIncident', problem: `incapacity days must be a whole number >= 0, got ${incapacityDays}` });
    if (disability.kind === 'partial' && (!Number.isInteger(disability.percentBp) || disability.percentBp <= 0 || disability.percentBp >= 10_000))
      return reject({ _tag: 'InvalidIncident', problem: `a partial disability is 1-9,999 bp (0.01%-99.99%), got ${disability.percentBp}` });
  }
  const ids = new Set(data.heirs.map((h) => h.heirId));
  if (ids.size !== data.heirs.length) return reject({ _tag: 'InvalidIncident', problem: 'each heir needs its own heirId' });
  return E.right([{ type: 'ClaimFiled', data: { ...data, heirs: [...data.heirs] } }]);
};

/** The monthly wage the JKK benefits are computed from: the declared income band (BPU) or the reported wage. */
const wageBasis = (member: Member, snapshot: PolicySnapshot): Rupiah => {
  const terms = member.enrolment.terms;
  switch (terms.segment) {
    case 'BPU':
      return Rupiah.of(bpuIncomeBand(snapshot, terms.declaredIncome).declaredIncome);
    case 'PMI':
      return terms.declaredIncome;
    case 'PU':
    case 'Jakon':
      return terms.wage;
  }
};

interface Benefits {
  readonly lines: ReadonlyArray<BenefitLine>;
  readonly allocations: ReadonlyArray<Allocation>;
}

const deathBenefits = (filed: Filed, snapshot: PolicySnapshot, wage: Rupiah): E.Either<ClaimRejectionReason, Benefits> => {
  const entitled = entitledHeirs(snapshot, filed.heirs);
  if (entitled.length === 0) return E.left({ code: 'no-eligible-heirs' });
  const benefit = filed.programme === 'JKM' ? jkmDeathBenefit(snapshot) : jkkDeathBenefit(snapshot, wage);
  const shares = splitAmongHeirs(snapshot, benefit.total, entitled);
  return E.right({ lines: benefit.lines, allocations: shares.map((s) => ({ payee: { kind: 'heir', heirId: s.heirId }, amount: s.amount })) });
};

/** The first parameter an injury's benefits need that the policy has no value for on the incident date. */
const missingInjuryParameter = (incident: Extract<Filed['incident'], { type: 'injury' }>, snapshot: PolicySnapshot): ParameterName | undefined => {
  const needed: ParameterName[] = ['jkk.homeCare.cap'];
  if (incident.incapacityDays > 0) needed.push('jkk.temporaryIncapacity.fullWageMonths', 'jkk.temporaryIncapacity.afterBp');
  if (incident.disability.kind !== 'none') needed.push('jkk.disability.wageMultiplier', 'jkk.disability.totalBp');
  return needed.find((name) => tryGet(snapshot, name) === undefined);
};

const injuryBenefits = (incident: Extract<Filed['incident'], { type: 'injury' }>, snapshot: PolicySnapshot, wage: Rupiah): Benefits => {
  const medical = jkkMedicalCareBenefit(snapshot, { medicalCosts: incident.medicalCosts, homeCareCosts: incident.homeCareCosts });
  const toWorker = [
    ...(incident.incapacityDays > 0 ? jkkTemporaryIncapacityBenefit(snapshot, wage, incident.incapacityDays).lines : []),
    ...(incident.disability.kind === 'none' ? [] : jkkDisabilityBenefit(snapshot, wage, incident.disability).lines),
  ];
  const allocations: Allocation[] = [];
  if (medical.total > 0) allocations.push({ payee: { kind: 'provider' }, amount: medical.total });
  const workerTotal = Rupiah.sum(toWorker.map((l) => l.amount));
  if (workerTotal > 0) allocations.push({ payee: { kind: 'participant' }, amount: workerTotal });
  return { lines: [...medical.lines.filter((l) => l.amount > 0), ...toWorker], allocations };
};

/** Judges a filed claim: protection on the incident date, minimum periods, time bars, heirs; then the benefits. */
const judge = (filed: Filed, command: ClaimCommandOf<'DecideClaim'>, policy: PolicyLookup): E.Either<ClaimRejectionReason, Benefits & { wage: Rupiah }> => {
  const { incident, programme } = filed;
  const snapshot = policy.at(incident.date);
  if (programme === 'JKK') {
    const deadline = IsoDate.addYears(incident.date, snapshot.get('jkk.claim.limitationYears'));
    if (filed.filedOn > deadline) return E.left({ code: 'claim-time-barred', deadline });
  }
  const participant = command.participant;
  const protection = protectionOn(participant, incident.date, snapshot, programme);
  if (E.isLeft(protection)) return protection;
  const member = participant as Member; // protectionOn succeeds only for members
  if (programme === 'JKM' && member.enrolment.terms.segment === 'BPU') {
    const requiredMonths = snapshot.get('bpu.jkm.minimumContributionMonths');
    const paidMonths = monthsPaidBy(member, incident.date);
    if (paidMonths < requiredMonths) return E.left({ code: 'minimum-contribution-period-not-met', requiredMonths, paidMonths });
  }
  const wage = wageBasis(member, snapshot);
  if (incident.type === 'injury') {
    const missing = missingInjuryParameter(incident, snapshot);
    if (missing !== undefined) return E.left({ code: 'policy-has-no-value', parameter: missing, date: incident.date });
  }
  const benefits = incident.type === 'death' ? deathBenefits(filed, snapshot, wage) : E.right(injuryBenefits(incident, snapshot, wage));
  // Written out, not spread: a literal that starts with a spread and adds keys is a slow path in V8 (Node 20).
  return E.map((b: Benefits) => ({ lines: b.lines, allocations: b.allocations, wage }))(benefits);
};

const decideFiled = (command: ClaimCommandOf<'DecideClaim'>, state: ClaimState, policy: PolicyLookup): Decision => {
  if (state.status === 'none') return reject({ _tag: 'ClaimNotFiled' });
  if (state.status !== 'filed') return none; // already decided: a repeat changes nothing
  const { filed } = state;
  if (command.participant.status !== 'unregistered' && command.participant.participantId !== filed.participantId)
    return reject({ _tag: 'WrongParticipantRecord', expected: filed.participantId });
  if (command.decidedOn < filed.filedOn) return reject({ _tag: 'DecisionBeforeFiling', filedOn: filed.filedOn });
  const { claimId, participantId, branchId } = filed;
  const { decidedOn } = command;
  const policyId = policy.id;
  const outcome = judge(filed, command, policy);
  // The fields common to both decisions are written out in each, not spread from one object: a literal
  // that starts with a spread and adds keys is a slow path in V8 (Node 20), some microseconds a decision.
  if (E.isLeft(outcome)) return E.right([{ type: 'ClaimRejected', data: { claimId, participantId, decidedOn, policyId, branchId, reason: outcome.left } }]);
  const { lines, allocations, wage } = outcome.right;
  const total = Rupiah.sum(lines.map((l) => l.amount));
  return E.right([{ type: 'ClaimApproved', data: { claimId, participantId, decidedOn, policyId, branchId, programme: filed.programme, wageBasis: wage, benefits: lines, allocations, total } }]);
};

const rejectByVerifier = (command: ClaimCommandOf<'RejectClaim'>, state: ClaimState, policy: PolicyLookup): Decision => {
  if (state.status === 'none') return reject({ _tag: 'ClaimNotFiled' });
  if (state.status === 'rejected' && state.rejection.reason.code === 'verifier' && state.rejection.reason.note === command.note) return none;
  if (state.status !== 'filed') return reject({ _tag: 'ClaimAlreadyDecided', status: state.status });
  if (command.decidedOn < state.filed.filedOn) return reject({ _tag: 'DecisionBeforeFiling', filedOn: state.filed.filedOn });
  const { filed } = state;
  return E.right([
    {
      type: 'ClaimRejected',
      data: { claimId: filed.claimId, participantId: filed.participantId, decidedOn: command.decidedOn, policyId: policy.id, branchId: filed.branchId, reason: { code: 'verifier', note: command.note } },
    },
  ]);
};

const disburse = (command: ClaimCommandOf<'DisburseBenefit'>, state: ClaimState): Decision => {
  if (state.status !== 'approved') return reject({ _tag: 'ClaimNotApproved', status: state.status });
  const key = payeeKey(command.payee);
  const previous = state.references.get(command.reference);
  if (previous !== undefined)
    return previous.payeeKey === key && previous.amount === command.amount ? none : reject({ _tag: 'DisbursementReferenceReused', reference: command.reference });
  const allocated = state.allocated.get(key);
  if (allocated === undefined) return reject({ _tag: 'PayeeNotEntitled', payee: key });
  const remaining = Rupiah.sub(allocated, state.disbursed.get(key) ?? Rupiah.zero);
  if (command.amount > remaining) return reject({ _tag: 'ExceedsApprovedAmount', payee: key, remaining, requested: command.amount });
  if (command.disbursedOn < state.approval.decidedOn) return reject({ _tag: 'DisbursementBeforeApproval', approvedOn: state.approval.decidedOn });
  const { filed } = state;
  return E.right([
    {
      type: 'BenefitDisbursed',
      data: {
        claimId: filed.claimId,
        participantId: filed.participantId,
        programme: filed.programme,
        payee: command.payee,
        amount: command.amount,
        reference: command.reference,
        disbursedOn: command.disbursedOn,
        branchId: filed.branchId,
      },
    },
  ]);
};

/** Decides a claim command under a policy: the events it causes, or a typed rejection. */
export const decideClaim =
  (policy: PolicyLookup) =>
  (command: ClaimCommand, state: ClaimState): Decision => {
    switch (command.type) {
      case 'FileClaim':
        return file(command, state);
      case 'DecideClaim':
        return decideFiled(command, state, policy);
      case 'RejectClaim':
        return rejectByVerifier(command, state, policy);
      case 'DisburseBenefit':
        return disburse(command, state);
    }
  };
