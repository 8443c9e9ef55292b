import * as E from 'fp-ts/lib/Either.js';
import { explainDisbursement, type ExplainError } from '@jamsos/core';
import { coverageAsOf, fundAsOf, fundMonthly, type FundState } from '@jamsos/projections';
import { latestActivity } from '@jamsos/cli';
import { ParameterValueMissingError, type IsoDate } from '@jamsos/domain';
import { CoverageAnswerC, ErrorBodyC, ExplanationAnswerC, FundAnswerC } from '../contracts/answers.js';
import { CoverageQueryC, DisbursementParamsC, FundQueryC } from '../contracts/requests.js';
import { failure, notFound, type Failure } from '../http/errors.js';
import { json, route, type AnyRoute } from '../http/route.js';
import { COMMON_ERRORS } from './responses.js';
import type { Services } from './services.js';

/** The last day with money moving in the fund read model, capped at today: the default "as of" (as the CLI's). */
const defaultAsOf = (fund: FundState, today: IsoDate): IsoDate => {
  const latest = latestActivity(fund);
  return latest === undefined || latest > today ? today : latest;
};

const policyGap = (asOf: string, error: unknown): Failure => {
  if (!(error instanceof ParameterValueMissingError)) throw error;
  return failure(422, 'policy-has-no-value', `the policy cannot judge coverage on ${asOf}: ${error.message}`, [{ path: 'asOf', message: 'no rules in force on that date' }]);
};

/** GET /coverage: who was protected on a date, per region and branch. */
export const coverageRoute = (services: Services): AnyRoute =>
  route({
    method: 'GET',
    path: '/coverage',
    operationId: 'coverage',
    tag: 'queries',
    summary: 'Coverage as of a date: protected workers per region (UCJ against the labour force and the target), branch, segment, category and sponsor type',
    description:
      'The coverage read model, caught up with every write acknowledged before the query, asked as of a date (asOf, default the last day with activity) under the policy in force that day: "protected" means what it means when a claim is judged. Counts only, no person: every role that reads aggregates may call it.',
    permission: 'read-aggregates',
    query: CoverageQueryC,
    responses: { 200: { description: 'The coverage tables.', schema: CoverageAnswerC }, 422: { description: 'No rules in force on the date.', schema: ErrorBodyC }, ...COMMON_ERRORS },
    handler: async ({ query }) => {
      const { coverage, fund } = await services.readModels.current();
      const asOf = query.asOf ?? defaultAsOf(fund, services.clock().slice(0, 10) as IsoDate);
      try {
        const report = coverageAsOf(coverage, asOf, services.policy.at(asOf), query.region === undefined ? {} : { regionId: query.region });
        return json(200, { policy: { id: services.policy.id, name: services.policy.name }, ...report });
      } catch (error) {
        return policyGap(asOf, error);
      }
    },
  });

/** GET /fund: fund balance per branch and programme as of a date. */
export const fundRoute = (services: Services): AnyRoute =>
  route({
    method: 'GET',
    path: '/fund',
    operationId: 'fund',
    tag: 'queries',
    summary: 'Fund balance per branch and programme as of a date, or month by month',
    description:
      'Contributions received, benefits approved and disbursed, approved but unpaid, balance (received minus disbursed) and the claims-to-contributions ratio in basis points, per branch and programme and per branch, as of a date (default the last day with activity); with monthly=true the month-by-month series up to the date. Whole rupiah. Branch filter: branch=KC-CILEGON.',
    permission: 'read-aggregates',
    query: FundQueryC,
    responses: { 200: { description: 'The fund report or series.', schema: FundAnswerC }, ...COMMON_ERRORS },
    handler: async ({ query }) => {
      const { fund } = await services.readModels.current();
      const asOf = query.asOf ?? defaultAsOf(fund, services.clock().slice(0, 10) as IsoDate);
      const filter = query.branch === undefined ? {} : { branchId: query.branch };
      const policy = { id: services.policy.id, name: services.policy.name };
      if (query.monthly === true) return json(200, { policy, asOf, months: fundMonthly(fund, asOf, filter) });
      return json(200, { policy, ...fundAsOf(fund, asOf, filter) });
    },
  });

/** What an explanation error answers. */
const explainFailure = (error: ExplainError, claimId: string, reference: string): Failure => {
  switch (error._tag) {
    case 'DisbursementNotFound':
    case 'ClaimNotFiled':
      return notFound(`no disbursement ${reference} on a filed claim ${claimId}`);
    case 'NotADisbursement':
      return notFound(`${reference} on claim ${claimId} is not a disbursement`);
    case 'DisbursementNotApproved':
      return failure(422, 'disbursement-not-approved', `the disbursement ${reference} has no approval behind it (the claim is ${error.claimStatus}): an anomaly, see docs/audit.md`, [], { claimStatus: error.claimStatus });
    case 'UnknownPolicy':
      return failure(422, 'unknown-policy', `claim ${claimId} was approved under policy ${error.policyId}, which this service does not know`, [], { policyId: error.policyId });
    case 'StoreFailure':
      return failure(503, 'store-unavailable', error.message);
    default:
      return failure(500, 'stored-event-unreadable', `claim ${claimId}: an event cannot be read or folded (${error._tag})`);
  }
};

/** GET /audit/disbursements/{claimId}/{reference}: why a disbursement was paid. */
export const explainRoute = (services: Services): AnyRoute =>
  route({
    method: 'GET',
    path: '/audit/disbursements/{claimId}/{reference}',
    operationId: 'explainDisbursement',
    tag: 'queries',
    summary: 'The audit explanation of a disbursement: claim, approval, parameters with legal references, recomputation, contribution record',
    description:
      "Re-runs the claim decider on the participant's record as it stood when the approval was recorded, under the approval's policy, and lists every parameter it read with its value and legal reference (as `jamsos audit explain`). Heirs appear by claim-local id and relationship only. Auditors only.",
    permission: 'read-audit',
    params: DisbursementParamsC,
    responses: { 200: { description: 'The explanation.', schema: ExplanationAnswerC }, 404: { description: 'No such disbursement.', schema: ErrorBodyC }, 422: { description: 'The disbursement is an anomaly (no approval) or its policy is unknown.', schema: ErrorBodyC }, ...COMMON_ERRORS },
    handler: async ({ params }) => {
      const explained = await explainDisbursement({ store: services.store, policy: services.policy }, params)();
      return E.isRight(explained) ? json(200, explained.right) : explainFailure(explained.left, params.claimId, params.reference);
    },
  });
