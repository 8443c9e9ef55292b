import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import * as t from 'io-ts';
import {
  ClaimCommandC,
  claimCommandKey,
  claimDecider,
  claimStreamName,
  describeErrors,
  describeValue,
  formatProblems,
  ParticipantCommandC,
  participantCommandKey,
  participantDecider,
  participantStreamName,
  RegionCommandC,
  regionCommandKey,
  regionDecider,
  regionStreamName,
  type ClaimCommand,
  type ClaimCommandInput,
  type ClaimCommandRejection,
  type ClaimEvent,
  type ParticipantCommand,
  type ParticipantEvent,
  type ParticipantRejection,
  type ParticipantState,
  type PolicyLookup,
  type RegionCommand,
  type RegionEvent,
  type RegionRejection,
  type ValidationProblem,
} from '@jamsos/domain';
import { handleCommand, handleCommands, type CommandDependencies, type CommandError, type CommandOptions, type CommandResult, type RejectedInSequence } from '../command/handler.js';
import { jamsosEventCodec } from './jamsos-codec.js';

/** Any command jamsos accepts, as validated at the boundary. */
export const JamsosCommandC = t.union([ParticipantCommandC, ClaimCommandC, RegionCommandC], 'JamsosCommand');
export type JamsosCommand = ParticipantCommand | ClaimCommandInput | RegionCommand;

/** A command that failed validation: each problem with its path in the input. */
export interface InvalidCommand {
  readonly _tag: 'InvalidCommand';
  readonly problems: ReadonlyArray<ValidationProblem>;
  readonly message: string;
}

/** Everything executing a command can answer instead of success. */
export type ExecuteError = InvalidCommand | CommandError<ParticipantRejection | ClaimCommandRejection | RegionRejection>;

/** The services that write: each command goes to its stream's decider under the configured policy. */
export interface CommandService {
  /** Validates any input as a jamsos command, then executes it. */
  readonly execute: (input: unknown, options?: CommandOptions) => TE.TaskEither<ExecuteError, CommandResult<ParticipantEvent | ClaimEvent | RegionEvent>>;
  readonly participants: (command: ParticipantCommand, options?: CommandOptions) => TE.TaskEither<CommandError<ParticipantRejection>, CommandResult<ParticipantEvent>>;
  readonly claims: (command: ClaimCommandInput, options?: CommandOptions) => TE.TaskEither<CommandError<ClaimCommandRejection>, CommandResult<ClaimEvent>>;
  readonly regions: (command: RegionCommand, options?: CommandOptions) => TE.TaskEither<CommandError<RegionRejection>, CommandResult<RegionEvent>>;
  /** Several commands to one participant, all or nothing (e.g. a roster row: register, then enrol). */
  readonly participantSequence: (
    commands: ReadonlyArray<ParticipantCommand>,
    options?: CommandOptions,
  ) => TE.TaskEither<CommandError<RejectedInSequence<ParticipantRejection>>, CommandResult<ParticipantEvent>>;
}

type AnyCodec = t.Mixed & { readonly _tag?: string; readonly props?: Record<string, t.Mixed & { readonly value?: unknown }>; readonly types?: ReadonlyArray<AnyCodec> };
const literalType = (codec: AnyCodec): string | undefined =>
  codec._tag === 'IntersectionType' ? literalType((codec.types ?? [])[0] as AnyCodec) : (codec.props?.['type']?.value as string | undefined);

/** Each command's codec by its `type`, so that a bad command gets the errors of its own codec only. */
const commandCodecs = new Map<string, t.Mixed>(
  [ParticipantCommandC, ClaimCommandC, RegionCommandC].flatMap((union) => (union.types as ReadonlyArray<AnyCodec>).map((codec) => [literalType(codec) ?? '', codec] as const)),
);

/** Validates input as a jamsos command, with errors that name the field and what is wrong with it. */
export const decodeCommand = (input: unknown): E.Either<InvalidCommand, JamsosCommand> => {
  const type = typeof input === 'object' && input !== null ? (input as { type?: unknown }).type : undefined;
  const codec = typeof type === 'string' ? commandCodecs.get(type) : undefined;
  if (codec === undefined) {
    const message = `type: unknown command ${describeValue(type)}; expected one of ${[...commandCodecs.keys()].join(', ')}`;
    return E.left({ _tag: 'InvalidCommand', problems: [{ path: 'type', message }], message });
  }
  const decoded = codec.decode(input);
  if (E.isLeft(decoded)) {
    const problems = describeErrors(decoded.left);
    return E.left({ _tag: 'InvalidCommand', problems, message: formatProblems(problems) });
  }
  return E.right(decoded.right as JamsosCommand);
};

const isParticipantCommand = (c: JamsosCommand): c is ParticipantCommand => ParticipantCommandC.types.some((codec) => codec.is(c));
const isRegionCommand = (c: JamsosCommand): c is RegionCommand => RegionCommandC.types.some((codec) => codec.is(c));

/** Builds the command services over a store, a clock and the policy the deciders apply. */
export const createCommandService = (dependencies: CommandDependencies & { readonly policy: PolicyLookup }): CommandService => {
  const participantDefinition = {
    decider: participantDecider(dependencies.policy),
    codec: jamsosEventCodec<ParticipantEvent>(),
    streamName: (c: ParticipantCommand) => participantStreamName(c.participantId),
    businessKey: participantCommandKey,
  };
  const claimDefinition = {
    decider: claimDecider(dependencies.policy),
    codec: jamsosEventCodec<ClaimEvent>(),
    streamName: (c: ClaimCommand) => claimStreamName(c.claimId),
    businessKey: claimCommandKey,
  };
  const regionDefinition = {
    decider: regionDecider,
    codec: jamsosEventCodec<RegionEvent>(),
    streamName: (c: RegionCommand) => regionStreamName(c.regionId),
    businessKey: regionCommandKey,
  };
  const participants = handleCommand(dependencies, participantDefinition);
  const handleClaim = handleCommand(dependencies, claimDefinition);
  const regions = handleCommand(dependencies, regionDefinition);

  /** Folds a participant's stream: the record a claim is judged against. */
  const participantRecord = (participantId: string): TE.TaskEither<CommandError<never>, ParticipantState> => async () => {
    let state = participantDefinition.decider.initialState;
    try {
      for await (const recorded of dependencies.store.readStream(participantStreamName(participantId))) {
        const decoded = participantDefinition.codec.decode(recorded);
        if (E.isLeft(decoded)) return decoded;
        state = participantDefinition.decider.evolve(state, decoded.right);
      }
    } catch (cause) {
      return E.left({ _tag: 'StoreFailure', message: `could not read participant ${participantId}`, cause });
    }
    return E.right(state);
  };

  /** Which participant a claim is about, from its stream's first event. */
  const claimParticipant = (claimId: string): TE.TaskEither<CommandError<ClaimCommandRejection>, string | undefined> => async () => {
    try {
      for await (const recorded of dependencies.store.readStream(claimStreamName(claimId), { maxCount: 1 })) return E.right((recorded.data as { participantId: string }).participantId);
    } catch (cause) {
      return E.left({ _tag: 'StoreFailure', message: `could not read claim ${claimId}`, cause });
    }
    return E.right(undefined);
  };

  const claims: CommandService['claims'] = (command, options) => {
    if (command.type !== 'DecideClaim') return handleClaim(command, options);
    return pipe(
      claimParticipant(command.claimId),
      TE.chain((participantId) => (participantId === undefined ? TE.left<CommandError<ClaimCommandRejection>>({ _tag: 'ClaimNotFiled' }) : participantRecord(participantId))),
      TE.chain((participant) => handleClaim({ ...command, participant }, options)),
    );
  };

  const execute: CommandService['execute'] = (input, options) => {
    const decoded = decodeCommand(input);
    if (E.isLeft(decoded)) return TE.left(decoded.left);
    const command = decoded.right;
    if (isParticipantCommand(command)) return participants(command, options);
    if (isRegionCommand(command)) return regions(command, options);
    return claims(command, options);
  };

  return { execute, participants, claims, regions, participantSequence: handleCommands(dependencies, participantDefinition) };
};
