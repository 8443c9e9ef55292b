import type { JamsosEvent } from './catalogue.js';
import type { IsoDate } from './values/calendar.js';

/**
 * The valid date of an event: the day it happened in the world (facts) or was decided (decisions),
 * never the day it was recorded. Registration: registeredOn; enrolment: enrolledOn; sponsorship:
 * startedOn / endedOn; contribution: paidOn; arrears: assessedOn; lapse: lapsedOn (the day protection
 * ended); reinstatement: reinstatedOn; claim filed: filedOn (not the incident date); approval and
 * rejection: decidedOn; disbursement: disbursedOn; labour force: publishedOn; target: setOn.
 */
export const validDateOf = (event: JamsosEvent): IsoDate => {
  switch (event.type) {
    case 'ParticipantRegistered':
      return event.data.registeredOn;
    case 'ParticipantEnrolled':
      return event.data.enrolledOn;
    case 'SponsorshipStarted':
      return event.data.startedOn;
    case 'SponsorshipEnded':
      return event.data.endedOn;
    case 'ContributionPaid':
      return event.data.paidOn;
    case 'ArrearsRecorded':
      return event.data.assessedOn;
    case 'ProtectionLapsed':
      return event.data.lapsedOn;
    case 'ProtectionReinstated':
      return event.data.reinstatedOn;
    case 'ClaimFiled':
      return event.data.filedOn;
    case 'ClaimApproved':
    case 'ClaimRejected':
      return event.data.decidedOn;
    case 'BenefitDisbursed':
      return event.data.disbursedOn;
    case 'LabourForceRecorded':
      return event.data.publishedOn;
    case 'CoverageTargetSet':
      return event.data.setOn;
  }
};
