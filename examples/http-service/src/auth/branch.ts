import type { EventStore, JamsosCommand } from '@jamsos/core';
import { claimStreamName, participantStreamName } from '@jamsos/domain';

/** The branch a participant is enrolled at (their latest enrolment), or undefined when not enrolled. */
export const participantBranch = async (store: EventStore, participantId: string): Promise<string | undefined> => {
  let branch: string | undefined;
  for await (const recorded of store.readStream(participantStreamName(participantId))) {
    if (recorded.type === 'ParticipantEnrolled') {
      const branchId = (recorded.data as { branchId?: unknown } | null)?.branchId;
      if (typeof branchId === 'string') branch = branchId;
    }
  }
  return branch;
};

/** The branch a claim was filed at, or undefined when it was never filed. */
export const claimBranch = async (store: EventStore, claimId: string): Promise<string | undefined> => {
  for await (const recorded of store.readStream(claimStreamName(claimId), { maxCount: 1 })) {
    const branchId = (recorded.data as { branchId?: unknown } | null)?.branchId;
    return typeof branchId === 'string' ? branchId : undefined;
  }
  return undefined;
};

const defined = (branches: ReadonlyArray<string | undefined>): ReadonlyArray<string> => [...new Set(branches.filter((b): b is string => b !== undefined))];

/**
 * Every branch a command concerns: the branch it names (an enrolment, a claim being filed), the
 * branch the participant is enrolled at, the branch a claim was filed at. A clerk may send it only
 * when each is their own. A command that concerns no branch yet (registering a new person; a
 * payment for someone not enrolled, which the decider refuses) concerns none.
 */
export const branchesOf = async (store: EventStore, command: JamsosCommand): Promise<ReadonlyArray<string>> => {
  switch (command.type) {
    case 'RegisterParticipant':
    case 'StartSponsorship':
    case 'EndSponsorship':
    case 'PayContribution':
    case 'AssessArrears':
      return defined([await participantBranch(store, command.participantId)]);
    case 'EnrolParticipant':
      return defined([command.branchId, await participantBranch(store, command.participantId)]);
    case 'FileClaim':
      return defined([command.branchId, await claimBranch(store, command.claimId)]);
    case 'DecideClaim':
    case 'RejectClaim':
    case 'DisburseBenefit':
      return defined([await claimBranch(store, command.claimId)]);
    default:
      return [];
  }
};
