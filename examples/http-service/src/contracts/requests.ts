import * as t from 'io-ts';
import {
  BranchIdC,
  ClaimIdC,
  ContributionLineC,
  IsoDateC,
  NikC,
  ParticipantEnrolled,
  ParticipantIdC,
  ParticipantRegistered,
  PaymentReferenceC,
  PeriodC,
  PositiveRupiahC,
  refined,
  RegionIdC,
  SponsorC,
} from '@jamsos/domain';
import { booleanFromString, intFromString } from '../http/decode.js';

const { participantId: _registrationId, ...registration } = ParticipantRegistered.codec.props;
const { participantId: _enrolmentId, ...enrolment } = ParticipantEnrolled.codec.props;

/**
 * POST /participants: register a worker and enrol them in one atomic step. The participant id is
 * not sent: the service derives it from the NIK (an HMAC under the store's secret key).
 */
export const EnrolWorkerC = t.type(
  {
    ...registration,
    enrolment: t.intersection([t.type(enrolment), t.partial({ sponsor: SponsorC })], 'Enrolment'),
  },
  'EnrolWorker',
);
export type EnrolWorker = t.TypeOf<typeof EnrolWorkerC>;

/** POST /participants/lookup: the participant id of a NIK (sent in a body, never in a URL that logs keep). */
export const LookupC = t.type({ nik: NikC }, 'ParticipantLookup');

/** The most lines a sponsor payment file may have in one request. */
export const MAX_FILE_LINES = 5_000;

/** One line of a sponsor payment file: a month's contribution for one worker, with its bank reference. */
export const PaymentLineC = t.intersection(
  [
    t.type({ participantId: ParticipantIdC, period: PeriodC, total: PositiveRupiahC, paymentReference: PaymentReferenceC }),
    t.partial({ lines: t.readonlyArray(ContributionLineC), paidOn: IsoDateC }),
  ],
  'PaymentLine',
);

/**
 * POST /payment-files: what a sponsor (a city's APBD programme, an ASN scheme, a CSR programme)
 * sends each month: one payer, the date paid, and a line per worker and month. Each line is a
 * PayContribution command, idempotent by its payment reference.
 */
export const PaymentFileC = t.type(
  {
    fileReference: PaymentReferenceC,
    payer: SponsorC,
    paidOn: IsoDateC,
    payments: refined(t.readonlyArray(PaymentLineC), 'PaymentLines', (lines) => (lines.length >= 1 && lines.length <= MAX_FILE_LINES ? undefined : `a payment file has 1-${MAX_FILE_LINES} lines, got ${lines.length}`), {
      minItems: 1,
      maxItems: MAX_FILE_LINES,
    }),
  },
  'SponsorPaymentFile',
);
export type PaymentFile = t.TypeOf<typeof PaymentFileC>;

/** Path parameters naming a participant. */
export const ParticipantParamsC = t.type({ participantId: ParticipantIdC });

/** Path parameters naming a disbursement: the claim and the transfer reference. */
export const DisbursementParamsC = t.type({ claimId: ClaimIdC, reference: PaymentReferenceC });

/** GET /participants/{id}/protection: as of a date (default today). */
export const ProtectionQueryC = t.partial({ asOf: IsoDateC });

/** GET /coverage: as of a date (default the last day with activity), optionally one region. */
export const CoverageQueryC = t.partial({ asOf: IsoDateC, region: RegionIdC });

/** GET /fund: as of a date, optionally one branch, optionally month by month. */
export const FundQueryC = t.partial({ asOf: IsoDateC, branch: BranchIdC, monthly: booleanFromString });

/** The most events one feed request returns. */
export const MAX_FEED_LIMIT = 10_000;

/** GET /feed: events strictly after a global position (default 0: from the start), at most `limit`. */
export const FeedQueryC = t.partial({ from: intFromString('from', 0, Number.MAX_SAFE_INTEGER), limit: intFromString('limit', 1, MAX_FEED_LIMIT) });
