import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import type { Decider, DomainEvent } from '@jamsos/domain';
import { storeFailure, type AppendError, type StoreFailure, type WrongExpectedVersion } from '../store/errors.js';
import type { EventStore, RecordedEvent } from '../store/types.js';
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

/** Folds a stream as it streams: never holds the whole stream in memory. Only store IO becomes a StoreFailure; evolve's errors are bugs and throw. */
const loadState = async <Event, State>(
  store: EventStore,
  streamName: string,
  codec: EventCodec<Event>,
  evolve: (state: State, event: Event) => State,
  initial: State,
): Promise<E.Either<DecodeFailure | StoreFailure, { state: State; revision: number | 'no_stream' }>> => {
  let state = initial;
  let revision: number | 'no_stream' = 'no_stream';
  const events = store.readStream(streamName)[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<RecordedEvent>;
    try {
      next = await events.next();
    } catch (cause) {
      return E.left(storeFailure(`could not read ${streamName}`, cause));
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

/** A rejection of one command in a sequence: which one, and why. */
export interface RejectedInSequence<Rejection> {
  readonly _tag: 'RejectedInSequence';
  readonly index: number;
  readonly rejection: Rejection;
}

/**
 * Decides commands in order against one stream, evolving the state between them, and appends all
 * their events in ONE atomic append: either every command takes effect or none does. On a version
 * conflict it re-reads and re-decides, a bounded number of times. Event ids are deterministic.
 */
export const handleCommands =
  <Command, Event extends DomainEvent, State, Rejection>(dependencies: CommandDependencies, definition: CommandHandlerDefinition<Command, Event, State, Rejection>) =>
  (commands: ReadonlyArray<Command>, options: CommandOptions = {}): TE.TaskEither<CommandError<RejectedInSequence<Rejection>>, CommandResult<Event>> =>
  async () => {
    const { store, clock } = dependencies;
    const { decider, codec } = definition;
    const first = commands[0];
    if (first === undefined) return E.right({ events: [], nextExpectedRevision: 'no_stream', appended: false });
    const streamName = definition.streamName(first);
    if (commands.some((c) => definition.streamName(c) !== streamName)) throw new Error('bug: handleCommands needs commands of one stream');
    const businessKey = commands.map(definition.businessKey).join('\u0001');
    const maxRetries = definition.maxRetries ?? 3;
    for (let attempt = 0; ; attempt++) {
      const loaded = await loadState(store, streamName, codec, decider.evolve, decider.initialState);
      if (E.isLeft(loaded)) return loaded;
      let { state } = loaded.right;
      const events: Event[] = [];
      for (const [index, command] of commands.entries()) {
        const decided = decider.decide(command, state);
        if (E.isLeft(decided)) return E.left({ _tag: 'RejectedInSequence', index, rejection: decided.left });
        for (const event of decided.right) state = decider.evolve(state, event);
        events.push(...decided.right);
      }
      if (events.length === 0) return E.right({ events, nextExpectedRevision: loaded.right.revision, appended: false });
      const appended = await store.appendToStream(streamName, toAppend(streamName, businessKey, events, codec, clock(), options), { expectedRevision: loaded.right.revision })();
      if (E.isRight(appended)) return E.right({ events, nextExpectedRevision: appended.right.nextExpectedRevision, appended: true });
      if (appended.left._tag !== 'WrongExpectedVersion' || attempt >= maxRetries) return appended;
    }
  };

/** The stored form of decided events: deterministic ids, schema version, knowledge time and correlation. */
const toAppend = <Event>(streamName: string, businessKey: string, events: ReadonlyArray<Event>, codec: EventCodec<Event>, recordedAt: string, options: CommandOptions) =>
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
 * The command handler (Emmett style): read the stream and fold it, decide, append with the expected
 * revision; on a version conflict re-read and re-decide, a bounded number of times. Event ids are
 * deterministic, so a repeated or retried command appends nothing twice.
 */
export const handleCommand =
  <Command, Event extends DomainEvent, State, Rejection>(dependencies: CommandDependencies, definition: CommandHandlerDefinition<Command, Event, State, Rejection>) =>
  (command: Command, options: CommandOptions = {}): TE.TaskEither<CommandError<Rejection>, CommandResult<Event>> =>
  async () => {
    const { store, clock } = dependencies;
    const { decider, codec } = definition;
    const streamName = definition.streamName(command);
    const businessKey = definition.businessKey(command);
    const maxRetries = definition.maxRetries ?? 3;
    for (let attempt = 0; ; attempt++) {
      const loaded = await loadState(store, streamName, codec, decider.evolve, decider.initialState);
      if (E.isLeft(loaded)) return loaded;
      const { state, revision } = loaded.right;
      const decided = decider.decide(command, state);
      if (E.isLeft(decided)) return decided;
      const events = decided.right;
      if (events.length === 0) return E.right({ events, nextExpectedRevision: revision, appended: false });
      const appended = await store.appendToStream(streamName, toAppend(streamName, businessKey, events, codec, clock(), options), { expectedRevision: revision })();
      if (E.isRight(appended)) return E.right({ events, nextExpectedRevision: appended.right.nextExpectedRevision, appended: true });
      if (appended.left._tag !== 'WrongExpectedVersion' || attempt >= maxRetries) return appended;
    }
  };
