import type { ContributionLine } from './events.js';
import type { IsoDate, Period } from '../values/calendar.js';
import type { Rupiah } from '../values/rupiah.js';
import type { Programme, Segment } from '../values/scheme.js';

/** Why a participant command was refused: a tagged union, each with the facts that explain it. */
export type ParticipantRejection =
  | { readonly _tag: 'NotRegistered' }
  | { readonly _tag: 'AlreadyRegistered' }
  /** Which parts of the birth date differ from the NIK's digits 7-12; the dates themselves are personal data and stay out of the message. */
  | { readonly _tag: 'BirthDateDoesNotMatchNik'; readonly differs: ReadonlyArray<'day' | 'month' | 'year'> }
  | { readonly _tag: 'NotEnrolled' }
  | { readonly _tag: 'AlreadyEnrolled'; readonly since: IsoDate }
  | { readonly _tag: 'ProgrammesNotAllowed'; readonly segment: Segment; readonly missing: ReadonlyArray<Programme>; readonly notAllowed: ReadonlyArray<Programme> }
  | { readonly _tag: 'FirstPeriodBeforeEnrolment'; readonly firstPeriod: Period; readonly enrolledOn: IsoDate }
  | { readonly _tag: 'CoverageEndsBeforeItStarts'; readonly coverageUntil: IsoDate }
  | { readonly _tag: 'SponsorshipAlreadyOpen'; readonly sponsorKey: string }
  | { readonly _tag: 'NoOpenSponsorship'; readonly sponsorKey: string }
  | { readonly _tag: 'SponsorshipEndsBeforeItStarts'; readonly fromPeriod: Period; readonly lastPeriod: Period }
  | { readonly _tag: 'ProtectionHasLapsed'; readonly lapsedOn: IsoDate }
  | { readonly _tag: 'PeriodBeforeMembership'; readonly period: Period; readonly membershipFrom: Period }
  | { readonly _tag: 'PeriodTooFarAhead'; readonly period: Period; readonly latest: Period }
  | { readonly _tag: 'PeriodAlreadyPaid'; readonly period: Period; readonly paymentReference: string }
  | { readonly _tag: 'PaymentReferenceReused'; readonly paymentReference: string; readonly period: Period }
  | { readonly _tag: 'AmountDoesNotMatchPolicy'; readonly expected: { readonly total: Rupiah; readonly lines: ReadonlyArray<ContributionLine> }; readonly paid: Rupiah }
  | { readonly _tag: 'PayerIsNotSponsor'; readonly payer: string; readonly period: Period }
  | { readonly _tag: 'ContributionsArePerProject'; readonly segment: Segment };

/** One sentence a clerk can act on, for each rejection. */
export const explainParticipantRejection = (r: ParticipantRejection): string => {
  switch (r._tag) {
    case 'NotRegistered':
      return 'the participant is not registered: register them first';
    case 'AlreadyRegistered':
      return 'the participant is already registered with other details';
    case 'BirthDateDoesNotMatchNik':
      return `the birth date does not match the date in the NIK (digits 7-12: day, plus 40 for women, month, two-digit year): the ${r.differs.join(' and the ')} differ${r.differs.length === 1 ? 's' : ''}`;
    case 'NotEnrolled':
      return 'the participant is not enrolled: enrol them first';
    case 'AlreadyEnrolled':
      return `the participant is already enrolled (since ${r.since})`;
    case 'ProgrammesNotAllowed':
      return `${r.segment} membership ${r.missing.length > 0 ? `requires ${r.missing.join(', ')}` : ''}${r.missing.length > 0 && r.notAllowed.length > 0 ? ' and ' : ''}${r.notAllowed.length > 0 ? `does not offer ${r.notAllowed.join(', ')}` : ''}`;
    case 'FirstPeriodBeforeEnrolment':
      return `the first period ${r.firstPeriod} is before the enrolment date ${r.enrolledOn}: protection cannot be backdated`;
    case 'CoverageEndsBeforeItStarts':
      return `the coverage end ${r.coverageUntil} is before the first period`;
    case 'SponsorshipAlreadyOpen':
      return `a sponsorship by ${r.sponsorKey} is already open`;
    case 'NoOpenSponsorship':
      return `there is no open sponsorship by ${r.sponsorKey}`;
    case 'SponsorshipEndsBeforeItStarts':
      return `the sponsorship's last period ${r.lastPeriod} is before its first period ${r.fromPeriod}`;
    case 'ProtectionHasLapsed':
      return `protection lapsed on ${r.lapsedOn} (arrears beyond the limit): the participant must re-enrol before paying`;
    case 'PeriodBeforeMembership':
      return `${r.period} is before membership began (${r.membershipFrom})`;
    case 'PeriodTooFarAhead':
      return `${r.period} is too far ahead: the latest month that may be paid now is ${r.latest}`;
    case 'PeriodAlreadyPaid':
      return `${r.period} is already paid (reference ${r.paymentReference})`;
    case 'PaymentReferenceReused':
      return `payment reference ${r.paymentReference} was already used for ${r.period}`;
    case 'AmountDoesNotMatchPolicy':
      return `the amount paid (${r.paid}) is not the contribution due (${r.expected.total}: ${r.expected.lines.map((l) => `${l.programme} ${l.amount}`).join(', ')})`;
    case 'PayerIsNotSponsor':
      return `${r.payer} does not sponsor this participant for ${r.period}`;
    case 'ContributionsArePerProject':
      return `${r.segment} contributions are paid per project or placement, not per month`;
  }
};
