// The mutation properties of faithful.test.ts would notice a schema that says less than its codec: here
// each published schema is loosened on purpose in one way (a pattern, a bound, a required field, a
// command type), and the same mutations must find values the loose schema accepts and io-ts refuses.
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEvent, eventDefinition } from '@jamsos/domain';
import { decodeCommand } from '@jamsos/core';
import { commandCodecs, commandSchemas } from './catalogue/commands.js';
import { eventSchemas } from './catalogue/events.js';
import type { JsonSchema } from './json-schema/types.js';
import { compile } from './testing/ajv.js';
import { arbitraryOf } from './testing/arbitraries.js';
import { mutatedArb } from './testing/mutations.js';

type Loosen = (schema: Record<string, any>) => void; // eslint-disable-line @typescript-eslint/no-explicit-any

const json = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** How many mutated values the loosened schema accepts while io-ts refuses them, out of `runs`. */
const missed = (schema: JsonSchema, loosen: Loosen, values: fc.Arbitrary<unknown>, codecAccepts: (v: unknown) => boolean, runs: number): number => {
  const loose = json(schema) as Record<string, unknown>;
  delete loose['$id'];
  loosen(loose);
  const validate = compile(loose);
  return fc.sample(values.map(json).chain(mutatedArb), { numRuns: runs, seed: 42 }).filter(({ result }) => validate(result) && !codecAccepts(result)).length;
};

const eventCase = (type: string, loosen: Loosen): number => {
  const definition = eventDefinition(type);
  const schema = eventSchemas().find((e) => e.type === type)?.schema;
  if (definition === undefined || schema === undefined) throw new Error(`bug: no event ${type}`);
  return missed(schema, loosen, arbitraryOf(definition.codec), (data) => E.isRight(decodeEvent({ type, schemaVersion: definition.version, data })), 600);
};

const commandCase = (type: string, loosen: Loosen): number => {
  const codec = commandCodecs().find((c) => c.type === type)?.codec;
  const schema = commandSchemas().find((c) => c.type === type)?.schema;
  if (codec === undefined || schema === undefined) throw new Error(`bug: no command ${type}`);
  return missed(schema, loosen, arbitraryOf(codec), (command) => E.isRight(decodeCommand(command)), 600);
};

describe('the mutation properties notice a schema looser than its codec', () => {
  it.each<[string, () => number]>([
    ['a NIK pattern reduced to 16 digits', () => eventCase('ParticipantRegistered', (s) => void (s.properties.nik.pattern = '^\\d{16}$'))],
    ['a date pattern without month lengths or leap years', () => eventCase('ParticipantRegistered', (s) => void (s.properties.birthDate.pattern = '^\\d{4}-\\d{2}-\\d{2}$'))],
    ['a period pattern without the month range', () => eventCase('ContributionPaid', (s) => void (s.properties.period.pattern = '^\\d{4}-\\d{2}$'))],
    ['an amount without its minimum (negative amounts)', () => eventCase('ContributionPaid', (s) => void delete s.properties.total.minimum)],
    ['an amount that may be a fraction', () => eventCase('ContributionPaid', (s) => void (s.properties.total.type = 'number'))],
    ['a required field made optional', () => eventCase('ContributionPaid', (s) => void (s.required = s.required.filter((k: string) => k !== 'paidOn')))],
    ['a union member that accepts any object', () => eventCase('ClaimFiled', (s) => void s.properties.incident.anyOf.push({ type: 'object' }))],
    ['an enum reduced to any string', () => eventCase('ParticipantEnrolled', (s) => void (s.properties.category = { type: 'string' }))],
    ['an id that may hold 16 digits in a row (a NIK)', () => eventCase('ContributionPaid', (s) => void delete s.properties.participantId.not)],
    ['a command type that is any string', () => commandCase('PayContribution', (s) => void (s.properties.type = { type: 'string' }))],
  ])('%s', (_what, run) => {
    expect(run()).toBeGreaterThan(0);
  });
});
