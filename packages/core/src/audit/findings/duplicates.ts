import * as E from 'fp-ts/lib/Either.js';
import { storeFailure, type StoreFailure } from '../../store/errors.js';
import type { EventStore } from '../../store/types.js';
import { decodeRecorded, eventRef } from './event-ref.js';
import type { AuditFinding, DuplicatePaymentReference } from './findings.js';
import type { PendingDuplicate } from './participant-tracker.js';

type FirstPayment = Pick<DuplicatePaymentReference, 'first' | 'firstParticipantId' | 'firstPeriod' | 'firstBranchId'>;

/** Reads back the ContributionPaid at a global position (the first use of a reused bank reference). */
const readFirst = async (store: EventStore, position: number): Promise<E.Either<StoreFailure, FirstPayment>> => {
  const problem = (why: string, cause?: unknown) => E.left(storeFailure(`could not read back the contribution at position ${position}: ${why}`, cause));
  try {
    for await (const recorded of store.readAll({ ...(position > 0 ? { fromPosition: position - 1 } : {}), maxCount: 1 })) {
      if (recorded.globalPosition !== position) return problem(`the log has position ${recorded.globalPosition} there`);
      const decoded = decodeRecorded(recorded);
      if (E.isLeft(decoded) || decoded.right.type !== 'ContributionPaid') return problem('it is no longer a readable ContributionPaid');
      const { data } = decoded.right;
      return E.right({ first: eventRef(recorded), firstParticipantId: data.participantId, firstPeriod: data.period, firstBranchId: data.branchId });
    }
  } catch (cause) {
    return problem('the store failed', cause);
  }
  return problem('it is gone');
};

/** Completes the pending duplicate-reference findings by reading back each first event once (usually few), keeping log order. */
export const resolveDuplicates = async (store: EventStore, found: ReadonlyArray<AuditFinding | PendingDuplicate>): Promise<E.Either<StoreFailure, ReadonlyArray<AuditFinding>>> => {
  const firsts = new Map<number, FirstPayment>();
  const findings: AuditFinding[] = [];
  for (const finding of found) {
    if (finding._tag !== 'PendingDuplicate') {
      findings.push(finding);
      continue;
    }
    let first = firsts.get(finding.firstPosition);
    if (first === undefined) {
      const read = await readFirst(store, finding.firstPosition);
      if (E.isLeft(read)) return read;
      first = read.right;
      firsts.set(finding.firstPosition, first);
    }
    const { firstPosition: _position, ...rest } = finding;
    findings.push({ ...rest, _tag: 'DuplicatePaymentReference', ...first });
  }
  return E.right(findings);
};
