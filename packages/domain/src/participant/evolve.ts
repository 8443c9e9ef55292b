import { InvalidTransitionError } from '../shared/invalid-transition.js';
import { Period } from '../values/calendar.js';
import { sponsorKey } from '../values/sponsor.js';
import type { ParticipantEvent } from './events.js';
import { advancePaidThrough, withPayments } from './evolve-parts.js';
import { currentMembership, PaymentLog, type Member, type ParticipantState } from './state.js';

const invalid = (eventType: string, status: string): InvalidTransitionError => new InvalidTransitionError('participant', eventType, status);

const asMember = (state: ParticipantState, event: ParticipantEvent): Member => {
  if (state.status !== 'enrolled' && state.status !== 'lapsed') throw invalid(event.type, state.status);
  return state;
};

/** The participant's state after one more event. Pure; O(1) for contributions. */
export const evolveParticipant = (state: ParticipantState, event: ParticipantEvent): ParticipantState => {
  switch (event.type) {
    case 'ParticipantRegistered': {
      if (state.status !== 'unregistered') throw invalid(event.type, state.status);
      const { participantId, nik, birthDate, domicileRegionId, registeredOn } = event.data;
      return { status: 'registered', participantId, identity: { nik, birthDate, domicileRegionId, registeredOn } };
    }
    case 'ParticipantEnrolled': {
      const { terms, programmes, branchId, regionId, category, enrolledOn, firstPeriod } = event.data;
      const enrolment = { terms, programmes, branchId, regionId, category, enrolledOn, firstPeriod };
      if (state.status === 'registered') {
        return {
          status: 'enrolled',
          participantId: state.participantId,
          identity: state.identity,
          enrolment,
          memberships: [{ from: firstPeriod, since: enrolledOn, lapsedOn: null }],
          payments: PaymentLog.empty,
          paidThroughIndex: Period.index(firstPeriod) - 1,
          sponsorships: [],
          recordedArrears: [],
        };
      }
      // Re-enrolment (after ProtectionReinstated) replaces the terms of membership.
      const member = asMember(state, event);
      if (member.status !== 'enrolled') throw invalid(event.type, member.status);
      return { ...member, enrolment };
    }
    case 'SponsorshipStarted': {
      const member = asMember(state, event);
      const { sponsor, fromPeriod } = event.data;
      return { ...member, sponsorships: [...member.sponsorships, { sponsor, key: sponsorKey(sponsor), fromPeriod, lastPeriod: null }] };
    }
    case 'SponsorshipEnded': {
      const member = asMember(state, event);
      const key = sponsorKey(event.data.sponsor);
      const index = member.sponsorships.findIndex((s) => s.key === key && s.lastPeriod === null);
      if (index < 0) throw invalid(event.type, `${member.status} without an open sponsorship by ${key}`);
      const sponsorships = member.sponsorships.map((s, i) => (i === index ? { ...s, lastPeriod: event.data.lastPeriod } : s));
      return { ...member, sponsorships };
    }
    case 'ContributionPaid': {
      const member = asMember(state, event);
      const { period, paidOn, total, paymentReference } = event.data;
      const payments = member.payments.append({ period, paidOn, total, paymentReference });
      const paidThroughIndex =
        Period.index(period) === member.paidThroughIndex + 1 ? advancePaidThrough(payments, member.paidThroughIndex + 1) : member.paidThroughIndex;
      return withPayments(member, payments, paidThroughIndex);
    }
    case 'ArrearsRecorded': {
      const member = asMember(state, event);
      return { ...member, recordedArrears: event.data.unpaidPeriods };
    }
    case 'ProtectionLapsed': {
      const member = asMember(state, event);
      if (member.status !== 'enrolled') throw invalid(event.type, member.status);
      const current = currentMembership(member);
      const memberships = [...member.memberships.slice(0, -1), { ...current, lapsedOn: event.data.lapsedOn }];
      return { ...member, status: 'lapsed', memberships };
    }
    case 'ProtectionReinstated': {
      const member = asMember(state, event);
      if (member.status !== 'lapsed') throw invalid(event.type, member.status);
      const { fromPeriod, reinstatedOn } = event.data;
      return {
        ...member,
        status: 'enrolled',
        memberships: [...member.memberships, { from: fromPeriod, since: reinstatedOn, lapsedOn: null }],
        paidThroughIndex: advancePaidThrough(member.payments, Period.index(fromPeriod) - 1),
        recordedArrears: [],
      };
    }
  }
};
