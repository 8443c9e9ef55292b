import * as E from 'fp-ts/lib/Either.js';
import { participantCommandKey, participantStreamName, type ParticipantCommand, type ParticipantCommandOf } from '@jamsos/domain';
import { participantBranch } from '../auth/branch.js';
import { PaymentFileAnswerC } from '../contracts/answers.js';
import { PaymentFileC, type PaymentFile } from '../contracts/requests.js';
import { decodeWith } from '../http/decode.js';
import { executeFailure, forbidden, invalid, type ErrorBody } from '../http/errors.js';
import { json, route, type AnyRoute } from '../http/route.js';
import { recordedBy } from '../writes/answer.js';
import { WRITE_ERRORS } from './responses.js';
import type { Services } from './services.js';

/** How many workers' lines are recorded at once. */
const WORKERS_AT_ONCE = 8;

/** What happened to one line. */
type LineResult =
  | { readonly line: number; readonly paymentReference: string; readonly participantId: string; readonly outcome: 'recorded'; readonly eventId: string; readonly position: number }
  | { readonly line: number; readonly paymentReference: string; readonly participantId: string; readonly outcome: 'rejected'; readonly error: ErrorBody['error'] };

/** POST /payment-files: a sponsor's monthly payment file, one PayContribution per line. */
export const paymentFileRoute = (services: Services): AnyRoute =>
  route({
    method: 'POST',
    path: '/payment-files',
    operationId: 'recordPaymentFile',
    tag: 'commands',
    summary: "Record a sponsor's payment file: one month's contribution per line",
    description:
      "Each line becomes a PayContribution with the file's payer and date (a line may give its own paidOn and programme lines). Lines are independent: a good line is recorded, a bad one is answered with the error the single command would get, in the same order. Every line is idempotent by its payment reference: sending the file again records nothing and answers the same. A clerk may send a file only when every worker in it is enrolled at their branch (else 403 and nothing is recorded). Payment references must not repeat inside a file.",
    permission: 'write',
    body: PaymentFileC,
    idempotencyKey: true,
    responses: { 200: { description: 'Each line recorded (now or before) or rejected.', schema: PaymentFileAnswerC }, ...WRITE_ERRORS },
    handler: async ({ caller, body }) => {
      const decoded = decodeWith(PaymentFileC, body, 'body');
      if (E.isLeft(decoded)) return decoded.left;
      const file = decoded.right;
      const seen = new Map<string, number>();
      const repeats = file.payments.flatMap((line, i) => {
        const first = seen.get(line.paymentReference);
        seen.set(line.paymentReference, first ?? i);
        return first === undefined ? [] : [{ path: `payments[${i}].paymentReference`, message: `repeats the reference of payments[${first}]` }];
      });
      if (repeats.length > 0) return invalid('body', repeats);
      if (caller.role === 'clerk') {
        const elsewhere: string[] = [];
        for (const participantId of new Set(file.payments.map((line) => line.participantId))) {
          const branch = await participantBranch(services.store, participantId);
          if (branch !== undefined && branch !== caller.branchId) elsewhere.push(`${participantId} (${branch})`);
        }
        if (elsewhere.length > 0) return forbidden(`${caller.name} records payments for ${caller.branchId} only; the file pays workers of other branches: ${elsewhere.slice(0, 5).join(', ')}${elsewhere.length > 5 ? ', ...' : ''}`);
      }
      const record = async (line: number): Promise<LineResult> => {
        const { paidOn, ...payment } = file.payments[line] as PaymentFile['payments'][number];
        const command: ParticipantCommandOf<'PayContribution'> = { type: 'PayContribution', ...payment, payer: file.payer, paidOn: paidOn ?? file.paidOn };
        const base = { line, paymentReference: payment.paymentReference, participantId: payment.participantId };
        const result = await services.service.participants(command, { correlationId: `http:${caller.name}`, causationId: `payment-file:${file.fileReference}` })();
        if (E.isLeft(result)) return { ...base, outcome: 'rejected', error: executeFailure(result.left).body.error };
        const stream = participantStreamName(payment.participantId);
        const [event] = await recordedBy(services.store, stream, participantCommandKey(command as ParticipantCommand), result.right.appended ? result.right.events.length : 0);
        return { ...base, outcome: 'recorded', eventId: event?.id ?? '', position: event?.globalPosition ?? 0 };
      };
      // Each worker's lines in file order (a month after the one before); several workers at once, so
      // that their appends share the store's commits. The answer lists the lines in file order.
      const byWorker = new Map<string, number[]>();
      file.payments.forEach((line, i) => {
        const lines = byWorker.get(line.participantId);
        if (lines === undefined) byWorker.set(line.participantId, [i]);
        else lines.push(i);
      });
      const queue = [...byWorker.values()];
      const results: LineResult[] = new Array(file.payments.length);
      const worker = async (): Promise<void> => {
        for (let lines = queue.shift(); lines !== undefined; lines = queue.shift()) for (const line of lines) results[line] = await record(line);
      };
      await Promise.all(Array.from({ length: Math.min(WORKERS_AT_ONCE, queue.length) }, worker));
      const recorded = results.filter((r) => r.outcome === 'recorded').length;
      return json(200, { fileReference: file.fileReference, lines: results.length, recorded, rejected: results.length - recorded, results });
    },
  });
