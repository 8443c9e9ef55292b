import type { JamsosEvent } from '@jamsos/domain';
import { checkWhole, dayNumberOf, fieldsOf, isParticipantId, isPeriod, refused } from '../check/fields.js';

/** A contribution as this fold reads it: who, which month, which day (it keeps no total or reference: see applyCoverage). */
const contributionProblem = (data: Record<string, unknown>): string | undefined => {
  if (!isParticipantId(data['participantId'])) return 'participantId';
  if (!isPeriod(data['period'])) return 'period';
  if (dayNumberOf(data['paidOn']) === undefined) return 'paidOn';
  return undefined;
};

/**
 * The fields the coverage fold reads, checked as their codecs would. A contribution (most of the
 * log): its participant, period and day paid (its lines, total, payer, reference, branch and region
 * are not read).
 * A registration: the participant id (the identity it carries is dropped by this read model, so its
 * NIK and dates are not read). Every other event, rare, is checked whole by its codec.
 */
export const checkCoverage = (event: JamsosEvent): string | undefined => {
  if (event.type === 'ContributionPaid' || event.type === 'ParticipantRegistered') {
    const data = fieldsOf(event);
    if (data === undefined) return refused(event, 'data');
    const problem = event.type === 'ContributionPaid' ? contributionProblem(data) : isParticipantId(data['participantId']) ? undefined : 'participantId';
    return problem === undefined ? undefined : refused(event, problem);
  }
  return checkWhole(event);
};
