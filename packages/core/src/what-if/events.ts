import { claimStreamName, participantStreamName, regionStreamName, type JamsosEvent } from '@jamsos/domain';


/** The stream an event belongs to: participant-<id>, claim-<id> or region-<id>. */
export const streamOf = (event: JamsosEvent): string => {
  switch (event.type) {
    case 'ClaimFiled':
    case 'ClaimApproved':
    case 'ClaimRejected':
    case 'BenefitDisbursed':
      return claimStreamName(event.data.claimId);
    case 'LabourForceRecorded':
    case 'CoverageTargetSet':
      return regionStreamName(event.data.regionId);
    default:
      return participantStreamName(event.data.participantId);
  }
};
