// The published schemas say what the codecs say: every valid event and command is accepted, and a
// mutated one is refused by the schema exactly when io-ts refuses it (except for the documented limits).
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { baselinePolicy, decodeEvent, encodeEvent, eventDefinition } from '@jamsos/domain';
import { createCommandService, createInMemoryEventStore, decodeCommand, withHashChain } from '@jamsos/core';
import { collect, sampleCommandArbitrary, sampleHistory, sampleOpeningCommands } from '@jamsos/core/testing';
import { commandCodecs, commandSchemas } from './catalogue/commands.js';
import { eventSchemas } from './catalogue/events.js';
import { schemaPaths } from './catalogue/paths.js';
import { ajvWithContracts, validatorOf } from './testing/ajv.js';
import { arbitraryOf } from './testing/arbitraries.js';
import { explainedBy, KNOWN_LIMITS } from './testing/known-limits.js';
import { mutatedArb } from './testing/mutations.js';

const ajv = ajvWithContracts();
const envelope = validatorOf(ajv, schemaPaths.recordedEvent);
const anyCommand = validatorOf(ajv, schemaPaths.command);
const json = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
const errorsOf = (validate: { errors?: unknown }): string => JSON.stringify(validate.errors ?? [], null, 1);

const codecOfEvent = (type: string) => {
  const definition = eventDefinition(type);
  if (definition === undefined) throw new Error(`bug: no event ${type}`);
  return definition.codec;
};
const commandCodecOf = (type: string) => {
  const command = commandCodecs().find((c) => c.type === type);
  if (command === undefined) throw new Error(`bug: no command ${type}`);
  return command.codec;
};

describe('every event schema accepts what its codec accepts', () => {
  it.each(eventSchemas().map((e) => [e.type, e.version] as const))('%s v%d: random valid data from the codec', (type, version) => {
    const validate = validatorOf(ajv, schemaPaths.event(type, version));
    fc.assert(
      fc.property(arbitraryOf(codecOfEvent(type)), (generated) => {
        const data = json(generated);
        expect(E.isRight(decodeEvent({ type, schemaVersion: version, data })), 'the generator made data io-ts refuses').toBe(true);
        expect(validate(data), errorsOf(validate)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('every event a random history stores: its data against its schema, the whole record against the envelope', async () => {
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 1_000_000 }), async (seed) => {
        const store = withHashChain(createInMemoryEventStore());
        const service = createCommandService({ store, clock: () => '2025-01-01T00:00:00.000Z', policy: baselinePolicy });
        for (const command of sampleHistory(seed, 60)) await service.execute(command)();
        for (const recorded of await collect(store.readAll())) {
          seen.add(recorded.type);
          expect(envelope(json(recorded)), errorsOf(envelope)).toBe(true);
          // The domain event read back and written again with encodeEvent: the stored JSON a feed carries.
          const decoded = decodeEvent({ type: recorded.type, schemaVersion: recorded.metadata.schemaVersion, data: recorded.data });
          if (E.isLeft(decoded)) throw new Error(`a stored event does not decode: ${JSON.stringify(decoded.left)}`);
          const stored = encodeEvent(decoded.right);
          const validate = validatorOf(ajv, schemaPaths.event(stored.type, stored.schemaVersion));
          expect(validate(json(stored.data)), errorsOf(validate)).toBe(true);
        }
      }),
      { numRuns: 4 },
    );
    expect([...seen]).toEqual(expect.arrayContaining(['ParticipantRegistered', 'ParticipantEnrolled', 'SponsorshipStarted', 'ContributionPaid', 'ClaimFiled', 'LabourForceRecorded', 'CoverageTargetSet']));
  });
});

describe('every command schema accepts what the command service accepts', () => {
  it('the sample commands (sampleCommandArbitrary and the opening ones)', () => {
    for (const command of sampleOpeningCommands()) expect(anyCommand(json(command)), errorsOf(anyCommand)).toBe(true);
    fc.assert(
      fc.property(sampleCommandArbitrary, (command) => {
        const data = json(command);
        expect(E.isRight(decodeCommand(data))).toBe(true);
        expect(anyCommand(data), errorsOf(anyCommand)).toBe(true);
        const own = validatorOf(ajv, schemaPaths.commandOf(String((data as { type: string }).type)));
        expect(own(data), errorsOf(own)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it.each(commandSchemas().map((c) => c.type))('%s: random valid commands from the codec', (type) => {
    const validate = validatorOf(ajv, schemaPaths.commandOf(type));
    const codec = commandCodecOf(type);
    fc.assert(
      fc.property(arbitraryOf(codec), (generated) => {
        const data = json(generated);
        expect(E.isRight(decodeCommand(data)), 'the generator made a command io-ts refuses').toBe(true);
        expect(validate(data), errorsOf(validate)).toBe(true);
        expect(anyCommand(data), errorsOf(anyCommand)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

/** Asserts the schema and the codec agree on a value, or that a documented limit explains why not. */
const agree = (value: unknown, codecAccepts: boolean, schemaAccepts: boolean, what: string): void => {
  if (codecAccepts === schemaAccepts) return;
  const limit = explainedBy(value, codecAccepts, schemaAccepts);
  expect(limit, `${what}: io-ts ${codecAccepts ? 'accepts' : 'refuses'} but the schema ${schemaAccepts ? 'accepts' : 'refuses'} ${JSON.stringify(value)}`).toBeDefined();
};

describe('a mutated event or command is refused by its schema exactly when io-ts refuses it', () => {
  it.each(eventSchemas().map((e) => [e.type, e.version] as const))('%s v%d', (type, version) => {
    const validate = validatorOf(ajv, schemaPaths.event(type, version));
    let refused = 0;
    fc.assert(
      fc.property(arbitraryOf(codecOfEvent(type)).map(json).chain(mutatedArb), ({ mutations, result }) => {
        const codecAccepts = E.isRight(decodeEvent({ type, schemaVersion: version, data: result }));
        if (!codecAccepts) refused++;
        agree(result, codecAccepts, validate(result), `${type} after ${JSON.stringify(mutations)}`);
      }),
      { numRuns: 300 },
    );
    expect(refused, 'the mutations should mostly produce invalid data').toBeGreaterThan(100);
  });

  it.each(commandSchemas().map((c) => c.type))('%s', (type) => {
    let refused = 0;
    fc.assert(
      fc.property(arbitraryOf(commandCodecOf(type)).map(json).chain(mutatedArb), ({ mutations, result }) => {
        const codecAccepts = E.isRight(decodeCommand(result));
        if (!codecAccepts) refused++;
        agree(result, codecAccepts, anyCommand(result), `${type} after ${JSON.stringify(mutations)}`);
      }),
      { numRuns: 300 },
    );
    expect(refused).toBeGreaterThan(100);
  });
});

describe('the stored-event envelope', () => {
  const record = {
    id: '0b0f1c9e-1d9a-5b7e-9d1e-7c1f0b2a3c4d',
    type: 'ContributionPaid',
    streamName: 'participant-p-001',
    revision: 3,
    globalPosition: 17,
    metadata: { schemaVersion: 1, recordedAt: '2025-01-01T00:00:00.000Z' },
    data: {
      participantId: 'p-001', period: '2024-03', lines: [{ programme: 'JKK', amount: 10_000 }], total: 16_800, payer: { type: 'self' },
      paymentReference: 'R-1-2024-03', paidOn: '2024-03-10', branchId: 'KC-CILEGON', regionId: '3672',
    },
  };

  it('accepts a stored event, and refuses an unknown type, an unknown schema version, bad data or a missing field', () => {
    expect(envelope(record), errorsOf(envelope)).toBe(true);
    expect(envelope({ ...record, type: 'ContributionRefunded' })).toBe(false);
    expect(envelope({ ...record, metadata: { ...record.metadata, schemaVersion: 2 } })).toBe(false);
    expect(envelope({ ...record, data: { ...record.data, total: -16_800 } })).toBe(false);
    expect(envelope({ ...record, data: { ...record.data, period: '2024-13' } })).toBe(false);
    const { metadata: _metadata, ...withoutMetadata } = record;
    expect(envelope(withoutMetadata)).toBe(false);
    expect(envelope({ ...record, metadata: { ...record.metadata, chain: { v: 1, prev: '0'.repeat(64), hash: 'f'.repeat(64) }, tenant: 'x' } })).toBe(true);
    expect(envelope({ ...record, metadata: { ...record.metadata, chain: { v: 1, prev: 'nope', hash: 'f'.repeat(64) } } })).toBe(false);
  });
});

describe('the known limits', () => {
  it('are each real: io-ts and the schema disagree on an example, and the limit explains it', () => {
    const validate = validatorOf(ajv, schemaPaths.event('ParticipantRegistered', 1));
    const data = { participantId: 'p-001', nik: '3672011507850001', name: '😀'.repeat(150), birthDate: '1985-07-15', domicileRegionId: '3672', registeredOn: '2024-01-02' };
    const codecAccepts = E.isRight(decodeEvent({ type: 'ParticipantRegistered', schemaVersion: 1, data }));
    expect([codecAccepts, validate(data)]).toEqual([false, true]);
    expect(explainedBy(data, codecAccepts, true)?.name).toBe('PersonName length in UTF-16 units');
    expect(KNOWN_LIMITS.map((l) => l.name)).toEqual(['PersonName length in UTF-16 units']);
  });
});
