import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { IsoDate } from '@jamsos/domain';
import { storeFailure, type StoreFailure } from '../../store/errors.js';
import type { EventStore, RecordedEvent } from '../../store/types.js';
import { createClaimTracker } from './claim-tracker.js';
import { resolveDuplicates } from './duplicates.js';
import { validDateOf } from '@jamsos/domain';
import { decodeRecorded, eventRef, isClaimEvent, isParticipantEvent } from './event-ref.js';
import { findingConcernsBranch, type AuditFinding } from './findings.js';
import { createParticipantTracker, type PendingDuplicate } from './participant-tracker.js';
import { policyResolver, referencePolicy, type PolicySources } from './policies.js';

/** How to run the anomaly pass. */
export interface AnomalyAuditOptions extends PolicySources {
  /** Report only findings of this branch (see findingConcernsBranch: unknown branches are always reported); every event is still folded. */
  readonly branchId?: string;
  /** Ignore events whose valid date (see `validDateOf`) is after this day; undecodable events have none and are always reported. */
  readonly asOf?: IsoDate;
  /** Called every `progressEvery` events read (default 100,000). */
  readonly onProgress?: (eventsRead: number, globalPosition: number) => void;
  readonly progressEvery?: number;
}

/** What the anomaly pass found. */
export interface AnomalyReport {
  /** In log order of the event each names. */
  readonly findings: ReadonlyArray<AuditFinding>;
  /** Every event read from the store in the pass, including those ignored for asOf. */
  readonly eventsRead: number;
  /** Events read but ignored because their valid date is after asOf. */
  readonly eventsAfterAsOf: number;
}

/** A finding as the pass first sees it: a duplicate reference still has to read back its first event. */
export type PassFinding = AuditFinding | PendingDuplicate;

/**
 * The auditor's fold: one pass over the log in global order, keeping only what each check needs, and
 * the findings each event causes (duplicates pending, the branch filter not yet applied).
 */
export const createAnomalyAuditor = (options: AnomalyAuditOptions = {}) => {
  const policy = referencePolicy(options);
  const participants = createParticipantTracker(policy);
  const claims = createClaimTracker({ policy, resolvePolicy: policyResolver(options), participantRecord: participants.record });
  let eventsRead = 0;
  let eventsAfterAsOf = 0;

  const findingsOf = (recorded: RecordedEvent): ReadonlyArray<PassFinding> => {
    const decoded = decodeRecorded(recorded);
    if (E.isLeft(decoded)) return [decoded.left];
    const event = decoded.right;
    if (options.asOf !== undefined && validDateOf(event) > options.asOf) {
      eventsAfterAsOf++;
      return [];
    }
    if (isParticipantEvent(event)) return participants.apply(recorded, event, participants.branchOf(recorded.streamName, event));
    if (isClaimEvent(event)) return claims.apply(recorded, event);
    return [];
  };

  return {
    /** Audits the next event of the log; returns the findings it causes. */
    next: (recorded: RecordedEvent): ReadonlyArray<PassFinding> => {
      eventsRead++;
      try {
        return findingsOf(recorded);
      } catch (error) {
        // A check that cannot complete on this event (e.g. a sum beyond the safe-integer range) is a finding, not a crash.
        return [{ _tag: 'UnfoldableEvent', event: eventRef(recorded), branchId: undefined, reason: error instanceof Error ? error.message : String(error) }];
      }
    },
    /** Events read and ignored so far. */
    counts: () => ({ eventsRead, eventsAfterAsOf }),
  };
};

/**
 * Audits the whole log in one streaming pass over `store.readAll()` for disbursements without approval,
 * over-disbursement, approvals of unprotected workers, reused payment references, contributions after
 * a lapse, and events that cannot be decoded or folded. Memory: one folded record per participant, a
 * few amounts per claim, one number per payment reference (the first events of duplicates are read
 * back at the end).
 */
export const auditAnomalies =
  (store: EventStore, options: AnomalyAuditOptions = {}): TE.TaskEither<StoreFailure, AnomalyReport> =>
  async () => {
    const auditor = createAnomalyAuditor(options);
    const found: PassFinding[] = [];
    const progressEvery = options.progressEvery ?? 100_000;
    const events = store.readAll()[Symbol.asyncIterator]();
    for (;;) {
      let next: IteratorResult<RecordedEvent>;
      try {
        next = await events.next();
      } catch (cause) {
        return E.left(storeFailure('could not read the log for the audit', cause));
      }
      if (next.done === true) break;
      for (const finding of auditor.next(next.value)) found.push(finding);
      const { eventsRead } = auditor.counts();
      if (options.onProgress !== undefined && eventsRead % progressEvery === 0) options.onProgress(eventsRead, next.value.globalPosition);
    }
    const resolved = await resolveDuplicates(store, found);
    if (E.isLeft(resolved)) return resolved;
    const { branchId } = options;
    const findings = branchId === undefined ? resolved.right : resolved.right.filter((f) => findingConcernsBranch(f, branchId));
    return E.right({ findings, ...auditor.counts() });
  };
