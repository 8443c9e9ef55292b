import type { ExecuteError } from '@jamsos/core';
import { explainClaimCommandRejection, explainParticipantRejection, type ClaimCommandRejection, type ParticipantRejection, type ValidationProblem } from '@jamsos/domain';

/** The machine-readable error every 4xx and 5xx answer carries. */
export interface ErrorBody {
  readonly error: {
    /** A stable kebab-case code: invalid-body, forbidden, amount-does-not-match-policy, ... */
    readonly code: string;
    readonly message: string;
    /** For invalid input: each problem with its path in the input (the io-ts path), else empty. */
    readonly problems: ReadonlyArray<ValidationProblem>;
    /** The facts of a domain rejection (amounts, periods, references), when there are any. */
    readonly details?: unknown;
  };
}

/** An answer that is not a success: its HTTP status and body. */
export interface Failure {
  readonly _tag: 'Failure';
  readonly status: number;
  readonly body: ErrorBody;
}

/** A failure value. */
export const failure = (status: number, code: string, message: string, problems: ReadonlyArray<ValidationProblem> = [], details?: unknown): Failure => ({
  _tag: 'Failure',
  status,
  body: { error: { code, message, problems, ...(details === undefined ? {} : { details }) } },
});

/** Invalid input: 400 with every problem and its path. */
export const invalid = (what: string, problems: ReadonlyArray<ValidationProblem>): Failure =>
  failure(400, `invalid-${what}`, `the ${what} is not valid: ${problems.map((p) => (p.path === '' ? p.message : `${p.path}: ${p.message}`)).join('; ')}`, problems);

/** 403: the caller's role does not allow it; nothing was written. */
export const forbidden = (message: string): Failure => failure(403, 'forbidden', `${message}; nothing was written`);

/** 404 with a message naming what is missing. */
export const notFound = (message: string): Failure => failure(404, 'not-found', message);

/** ThisIsATag -> this-is-a-tag. */
export const kebab = (tag: string): string => tag.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

/** Rejections that say the request collides with what is recorded (409); every other rejection is 422. */
const CONFLICTS = new Set([
  'AlreadyRegistered',
  'AlreadyEnrolled',
  'SponsorshipAlreadyOpen',
  'PeriodAlreadyPaid',
  'PaymentReferenceReused',
  'ClaimAlreadyFiled',
  'ClaimAlreadyDecided',
  'DisbursementReferenceReused',
  'WrongExpectedVersion',
  'InvalidAppend',
]);

type Rejection = ParticipantRejection | ClaimCommandRejection;

/** One sentence for a decider's rejection. */
const explain = (rejection: Rejection): string =>
  // Each explainer's switch covers its own tags and answers undefined for the other's.
  (explainParticipantRejection(rejection as ParticipantRejection) as string | undefined) ?? (explainClaimCommandRejection(rejection as ClaimCommandRejection) as string | undefined) ?? rejection._tag;

/** The facts of a rejection, without its tag. */
const factsOf = (rejection: { readonly _tag: string }): unknown => {
  const { _tag: _ignored, ...facts } = rejection as Record<string, unknown>;
  return Object.keys(facts).length === 0 ? undefined : facts;
};

/** What executing a command answered instead of success, as an HTTP failure. */
export const executeFailure = (error: ExecuteError | { readonly _tag: 'RejectedInSequence'; readonly index: number; readonly rejection: Rejection }): Failure => {
  switch (error._tag) {
    case 'InvalidCommand':
      return invalid('command', error.problems);
    case 'RejectedInSequence': {
      const inner = executeFailure(error.rejection as ExecuteError);
      return failure(inner.status, inner.body.error.code, inner.body.error.message, [], { step: error.index, ...(inner.body.error.details as object | undefined) });
    }
    case 'StoreFailure':
      return failure(503, 'store-unavailable', `the event store did not answer: ${error.message}; retry the request (with the same Idempotency-Key or business key nothing is written twice)`);
    case 'DecodeFailure':
      return failure(500, 'stored-event-unreadable', `${error.streamName}@${error.revision} cannot be read: ${error.message}`);
    case 'WrongExpectedVersion':
      return failure(409, 'concurrent-write', `${error.streamName} kept changing while the command was decided; retry the request`);
    case 'InvalidAppend':
      return failure(409, 'invalid-append', error.message);
    default: {
      const rejection = error as Rejection;
      return failure(CONFLICTS.has(rejection._tag) ? 409 : 422, kebab(rejection._tag), explain(rejection), [], factsOf(rejection));
    }
  }
};
