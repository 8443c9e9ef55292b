import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Decider } from '@jamsos/domain';
import { createInMemoryEventStore } from '../store/memory/memory-store.js';
import type { EventStore } from '../store/types.js';
import { collect, leftOf, rightOf } from '../testing/helpers.js';
import { deterministicEventId } from './event-ids.js';
import { handleCommand, handleCommands, type CommandHandlerDefinition, type EventCodec } from './handler.js';

// A tiny bank account, enough to exercise the handler without the scheme's rules.
type Command = { type: 'Deposit' | 'Withdraw'; account: string; amount: number; reference: string };
type Event = { type: 'Deposited' | 'Withdrawn'; data: { amount: number; reference: string } };
type State = { balance: number; references: ReadonlySet<string> };
type Rejection = { _tag: 'InsufficientFunds'; balance: number };

const account: Decider<Command, Event, State, Rejection> = {
  initialState: { balance: 0, references: new Set() },
  decide: (command, state) => {
    if (state.references.has(command.reference)) return E.right([]);
    if (command.type === 'Withdraw' && command.amount > state.balance) return E.left({ _tag: 'InsufficientFunds', balance: state.balance });
    return E.right([{ type: command.type === 'Deposit' ? 'Deposited' : 'Withdrawn', data: { amount: command.amount, reference: command.reference } }]);
  },
  evolve: (state, event) => ({
    balance: state.balance + (event.type === 'Deposited' ? event.data.amount : -event.data.amount),
    references: new Set([...state.references, event.data.reference]),
  }),
};
const codec: EventCodec<Event> = {
  encode: (event) => ({ type: event.type, data: event.data, schemaVersion: 1 }),
  decode: (recorded) =>
    recorded.type === 'Deposited' || recorded.type === 'Withdrawn'
      ? E.right({ type: recorded.type, data: recorded.data as Event['data'] })
      : E.left({ _tag: 'DecodeFailure', streamName: recorded.streamName, revision: recorded.revision, message: `unknown event type ${recorded.type}` }),
};
const definition: CommandHandlerDefinition<Command, Event, State, Rejection> = {
  decider: account,
  codec,
  streamName: (c) => `account-${c.account}`,
  businessKey: (c) => c.reference,
};
const clock = () => '2025-01-01T00:00:00.000Z';
const deposit = (amount: number, reference: string): Command => ({ type: 'Deposit', account: 'a', amount, reference });
const withdraw = (amount: number, reference: string): Command => ({ type: 'Withdraw', account: 'a', amount, reference });

/** A store whose first `times` appends are each preceded by a competing writer's event; it counts the appends tried. */
const withCompetingWriter = (store: EventStore, times = 1): EventStore & { readonly attempts: () => number } => {
  let remaining = times;
  let attempts = 0;
  return {
    ...store,
    attempts: () => attempts,
    appendToStream: (streamName, events, options) => async () => {
      attempts++;
      if (remaining-- > 0) await store.appendToStream(streamName, [{ id: crypto.randomUUID(), type: 'Deposited', data: { amount: 1, reference: `rival-${remaining}` }, metadata: { schemaVersion: 1, recordedAt: clock() } }], { expectedRevision: 'any' })();
      return store.appendToStream(streamName, events, options)();
    },
  };
};

describe('handling a command', () => {
  it('given no stream, when a deposit arrives, then it starts the stream with the event, its deterministic id and its metadata', async () => {
    const store = createInMemoryEventStore();
    const result = rightOf(await handleCommand({ store, clock }, definition)(deposit(100, 'r1'), { correlationId: 'c-1', causationId: 'k-1' })());
    expect(result).toEqual({ appended: true, nextExpectedRevision: 0, events: [{ type: 'Deposited', data: { amount: 100, reference: 'r1' } }] });
    const stored = await collect(store.readStream('account-a'));
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      id: deterministicEventId('account-a', 'r1', 0),
      type: 'Deposited',
      data: { amount: 100 },
      metadata: { schemaVersion: 1, recordedAt: clock(), correlationId: 'c-1', causationId: 'k-1' },
    });
  });
  it('given a stream, when a command is decided, then it appends after the stream with the expected revision', async () => {
    const store = createInMemoryEventStore();
    const handle = handleCommand({ store, clock }, definition);
    await handle(deposit(100, 'r1'))();
    expect(rightOf(await handle(withdraw(30, 'r2'))())).toMatchObject({ nextExpectedRevision: 1, appended: true });
    expect((await collect(store.readStream('account-a'))).map((e) => e.type)).toEqual(['Deposited', 'Withdrawn']);
  });
  it('passes a rejection through and appends nothing', async () => {
    const store = createInMemoryEventStore();
    expect(leftOf(await handleCommand({ store, clock }, definition)(withdraw(30, 'r1'))())).toEqual({ _tag: 'InsufficientFunds', balance: 0 });
    expect(await collect(store.readAll())).toEqual([]);
  });
  it('re-reads and re-decides after a version conflict', async () => {
    const store = withCompetingWriter(createInMemoryEventStore());
    expect(rightOf(await handleCommand({ store, clock }, definition)(deposit(100, 'r1'))())).toMatchObject({ appended: true, nextExpectedRevision: 1 });
    expect(store.attempts()).toBe(2);
    expect((await collect(store.readStream('account-a'))).map((e) => e.data)).toEqual([
      { amount: 1, reference: 'rival-0' },
      { amount: 100, reference: 'r1' },
    ]);
  });
  it('gives up with the conflict after the allowed retries', async () => {
    const store = withCompetingWriter(createInMemoryEventStore(), 10);
    expect(leftOf(await handleCommand({ store, clock }, { ...definition, maxRetries: 2 })(deposit(100, 'r1'))())).toMatchObject({ _tag: 'WrongExpectedVersion', streamName: 'account-a' });
    expect(store.attempts()).toBe(3);
    expect((await collect(store.readStream('account-a'))).map((e) => (e.data as Event['data']).reference)).toEqual(['rival-9', 'rival-8', 'rival-7']);
  });
  it('retries three times by default', async () => {
    const store = withCompetingWriter(createInMemoryEventStore(), 10);
    expect(leftOf(await handleCommand({ store, clock }, definition)(deposit(100, 'r1'))())._tag).toBe('WrongExpectedVersion');
    expect(store.attempts()).toBe(4);
  });
  it('appends nothing twice: a repeated command gives the same ids and no new events', async () => {
    const store = createInMemoryEventStore();
    const handle = handleCommand({ store, clock }, definition);
    await handle(deposit(100, 'r1'))();
    expect(rightOf(await handle(deposit(100, 'r1'))())).toMatchObject({ appended: false, events: [] });
    expect(await collect(store.readAll())).toHaveLength(1);
  });
  it('is safe when the decider forgets: the deterministic ids make the store refuse a duplicate at the same revision', async () => {
    const forgetful = { ...definition, decider: { ...account, decide: (c: Command) => E.right([{ type: 'Deposited' as const, data: { amount: c.amount, reference: c.reference } }]) } };
    const store = createInMemoryEventStore();
    const results = await Promise.all([handleCommand({ store, clock }, forgetful)(deposit(5, 'same'))(), handleCommand({ store, clock }, forgetful)(deposit(5, 'same'))()]);
    expect(results.every(E.isRight)).toBe(true);
    expect(await collect(store.readAll())).toHaveLength(1);
  });
  it('surfaces an unreadable stored event as a value', async () => {
    const store = createInMemoryEventStore();
    await store.appendToStream('account-a', [{ id: crypto.randomUUID(), type: 'Teleported', data: {}, metadata: { schemaVersion: 1, recordedAt: clock() } }], { expectedRevision: 'no_stream' })();
    expect(leftOf(await handleCommand({ store, clock }, definition)(deposit(1, 'r'))())).toMatchObject({ _tag: 'DecodeFailure', streamName: 'account-a', revision: 0 });
    expect(await collect(store.readAll())).toHaveLength(1);
  });
  it('given a rival stored a different decision under the same business key at the same revision, when the append is acknowledged as a replay, then it re-decides and never reports events that are not stored', async () => {
    const inner = createInMemoryEventStore();
    let rivalDone = false;
    const racing: EventStore = {
      ...inner,
      appendToStream: (streamName, events, options) => async () => {
        if (!rivalDone) {
          rivalDone = true;
          // The rival decided the same command (same ids) from the same revision, with another amount.
          const rival = events.map((e) => ({ ...e, data: { ...(e.data as Event['data']), amount: 7 } }));
          await inner.appendToStream(streamName, rival, options)();
        }
        return inner.appendToStream(streamName, events, options)();
      },
    };
    const answer = rightOf(await handleCommand({ store: racing, clock }, definition)(deposit(5, 'r1'))());
    const stored = (await collect(inner.readStream('account-a'))).map((e) => e.data);
    expect(stored).toEqual([{ amount: 7, reference: 'r1' }]);
    expect(answer.appended).toBe(false);
    expect(answer.events).toEqual([]);
  });
  it('turns a failing read into a StoreFailure', async () => {
    const broken: EventStore = {
      ...createInMemoryEventStore(),
      // eslint-disable-next-line require-yield
      readStream: async function* () {
        throw new Error('disk on fire');
      },
    };
    expect(leftOf(await handleCommand({ store: broken, clock }, definition)(deposit(1, 'r'))())).toMatchObject({ _tag: 'StoreFailure', message: 'could not read account-a at revision 0: disk on fire' });
  });
  it('turns an adapter that throws on append into a StoreFailure', async () => {
    const broken: EventStore = { ...createInMemoryEventStore(), appendToStream: () => () => Promise.reject(new Error('disk full')) };
    expect(leftOf(await handleCommand({ store: broken, clock }, definition)(deposit(1, 'r'))())).toMatchObject({ _tag: 'StoreFailure', message: 'could not append to account-a' });
  });
  it('refuses, as a value, a repeat that a forgetful decider would append again after the stream moved on', async () => {
    const forgetful = { ...definition, decider: { ...account, decide: (c: Command) => E.right([{ type: 'Deposited' as const, data: { amount: c.amount, reference: c.reference } }]) } };
    const store = createInMemoryEventStore();
    const handle = handleCommand({ store, clock }, forgetful);
    rightOf(await handle(deposit(5, 'same'))());
    expect(leftOf(await handle(deposit(5, 'same'))())._tag).toBe('InvalidAppend');
    expect(await collect(store.readAll())).toHaveLength(1);
  });
});

describe('handling several commands to one stream', () => {
  it('appends the events of every command in one batch, with distinct ids', async () => {
    const store = createInMemoryEventStore();
    const result = rightOf(await handleCommands({ store, clock }, definition)([deposit(10, 'r1'), withdraw(4, 'r2')])());
    expect(result).toMatchObject({ appended: true, nextExpectedRevision: 1 });
    const stored = await collect(store.readStream('account-a'));
    expect(stored.map((e) => e.type)).toEqual(['Deposited', 'Withdrawn']);
    expect(new Set(stored.map((e) => e.id)).size).toBe(2);
  });
  it('appends nothing when one command is rejected, and says which', async () => {
    const store = createInMemoryEventStore();
    expect(leftOf(await handleCommands({ store, clock }, definition)([deposit(10, 'r1'), withdraw(40, 'r2')])())).toEqual({
      _tag: 'RejectedInSequence',
      index: 1,
      rejection: { _tag: 'InsufficientFunds', balance: 10 },
    });
    expect(await collect(store.readAll())).toEqual([]);
  });
});

describe('handler properties', () => {
  it('running every command twice leaves the same stream as running it once', async () => {
    const commandArb = fc.record({ type: fc.constantFrom<'Deposit' | 'Withdraw'>('Deposit', 'Withdraw'), account: fc.constantFrom('a', 'b'), amount: fc.integer({ min: 1, max: 100 }), reference: fc.integer({ min: 1, max: 30 }).map(String) });
    await fc.assert(
      fc.asyncProperty(fc.array(commandArb, { maxLength: 30 }), async (commands) => {
        const once = createInMemoryEventStore();
        const twice = createInMemoryEventStore();
        for (const c of commands) {
          await handleCommand({ store: once, clock }, definition)(c)();
          await handleCommand({ store: twice, clock }, definition)(c)();
          await handleCommand({ store: twice, clock }, definition)(c)();
        }
        const view = async (s: EventStore) => (await collect(s.readAll())).map((e) => [e.id, e.streamName, e.data]);
        expect(await view(twice)).toEqual(await view(once));
      }),
      { numRuns: 100 },
    );
  });
});
