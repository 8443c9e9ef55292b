import { isDeepStrictEqual } from 'node:util';
import * as E from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import { identity, pipe } from 'fp-ts/lib/function.js';
import type { Decider, DomainEvent } from '@jamsos/domain';
import { storeFailure, wrongExpectedVersion, type AppendError, type StoreFailure, type WrongExpectedVersion } from '../store/errors.js';
import type { EventStore, EventToAppend, ExpectedRevision, RecordedEvent } from '../store/types.js';
import { deterministicEventId } from './event-ids.js';

/** A stored event that could not be read back into a domain event. */
export interface DecodeFailure {
  readonly _tag: 'DecodeFailure';
  readonly streamName: string;
  readonly revision: number;
  readonly message: string;
}

/** How a handler turns domain events into stored ones and back. */
export interface EventCodec<Event> {
  readonly encode: (event: Event) => { readonly type: string; readonly data: unknown; readonly schemaVersion: number };
  readonly decode: (recorded: RecordedEvent) => E.Either<DecodeFailure, Event>;
}

/** What a command handler needs to know about one kind of command. */
export interface CommandHandlerDefinition<Command, Event extends DomainEvent, State, Rejection> {
  readonly decider: Decider<Command, Event, State, Rejection>;
  readonly streamName: (command: Command) => string;
  /** What makes a repeat of the command recognisable: event ids are derived from it. */
  readonly businessKey: (command: Command) => string;
  readonly codec: EventCodec<Event>;
  /** How many times to re-read and re-decide after a version conflict (default 3). */
  readonly maxRetries?: number;
}

/** The handler's dependencies, injected: the store and a clock for knowledge time. */
export interface CommandDependencies {
  readonly store: EventStore;
  /** The current instant as an ISO string: stamped as `recordedAt`. */
  readonly clock: () => string;
}

/** What handling a command did. */
export interface CommandResult<Event> {
  /** The events the command caused (empty when it changed nothing, e.g. a repeat). */
  readonly events: ReadonlyArray<Event>;
  readonly nextExpectedRevision: number | 'no_stream';
  readonly appended: boolean;
}

/** Why handling a command failed: the decider's rejection, or what the store answered. */
export type CommandError<Rejection> = Rejection | WrongExpectedVersion | AppendError | StoreFailure | DecodeFailure;

/** Correlation and causation ids for the events' metadata. */
export interface CommandOptions {
  readonly correlationId?: string;
  readonly causationId?: string;
}

/** A task built only when it runs, so that what throws while building it rejects the task instead. */
const defer =
  <L, R>(build: () => TE.TaskEither<L, R>): TE.TaskEither<L, R> =>
  async () =>
    build()();

/** A stream's state and the revision of its last event. */
interface Loaded<State> {
  readonly state: State;
  readonly revision: number | 'no_stream';
}

/**
 * Folds a stream as it streams: never holds the whole stream in memory. A read that throws becomes a
 * StoreFailure and an undecodable event a DecodeFailure; evolve's errors are bugs and throw.
 */
const loadState =
  <Event, State>(store: EventStore, streamName: string, codec: EventCodec<Event>, evolve: (state: State, event: Event) => State, initial: State): TE.TaskEither<DecodeFailure | StoreFailure, Loaded<State>> =>
  async () => {
    let state = initial;
    let revision: number | 'no_stream' = 'no_stream';
    const events = store.readStream(streamName)[Symbol.asyncIterator]();
    for (;;) {
      let next: IteratorResult<RecordedEvent>;
      try {
        next = await events.next();
      } catch (cause) {
        const at = revision === 'no_stream' ? 0 : revision + 1;
        return E.left(storeFailure(`could not read ${streamName} at revision ${at}: ${cause instanceof Error ? cause.message : String(cause)}`, cause));
      }
      if (next.done === true) return E.right({ state, revision });
      const decoded = codec.decode(next.value);
      if (E.isLeft(decoded)) {
        await events.return?.();
        return decoded;
      }
      state = evolve(state, decoded.right);
      revision = next.value.revision;
    }
  };

/** Appends, turning an adapter that throws instead of answering into a StoreFailure. */
const append = (store: EventStore, streamName: string, events: ReadonlyArray<EventToAppend>, expectedRevision: ExpectedRevision): TE.TaskEither<AppendError, { readonly nextExpectedRevision: number | 'no_stream' }> =>
  pipe(
    TE.tryCatch(() => store.appendToStream(streamName, events, { expectedRevision })(), (cause) => storeFailure(`could not append to ${streamName}`, cause)),
    TE.chainEitherKW(identity),
  );

/** Plain JSON data, as a store gives it back (no undefined fields). */
const asStoredJson = (data: unknown): unknown => JSON.parse(JSON.stringify(data)) as unknown;

/**
 * The append's revision, once the events stored at the appended revisions are the ones decided. An
 * append whose ids are already stored right after the expected revision is acknowledged as a replay
 * (idempotency compares ids): when another writer stored a different decision under the same business
 * key first, the ids match but the content does not. That is a conflict: WrongExpectedVersion, so the
 * handler re-reads and re-decides against what is stored, as if the two commands had run one after
 * the other, and never reports events that are not stored.
 */
const confirmStored = (
  store: EventStore,
  streamName: string,
  decided: ReadonlyArray<EventToAppend>,
  expected: ExpectedRevision,
  nextExpectedRevision: number | 'no_stream',
): TE.TaskEither<StoreFailure | WrongExpectedVersion, number | 'no_stream'> =>
  pipe(
    TE.tryCatch(
      async () => {
        if (nextExpectedRevision === 'no_stream') return decided.length === 0;
        const first = nextExpectedRevision - decided.length + 1;
        if (first < 0) return false;
        let k = 0;
        for await (const stored of store.readStream(streamName, { fromRevision: first, maxCount: decided.length })) {
          const mine = decided[k++];
          if (mine === undefined || stored.id !== mine.id || stored.type !== mine.type || !isDeepStrictEqual(stored.data, asStoredJson(mine.data))) return false;
        }
        return k === decided.length;
      },
      (cause) => storeFailure(`could not read back what was appended to ${streamName}`, cause),
    ),
    TE.chainW((same) => (same ? TE.right(nextExpectedRevision) : TE.left(wrongExpectedVersion(streamName, expected, nextExpectedRevision)))),
  );

/** The stored form of decided events: deterministic ids, schema version, knowledge time and correlation. */
const toAppend = <Event>(streamName: string, businessKey: string, events: ReadonlyArray<Event>, codec: EventCodec<Event>, recordedAt: string, options: CommandOptions): EventToAppend[] =>
  events.map((event, index) => {
    const { type, data, schemaVersion } = codec.encode(event);
    return {
      id: deterministicEventId(streamName, businessKey, index),
      type,
      data,
      metadata: {
        schemaVersion,
        recordedAt,
        ...(options.correlationId === undefined ? {} : { correlationId: options.correlationId }),
        ...(options.causationId === undefined ? {} : { causationId: options.causationId }),
      },
    };
  });

/**
 * The loop both handlers share: load the stream, decide, append at the revision just read; on a
 * version conflict (and only then) start again, at most `retriesLeft` more times.
 */
const decideAndAppend = <Event, State, Rejection>(
  dependencies: CommandDependencies,
  decider: { readonly evolve: (state: State, event: Event) => State; readonly initialState: State },
  codec: EventCodec<Event>,
  target: { readonly streamName: string; readonly businessKey: string },
  decideAll: (state: State) => E.Either<Rejection, ReadonlyArray<Event>>,
  options: CommandOptions,
  retriesLeft: number,
): TE.TaskEither<CommandError<Rejection>, CommandResult<Event>> =>
  pipe(
    loadState(dependencies.store, target.streamName, codec, decider.evolve, decider.initialState),
    TE.chainW(({ state, revision }) =>
      pipe(
        TE.fromEither(decideAll(state)),
        TE.chainW((events): TE.TaskEither<CommandError<Rejection>, CommandResult<Event>> =>
          events.length === 0
            ? TE.right({ events, nextExpectedRevision: revision, appended: false })
            : pipe(
                TE.of(toAppend(target.streamName, target.businessKey, events, codec, dependencies.clock(), options)),
                TE.chainW((toStore) =>
                  pipe(
                    append(dependencies.store, target.streamName, toStore, revision),
                    TE.chainW((result) => confirmStored(dependencies.store, target.streamName, toStore, revision, result.nextExpectedRevision)),
                  ),
                ),
                TE.map((nextExpectedRevision) => ({ events, nextExpectedRevision, appended: true })),
                TE.orElseW((error) =>
                  error._tag === 'WrongExpectedVersion' && retriesLeft > 0
                    ? decideAndAppend(dependencies, decider, codec, target, decideAll, options, retriesLeft - 1)
                    : TE.left(error),
                ),
              ),
        ),
      ),
    ),
  );

/**
 * The command handler (Emmett style): read the stream and fold it, decide, append with the expected
 * revision; on a version conflict re-read and re-decide, a bounded number of times. Event ids are
 * deterministic, so a repeated or retried command appends nothing twice.
 */
export const handleCommand =
  <Command, Event extends DomainEvent, State, Rejection>(dependencies: CommandDependencies, definition: CommandHandlerDefinition<Command, Event, State, Rejection>) =>
  (command: Command, options: CommandOptions = {}): TE.TaskEither<CommandError<Rejection>, CommandResult<Event>> =>
    defer(() =>
      decideAndAppend(
        dependencies,
        definition.decider,
        definition.codec,
        { streamName: definition.streamName(command), businessKey: definition.businessKey(command) },
        (state) => definition.decider.decide(command, state),
        options,
        definition.maxRetries ?? 3,
      ),
    );

/** A rejection of one command in a sequence: which one, and why. */
export interface RejectedInSequence<Rejection> {
  readonly _tag: 'RejectedInSequence';
  readonly index: number;
  readonly rejection: Rejection;
}

/** The events of several commands decided in order, evolving the state between them; the first rejection stops it. */
const decideInSequence =
  <Command, Event, State, Rejection>(decider: Decider<Command, Event, State, Rejection>, commands: ReadonlyArray<Command>) =>
  (initial: State): E.Either<RejectedInSequence<Rejection>, ReadonlyArray<Event>> => {
    let state = initial;
    const events: Event[] = [];
    for (const [index, command] of commands.entries()) {
      const decided = decider.decide(command, state);
      if (E.isLeft(decided)) return E.left({ _tag: 'RejectedInSequence', index, rejection: decided.left });
      for (const event of decided.right) state = decider.evolve(state, event);
      events.push(...decided.right);
    }
    return E.right(events);
  };

/**
 * Decides commands in order against one stream, evolving the state between them, and appends all
 * their events in ONE atomic append: either every command takes effect or none does. On a version
 * conflict it re-reads and re-decides, a bounded number of times. Event ids are deterministic.
 * Throws (a bug) when the commands name different streams.
 */
export const handleCommands =
  <Command, Event extends DomainEvent, State, Rejection>(dependencies: CommandDependencies, definition: CommandHandlerDefinition<Command, Event, State, Rejection>) =>
  (commands: ReadonlyArray<Command>, options: CommandOptions = {}): TE.TaskEither<CommandError<RejectedInSequence<Rejection>>, CommandResult<Event>> =>
    defer(() => {
      const first = commands[0];
      if (first === undefined) return TE.right({ events: [], nextExpectedRevision: 'no_stream', appended: false });
      const streamName = definition.streamName(first);
      if (commands.some((c) => definition.streamName(c) !== streamName)) throw new Error('bug: handleCommands needs commands of one stream');
      const businessKey = commands.map(definition.businessKey).join('\u0001');
      return decideAndAppend(dependencies, definition.decider, definition.codec, { streamName, businessKey }, decideInSequence(definition.decider, commands), options, definition.maxRetries ?? 3);
    });
