import * as t from 'io-ts';
import { EnrolmentTermsC, personalData, SponsorC } from '@jamsos/domain';

// The shapes of the service's answers as io-ts codecs: the OpenAPI document is generated from them,
// and the tests decode the real service's answers with them, so the document cannot drift from it.

const nullable = <C extends t.Mixed>(codec: C) => t.union([codec, t.null]);

/** One problem with the input: its io-ts path ("payments[2].total") and what is wrong. */
export const ProblemC = t.type({ path: t.string, message: t.string }, 'Problem');

/** The error of every 4xx and 5xx answer. */
export const ErrorC = t.intersection([t.type({ code: t.string, message: t.string, problems: t.readonlyArray(ProblemC) }), t.partial({ details: t.unknown })], 'Error');

/** The body of every 4xx and 5xx answer. */
export const ErrorBodyC = t.type({ error: ErrorC }, 'ErrorBody');

/** A stored event as the service shows it; `redacted` names the personal-data fields set to null for this caller. */
export const StoredEventC = t.type(
  {
    id: t.string,
    type: t.string,
    stream: t.string,
    revision: t.Int,
    position: t.Int,
    schemaVersion: t.Int,
    recordedAt: t.string,
    data: t.unknown,
    redacted: t.readonlyArray(t.string),
  },
  'StoredEvent',
);

/** What a write recorded: the events of its business key, in order. */
export const WriteAnswerC = t.type({ stream: t.string, events: t.readonlyArray(StoredEventC) }, 'WriteAnswer');

/** What POST /participants recorded, with the participant id the service gave the worker. */
export const EnrolAnswerC = t.type({ participantId: t.string, stream: t.string, events: t.readonlyArray(StoredEventC) }, 'EnrolAnswer');

/** The participant id of a NIK, and whether that participant is registered. */
export const LookupAnswerC = t.type({ participantId: t.string, registered: t.boolean }, 'LookupAnswer');

const lineBase = { line: t.Int, paymentReference: t.string, participantId: t.string };

/** One line of a payment file: recorded (now or before), or rejected with the error a single command would get. */
export const PaymentLineResultC = t.union(
  [t.type({ ...lineBase, outcome: t.literal('recorded'), eventId: t.string, position: t.Int }), t.type({ ...lineBase, outcome: t.literal('rejected'), error: ErrorC })],
  'PaymentLineResult',
);

/** What a payment file did, line by line. */
export const PaymentFileAnswerC = t.type({ fileReference: t.string, lines: t.Int, recorded: t.Int, rejected: t.Int, results: t.readonlyArray(PaymentLineResultC) }, 'PaymentFileAnswer');

const PolicyRefC = t.type({ id: t.string, name: t.string }, 'PolicyRef');

const ProgrammeProtectionC = t.union(
  [
    t.type({ programme: t.string, protected: t.literal(true), evidence: t.type({ membershipFrom: t.string, period: t.string, paymentReference: nullable(t.string), paidOn: nullable(t.string) }) }),
    t.type({ programme: t.string, protected: t.literal(false), gap: t.type({ code: t.string }, 'ProtectionGap'), explanation: t.string }),
  ],
  'ProgrammeProtection',
);

/** A participant's status, membership and protection per programme on a date. */
export const ProtectionAnswerC = t.intersection(
  [
    t.type({
      participantId: t.string,
      asOf: t.string,
      policy: PolicyRefC,
      status: t.keyof({ unregistered: null, registered: null, enrolled: null, lapsed: null }),
      memberships: t.readonlyArray(t.type({ from: t.string, since: t.string, lapsedOn: nullable(t.string) })),
      sponsorships: t.readonlyArray(t.type({ sponsor: SponsorC, fromPeriod: t.string, lastPeriod: nullable(t.string) })),
      protection: t.readonlyArray(ProgrammeProtectionC),
    }),
    t.partial({
      identity: t.intersection([t.type({ domicileRegionId: t.string, registeredOn: t.string }), t.partial({ nik: personalData(t.string), birthDate: personalData(t.string) })]),
      enrolment: t.type({
        segment: t.string,
        terms: EnrolmentTermsC,
        programmes: t.readonlyArray(t.string),
        branchId: t.string,
        regionId: t.string,
        category: t.string,
        enrolledOn: t.string,
        firstPeriod: t.string,
      }),
    }),
  ],
  'ProtectionAnswer',
);

const CoverageCountC = t.type({ key: t.string, protected: t.Int, formal: t.Int, informal: t.Int, members: t.Int }, 'CoverageCount');

const RegionCoverageC = t.intersection(
  [
    CoverageCountC,
    t.partial({
      labourForce: t.type({ year: t.Int, labourForce: t.Int, informalWorkers: t.Int, source: t.string, publishedOn: t.string }),
      ucjBp: t.Int,
      informalCoverageBp: t.Int,
      target: t.type({ workers: t.Int, source: t.string, progressBp: t.Int, remaining: t.Int }),
    }),
  ],
  'RegionCoverage',
);

/** Who was protected on a date: per region (UCJ, target), branch, segment, category and sponsor type. */
export const CoverageAnswerC = t.type(
  {
    policy: PolicyRefC,
    asOf: t.string,
    total: CoverageCountC,
    byRegion: t.readonlyArray(RegionCoverageC),
    byBranch: t.readonlyArray(CoverageCountC),
    bySegment: t.readonlyArray(CoverageCountC),
    byCategory: t.readonlyArray(CoverageCountC),
    bySponsorType: t.readonlyArray(CoverageCountC),
  },
  'CoverageAnswer',
);

const FundRowC = t.intersection(
  [t.type({ branchId: t.string, programme: t.string, received: t.Int, approved: t.Int, disbursed: t.Int, approvedUnpaid: t.Int, balance: t.Int }), t.partial({ claimsRatioBp: t.Int })],
  'FundRow',
);

const FundMonthC = t.type({ period: t.string, branchId: t.string, programme: t.string, received: t.Int, approved: t.Int, disbursed: t.Int }, 'FundMonth');

/** Fund balance per branch and programme as of a date (amounts in whole rupiah), or its month-by-month series. */
export const FundAnswerC = t.union(
  [
    t.type({ policy: PolicyRefC, asOf: t.string, rows: t.readonlyArray(FundRowC), byBranch: t.readonlyArray(FundRowC), total: FundRowC }, 'FundReport'),
    t.type({ policy: PolicyRefC, asOf: t.string, months: t.readonlyArray(FundMonthC) }, 'FundMonths'),
  ],
  'FundAnswer',
);

const anObject = t.record(t.string, t.unknown);

/**
 * Why a disbursement was paid: the disbursement, the claim (heirs by id and relationship only), the
 * approval, the policy parameters read with their legal references, the recomputation and the
 * participant's contribution record at the incident date (see docs/audit.md).
 */
export const ExplanationAnswerC = t.type(
  {
    disbursement: anObject,
    claim: anObject,
    approval: anObject,
    parameters: t.readonlyArray(anObject),
    recomputation: t.type({ outcome: t.keyof({ approved: null, rejected: null, refused: null, failed: null }) }),
    contributions: anObject,
  },
  'DisbursementExplanation',
);

/** Where the next page of the feed starts, and whether there was more when this one ended. */
export const FeedCursorC = t.type({ next: t.Int, more: t.boolean, count: t.Int }, 'FeedCursor');

/** A line of the NDJSON feed: an event, or (last) the cursor, or (last, when the store failed half-way) an error. */
export const FeedLineC = t.union([StoredEventC, t.type({ cursor: FeedCursorC }), ErrorBodyC], 'FeedLine');

/** The feed as one JSON document (Accept: application/json). */
export const FeedPageC = t.intersection([t.type({ events: t.readonlyArray(StoredEventC) }), FeedCursorC], 'FeedPage');

/** What forgetting a participant did: their key destroyed now, or before. */
export const ForgetAnswerC = t.intersection(
  [
    t.type({ outcome: t.keyof({ forgotten: null, 'already-forgotten': null }), participantId: t.string, forgottenAt: t.string }),
    t.partial({ keyDestroyed: t.boolean, wiped: t.boolean, plaintextFields: t.Int }),
  ],
  'ForgetAnswer',
);

/** Everything held about one participant, personal data decrypted ("[redacted]" once forgotten): see docs/privacy.md. */
export const ExportAnswerC = t.type(
  {
    format: t.string,
    participantId: t.string,
    key: t.type({ state: t.keyof({ active: null, forgotten: null, none: null }) }),
    streams: t.readonlyArray(t.string),
    events: t.readonlyArray(t.type({ streamName: t.string, revision: t.Int, globalPosition: t.Int, id: t.string, type: t.string, metadata: anObject, data: t.unknown, personalData: anObject })),
  },
  'ParticipantExport',
);
