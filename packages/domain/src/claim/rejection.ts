import * as t from 'io-ts';
import { IsoDateC, PeriodC } from '../values/calendar.js';
import { ProgrammeC } from '../values/scheme.js';

/**
 * Why a claim was rejected: one typed reason, with the figures that explain it. The first
 * group comes from the participant's protection record, the rest from the claim itself.
 */
export const ClaimRejectionReasonC = t.union(
  [
    t.type({ code: t.literal('participant-not-registered') }),
    t.type({ code: t.literal('not-enrolled') }),
    t.type({ code: t.literal('incident-before-membership'), membershipFrom: PeriodC }),
    t.type({ code: t.literal('programme-not-covered'), programme: ProgrammeC }),
    t.type({ code: t.literal('contribution-unpaid'), period: PeriodC, dueDate: IsoDateC }),
    t.type({ code: t.literal('protection-lapsed'), lapsedOn: IsoDateC }),
    t.type({ code: t.literal('coverage-ended'), coverageUntil: IsoDateC }),
    t.type({ code: t.literal('employer-in-arrears'), unpaidMonths: t.number }),
    t.type({ code: t.literal('minimum-contribution-period-not-met'), requiredMonths: t.number, paidMonths: t.number }),
    t.type({ code: t.literal('claim-time-barred'), deadline: IsoDateC }),
    t.type({ code: t.literal('no-eligible-heirs') }),
    t.type({ code: t.literal('policy-has-no-value'), parameter: t.string, date: IsoDateC }),
    t.type({ code: t.literal('verifier'), note: t.string }),
  ],
  'ClaimRejectionReason',
);
export type ClaimRejectionReason = t.TypeOf<typeof ClaimRejectionReasonC>;

/** The part of the rejection reasons that say the worker was not protected on the incident date. */
export type ProtectionGap = Extract<
  ClaimRejectionReason,
  {
    code:
      | 'participant-not-registered'
      | 'not-enrolled'
      | 'incident-before-membership'
      | 'programme-not-covered'
      | 'contribution-unpaid'
      | 'protection-lapsed'
      | 'coverage-ended'
      | 'employer-in-arrears';
  }
>;

/** One sentence a clerk can read, for each rejection reason. */
export const explainRejection = (reason: ClaimRejectionReason): string => {
  switch (reason.code) {
    case 'participant-not-registered':
      return 'the worker is not registered';
    case 'not-enrolled':
      return 'the worker is registered but not enrolled in any programme';
    case 'incident-before-membership':
      return `the incident happened before membership began (${reason.membershipFrom})`;
    case 'programme-not-covered':
      return `the worker is not enrolled in ${reason.programme}`;
    case 'contribution-unpaid':
      return `the contribution for ${reason.period} was not paid by ${reason.dueDate} nor before the incident`;
    case 'protection-lapsed':
      return `protection lapsed on ${reason.lapsedOn} because arrears exceeded the limit`;
    case 'coverage-ended':
      return `coverage ended on ${reason.coverageUntil}`;
    case 'employer-in-arrears':
      return `the employer was ${reason.unpaidMonths} months in arrears: the employer pays the benefits first`;
    case 'minimum-contribution-period-not-met':
      return `${reason.requiredMonths} months of contributions are required before this benefit; ${reason.paidMonths} were paid`;
    case 'claim-time-barred':
      return `the right to this benefit lapsed on ${reason.deadline}`;
    case 'no-eligible-heirs':
      return 'no heir in any group of the legal order was named';
    case 'policy-has-no-value':
      return `the policy has no value for ${reason.parameter} on ${reason.date}: a verifier must assess this claim by hand`;
    case 'verifier':
      return `rejected by the verifier: ${reason.note}`;
  }
};
