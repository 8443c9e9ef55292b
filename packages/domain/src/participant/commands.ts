import * as t from 'io-ts';
import { IsoDateC, PeriodC } from '../values/calendar.js';
import { ParticipantIdC, PaymentReferenceC } from '../values/ids.js';
import { PositiveRupiahC } from '../values/rupiah.js';
import { SponsorC } from '../values/sponsor.js';
import { ContributionLineC, ParticipantEnrolled, ParticipantRegistered, SponsorshipEnded, SponsorshipStarted } from './events.js';

/** Register a person: their NIK, name and birth date (personal data) and where they live. Same fields as the event. */
export const RegisterParticipantC = t.intersection([t.type({ type: t.literal('RegisterParticipant') }), ParticipantRegistered.codec]);

/** Enrol a registered person (or re-enrol a lapsed one), optionally with a sponsor from the first period. */
export const EnrolParticipantC = t.intersection([t.type({ type: t.literal('EnrolParticipant') }), ParticipantEnrolled.codec, t.partial({ sponsor: SponsorC })]);

/** A sponsor takes on the participant's contributions from a period. */
export const StartSponsorshipC = t.intersection([t.type({ type: t.literal('StartSponsorship') }), SponsorshipStarted.codec]);

/** A sponsorship ends after its last period. */
export const EndSponsorshipC = t.intersection([t.type({ type: t.literal('EndSponsorship') }), SponsorshipEnded.codec]);

/** Record a month's contribution. Lines per programme are optional: the policy splits the total when absent. */
export const PayContributionC = t.intersection([
  t.type({
    type: t.literal('PayContribution'),
    participantId: ParticipantIdC,
    period: PeriodC,
    total: PositiveRupiahC,
    payer: SponsorC,
    paymentReference: PaymentReferenceC,
    paidOn: IsoDateC,
  }),
  t.partial({ lines: t.readonlyArray(ContributionLineC) }),
]);

/** Look at the participant's unpaid months on a date: records arrears and, beyond the limit, a lapse. */
export const AssessArrearsC = t.type({ type: t.literal('AssessArrears'), participantId: ParticipantIdC, assessedOn: IsoDateC });

/** Any command to a participant, validated at the boundary. */
export const ParticipantCommandC = t.union([RegisterParticipantC, EnrolParticipantC, StartSponsorshipC, EndSponsorshipC, PayContributionC, AssessArrearsC]);
export type ParticipantCommand = t.TypeOf<typeof ParticipantCommandC>;
export type ParticipantCommandOf<T extends ParticipantCommand['type']> = Extract<ParticipantCommand, { type: T }>;

/** The business key of a participant command: what makes a repeat of it recognisable (and its event ids deterministic). */
export const participantCommandKey = (command: ParticipantCommand): string => {
  switch (command.type) {
    case 'RegisterParticipant':
      return `register:${command.participantId}`;
    case 'EnrolParticipant':
      return `enrol:${command.participantId}:${command.firstPeriod}:${command.enrolledOn}`;
    case 'StartSponsorship':
      return `sponsorship-start:${command.participantId}:${command.fromPeriod}:${JSON.stringify(command.sponsor)}`;
    case 'EndSponsorship':
      return `sponsorship-end:${command.participantId}:${command.lastPeriod}:${JSON.stringify(command.sponsor)}`;
    case 'PayContribution':
      return `contribution:${command.paymentReference}`;
    case 'AssessArrears':
      return `arrears:${command.participantId}:${command.assessedOn}`;
  }
};
