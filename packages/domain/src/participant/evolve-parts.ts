import { Period } from '../values/calendar.js';
import type { PaymentLog } from './payment-log.js';
import type { Member } from './state.js';

// Pieces of evolveParticipant shared with the replay's in-place payments (replay.ts); not re-exported by the package.

/** Moves the unbroken run of paid months forward as far as the log allows. */
export const advancePaidThrough = (payments: PaymentLog, from: number): number => {
  let index = from;
  while (payments.hasPeriod(Period.fromIndex(index + 1))) index++;
  return index;
};

/**
 * The member after a payment: a new object (the old state is never touched) that shares every other
 * field, written out in the order every member state has, so all states share one shape.
 */
export const withPayments = (m: Member, payments: PaymentLog, paidThroughIndex: number): Member => ({
  status: m.status,
  participantId: m.participantId,
  identity: m.identity,
  enrolment: m.enrolment,
  memberships: m.memberships,
  payments,
  paidThroughIndex,
  sponsorships: m.sponsorships,
  recordedArrears: m.recordedArrears,
});
