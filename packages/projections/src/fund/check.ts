import type { JamsosEvent } from '@jamsos/domain';
import { checkWhole, dayNumberOf, fieldsOf, isBranchId, isProgramme, isRupiah, refused } from '../check/fields.js';

/** The lines of a contribution as the fund fold reads them: programmes and whole, non-negative amounts. */
const linesProblem = (lines: unknown): string | undefined => {
  if (!Array.isArray(lines)) return 'lines';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as { readonly programme?: unknown; readonly amount?: unknown } | null;
    if (typeof line !== 'object' || line === null) return `lines[${i}]`;
    if (!isProgramme(line.programme)) return `lines[${i}].programme`;
    if (!isRupiah(line.amount, 0)) return `lines[${i}].amount`;
  }
  return undefined;
};

/**
 * The fields the fund fold reads, checked as their codecs would: of a contribution its branch, the
 * day paid and its lines (the rest of it, the payer for one, is not read); approvals and
 * disbursements, rare, are checked whole by their codecs.
 */
export const checkFund = (event: JamsosEvent): string | undefined => {
  if (event.type !== 'ContributionPaid') return event.type === 'ClaimApproved' || event.type === 'BenefitDisbursed' ? checkWhole(event) : undefined;
  const data = fieldsOf(event);
  if (data === undefined) return refused(event, 'data');
  if (!isBranchId(data['branchId'])) return refused(event, 'branchId');
  if (dayNumberOf(data['paidOn']) === undefined) return refused(event, 'paidOn');
  const lines = linesProblem(data['lines']);
  return lines === undefined ? undefined : refused(event, lines);
};
