import { ErrorBodyC } from '../contracts/answers.js';
import type { ResponseSpec } from '../http/route.js';

const error = (description: string): ResponseSpec => ({ description, schema: ErrorBodyC });

/** The errors every authenticated route may answer. */
export const COMMON_ERRORS: Readonly<Record<number, ResponseSpec>> = {
  400: error('Invalid input: each problem with its io-ts path (invalid-body, invalid-query, invalid-path, invalid-command, invalid-header). Nothing was written.'),
  401: error('No token, or a token the service does not know.'),
  403: error("The caller's role may not do this (a clerk: not for another branch). Nothing was written."),
  503: error('The store or a read model did not answer; retry.'),
};

/** The errors a write may answer besides the common ones. */
export const WRITE_ERRORS: Readonly<Record<number, ResponseSpec>> = {
  ...COMMON_ERRORS,
  409: error('The command collides with what is recorded (already registered with other details, a payment reference used for another month, a claim already decided). Nothing was written.'),
  413: error('The body is larger than 4 MiB.'),
  415: error('The body is not application/json.'),
  422: error("The decider refused the command under the policy (amount-does-not-match-policy, payee-not-entitled, ...: the code is the rejection's tag), or an Idempotency-Key was reused for a different request. Nothing was written."),
};
