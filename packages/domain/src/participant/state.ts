import type { EnrolmentTerms } from './events.js';
import type { IsoDate, Period } from '../values/calendar.js';
import type { WorkerCategory } from '../values/category.js';
import type { BranchId, ParticipantId, RegionId } from '../values/ids.js';
import type { Nik } from '../values/nik.js';
import type { Programme } from '../values/scheme.js';
import { hasSponsorKey, type Sponsor } from '../values/sponsor.js';
import { PaymentLog } from './payment-log.js';

/** Who the participant is (personal data), as registered. */
export interface Identity {
  readonly nik: Nik;
  readonly birthDate: IsoDate;
  readonly domicileRegionId: RegionId;
  readonly registeredOn: IsoDate;
}

/** The current terms of membership. */
export interface Enrolment {
  readonly terms: EnrolmentTerms;
  readonly programmes: ReadonlyArray<Programme>;
  readonly branchId: BranchId;
  readonly regionId: RegionId;
  readonly category: WorkerCategory;
  readonly enrolledOn: IsoDate;
  readonly firstPeriod: Period;
}

/** One spell of membership: from a period (enrolment or reinstatement) until it lapses, if it did. */
export interface Membership {
  readonly from: Period;
  readonly since: IsoDate;
  readonly lapsedOn: IsoDate | null;
}

/** A sponsor's commitment, from a period until its last period (null while open). */
export interface Sponsorship {
  readonly sponsor: Sponsor;
  readonly key: string;
  readonly fromPeriod: Period;
  readonly lastPeriod: Period | null;
}

/** A person not yet registered. */
export interface Unregistered {
  readonly status: 'unregistered';
}

/** A registered person who has not enrolled. */
export interface Registered {
  readonly status: 'registered';
  readonly participantId: ParticipantId;
  readonly identity: Identity;
}

/** A member: enrolled (protected while contributions are paid) or lapsed (until re-enrolment). */
export interface Member {
  readonly status: 'enrolled' | 'lapsed';
  readonly participantId: ParticipantId;
  readonly identity: Identity;
  readonly enrolment: Enrolment;
  /** Spells of membership, oldest first; the last is the current one. */
  readonly memberships: ReadonlyArray<Membership>;
  readonly payments: PaymentLog;
  /** Period index (Period.index) of the last month of the unbroken run of paid months from the current membership's start. */
  readonly paidThroughIndex: number;
  readonly sponsorships: ReadonlyArray<Sponsorship>;
  /** The unpaid periods found by the last arrears assessment. */
  readonly recordedArrears: ReadonlyArray<Period>;
}

/** A participant's state, folded from their stream. */
export type ParticipantState = Unregistered | Registered | Member;

/** The state of a participant with no events. */
export const initialParticipantState: ParticipantState = { status: 'unregistered' };

/** The current spell of membership of a member. */
export const currentMembership = (member: Member): Membership => member.memberships[member.memberships.length - 1] as Membership;

/** The sponsorship of a sponsor covering a period, if any. */
export const sponsorshipCovering = (member: Member, key: string, period: Period): Sponsorship | undefined => {
  const { sponsorships } = member;
  for (let i = 0; i < sponsorships.length; i++) {
    const s = sponsorships[i] as Sponsorship;
    if (s.key === key && s.fromPeriod <= period && (s.lastPeriod === null || period <= s.lastPeriod)) return s;
  }
  return undefined;
};

/** The sponsorship of a sponsor covering a period, if any: sponsorshipCovering(member, sponsorKey(sponsor), period) without building the key. */
export const sponsorshipOfSponsorCovering = (member: Member, sponsor: Sponsor, period: Period): Sponsorship | undefined => {
  const { sponsorships } = member;
  for (let i = 0; i < sponsorships.length; i++) {
    const s = sponsorships[i] as Sponsorship;
    if (s.fromPeriod <= period && (s.lastPeriod === null || period <= s.lastPeriod) && hasSponsorKey(sponsor, s.key)) return s;
  }
  return undefined;
};

export { PaymentLog };
