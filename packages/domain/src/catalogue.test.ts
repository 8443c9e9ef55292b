import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import * as t from 'io-ts';
import { createCatalogue, decodeEvent, decodeEventTrusted, encodeEvent, eventDefinitions, eventTypesOfKind, personalDataFields, upcast, type JamsosEvent } from './catalogue.js';
import { defineEvent } from './shared/event-definition.js';
import { renderEventCatalogue } from './catalogue-doc.js';
import { bpuHistory, jkmFiled } from './testing/fixtures.js';

const docPath = fileURLToPath(new URL('../../../docs/events.md', import.meta.url));

describe('the event catalogue', () => {
  it('is what docs/events.md says (regenerate with `pnpm docs:events`)', () => {
    const rendered = renderEventCatalogue();
    if (process.env['UPDATE_DOCS'] === '1') writeFileSync(docPath, rendered);
    expect(readFileSync(docPath, 'utf8')).toBe(rendered);
  });

  it('has one definition per event type, each with a schema version', () => {
    const types = eventDefinitions.map((d) => d.type);
    expect(new Set(types).size).toBe(types.length);
    expect(eventDefinitions.every((d) => Number.isInteger(d.version) && d.version >= 1)).toBe(true);
  });

  it('splits facts from decisions as the what-if replay needs', () => {
    expect(eventTypesOfKind('decision')).toEqual(['ArrearsRecorded', 'ProtectionLapsed', 'ProtectionReinstated', 'ClaimApproved', 'ClaimRejected']);
    expect(eventTypesOfKind('fact')).toContain('ContributionPaid');
    expect(eventTypesOfKind('fact')).toContain('BenefitDisbursed');
  });

  it('marks personal data, and keeps it out of everything else', () => {
    expect(personalDataFields('ParticipantRegistered')).toEqual(['birthDate', 'name', 'nik']);
    expect(personalDataFields('ClaimFiled')).toEqual(['claimantName', 'heirs[].bankAccount', 'heirs[].name', 'heirs[].nik']);
    expect(personalDataFields('ContributionPaid')).toEqual([]);
    expect(personalDataFields('ClaimApproved')).toEqual([]);
  });

  it('round-trips every event through encode and decode', () => {
    const events: JamsosEvent[] = [...bpuHistory('2024-03'), jkmFiled('2024-03-20')];
    for (const event of events) expect(decodeEvent(encodeEvent(event))).toEqual(E.right(event));
  });

  it('names an unknown event type, an unknown version, and invalid data', () => {
    expect(decodeEvent({ type: 'ParticipantTeleported', schemaVersion: 1, data: {} })).toEqual(E.left({ _tag: 'UnknownEventType', type: 'ParticipantTeleported' }));
    expect(decodeEvent({ type: 'ContributionPaid', schemaVersion: 9, data: {} })).toEqual(E.left({ _tag: 'UnknownSchemaVersion', type: 'ContributionPaid', schemaVersion: 9, current: 1 }));
    const bad = encodeEvent(bpuHistory('2024-01')[3] as JamsosEvent);
    const result = decodeEvent({ ...bad, data: { ...(bad.data as object), total: -16_800 } });
    expect(E.isLeft(result) && result.left._tag === 'InvalidEventData' && result.left.message).toContain('total: an amount of rupiah must be greater than zero, got -16800');
  });

  it('trusts the shape on the hot path but still refuses unknown types', () => {
    expect(E.isRight(decodeEventTrusted({ type: 'ContributionPaid', schemaVersion: 1, data: { anything: true } }))).toBe(true);
    expect(E.isLeft(decodeEventTrusted({ type: 'Nope', schemaVersion: 1, data: {} }))).toBe(true);
    expect(E.isLeft(upcast({ type: 'ContributionPaid', schemaVersion: 0, data: {} }))).toBe(true);
  });

  it('reads an old version through its upcaster, as sciety keeps legacy codecs', () => {
    // Version 2 of a made-up event split "name" into given and family names; version 1 data is upcast on read.
    const Renamed = defineEvent({
      type: 'WorkerNamed',
      version: 2,
      kind: 'fact',
      description: 'test only',
      codec: t.type({ given: t.string, family: t.string }),
      upcasters: { 1: (data) => { const [given = '', ...rest] = String((data as { name: string }).name).split(' '); return { given, family: rest.join(' ') }; } },
    });
    const catalogue = createCatalogue<{ type: 'WorkerNamed'; data: { given: string; family: string } }>([Renamed]);
    expect(catalogue.decodeEvent({ type: 'WorkerNamed', schemaVersion: 1, data: { name: 'Siti Aminah Rahayu' } })).toEqual(E.right({ type: 'WorkerNamed', data: { given: 'Siti', family: 'Aminah Rahayu' } }));
    expect(catalogue.decodeEventTrusted({ type: 'WorkerNamed', schemaVersion: 1, data: { name: 'Ujang' } })).toEqual(E.right({ type: 'WorkerNamed', data: { given: 'Ujang', family: '' } }));
    expect(catalogue.encodeEvent({ type: 'WorkerNamed', data: { given: 'A', family: 'B' } }).schemaVersion).toBe(2);
    expect(E.isLeft(catalogue.decodeEvent({ type: 'WorkerNamed', schemaVersion: 2, data: { given: 1 } }))).toBe(true);
    expect(catalogue.upcast({ type: 'WorkerNamed', schemaVersion: 3, data: {} })).toEqual(E.left({ _tag: 'UnknownSchemaVersion', type: 'WorkerNamed', schemaVersion: 3, current: 2 }));
  });
});
