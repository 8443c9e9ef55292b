import * as E from 'fp-ts/lib/Either.js';
import { decodeCommand, type JamsosCommand } from '@jamsos/core';
import { claimCommandKey, claimStreamName, participantCommandKey, participantStreamName, type ClaimCommandInput, type ParticipantCommand } from '@jamsos/domain';
import { branchesOf } from '../auth/branch.js';
import type { Caller } from '../auth/roles.js';
import { WriteAnswerC } from '../contracts/answers.js';
import { failure, forbidden, executeFailure, type Failure } from '../http/errors.js';
import { json, route, type AnyRoute } from '../http/route.js';
import { recordedBy, storedEventOf } from '../writes/answer.js';
import { WRITE_ERRORS } from './responses.js';
import type { Services } from './services.js';

/** The commands served over HTTP: every participant and claim command; region facts are recorded with the CLI. */
const NOT_SERVED = new Set(['RecordLabourForce', 'SetCoverageTarget']);

/** The stream a command goes to and its business key (what makes a repeat of it recognisable). */
export const targetOf = (command: JamsosCommand): { readonly stream: string; readonly key: string } =>
  'claimId' in command
    ? { stream: claimStreamName(command.claimId), key: claimCommandKey(command as ClaimCommandInput) }
    : { stream: participantStreamName((command as ParticipantCommand).participantId), key: participantCommandKey(command as ParticipantCommand) };

/** A clerk's refusal when a command concerns a branch other than theirs; undefined when they may send it. */
export const refuseWrite = async (services: Services, caller: Caller, command: JamsosCommand): Promise<Failure | undefined> => {
  if (caller.role !== 'clerk') return undefined;
  const others = (await branchesOf(services.store, command)).filter((branch) => branch !== caller.branchId);
  return others.length === 0 ? undefined : forbidden(`${caller.name} writes for ${caller.branchId} only, and this ${command.type} concerns ${others.join(', ')}`);
};

/** The answer to a write: the events the command's business key recorded, rebuilt from the store (so a repeat answers the same). */
export const writeAnswer = async (services: Services, stream: string, key: string, result: { readonly appended: boolean; readonly events: ReadonlyArray<unknown> }, extra: Record<string, unknown> = {}) => {
  const { appended } = result;
  const events = await recordedBy(services.store, stream, key, appended ? result.events.length : 0);
  return json(201, { ...extra, stream, events: events.map((e) => storedEventOf(e, false)) }, appended ? undefined : { 'idempotent-replayed': 'true' });
};

/** POST /commands: any participant or claim command, as the published command schemas describe it. */
export const commandRoute = (services: Services): AnyRoute =>
  route({
    method: 'POST',
    path: '/commands',
    operationId: 'executeCommand',
    tag: 'commands',
    summary: 'Record one command: enrol, start or end a sponsorship, pay a contribution, assess arrears, file, decide or reject a claim, disburse a benefit',
    description:
      'The body is one command of the published command schemas (docs/schemas/commands/), chosen by its `type`. A clerk may send commands for their own branch only: the branch the command names, the branch the participant is enrolled at, the branch the claim was filed at. Each command has a business key (a payment reference, a claim number, a transfer reference): repeating it records nothing and answers the first answer again (with the header Idempotent-Replayed: true). Personal data is redacted from the events in the answer.',
    permission: 'write',
    idempotencyKey: true,
    responses: { 201: { description: 'Recorded (or recorded before: the same answer).', schema: WriteAnswerC }, ...WRITE_ERRORS },
    handler: async ({ caller, body }) => {
      const decoded = decodeCommand(body);
      if (E.isLeft(decoded)) return executeFailure(decoded.left);
      const command = decoded.right;
      if (NOT_SERVED.has(command.type)) return failure(400, 'command-not-served', `${command.type} is not served over HTTP: region facts are recorded with the jamsos CLI`, [{ path: 'type', message: 'not served over HTTP' }]);
      const refused = await refuseWrite(services, caller, command);
      if (refused !== undefined) return refused;
      const result = await services.service.execute(command, { correlationId: `http:${caller.name}` })();
      if (E.isLeft(result)) return executeFailure(result.left);
      const { stream, key } = targetOf(command);
      return writeAnswer(services, stream, key, result.right);
    },
  });

