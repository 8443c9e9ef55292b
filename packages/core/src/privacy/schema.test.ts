import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { baselinePolicy, eventDefinitions, IsoDateC, NikC, nikParts, participantDecider, personalData, personalDataFields, type JamsosEventType, type Nik } from '@jamsos/domain';
import { jamsosPersonalData, personalCodecs, placeholderFor, REDACTED_BIRTH_DATE, REDACTED_NIK, REDACTED_TEXT } from './schema.js';

describe('the personal-data schema of jamsos events', () => {
  it('lists exactly the catalogue personal-data fields, for the event types that have any', () => {
    for (const definition of eventDefinitions)
      expect(jamsosPersonalData.fieldsOf(definition.type).map((f) => f.path)).toEqual(personalDataFields(definition.type as JamsosEventType));
    expect([...jamsosPersonalData.eventTypes].sort()).toEqual(['ClaimFiled', 'ParticipantRegistered']);
    expect(jamsosPersonalData.fieldsOf('NoSuchEvent')).toEqual([]);
  });

  it('gives every personal field a placeholder its own codec accepts', () => {
    for (const definition of eventDefinitions)
      for (const [path, codec] of personalCodecs(definition.codec)) {
        const field = jamsosPersonalData.fieldsOf(definition.type).find((f) => f.path === path);
        expect(E.isRight(codec.decode(field?.placeholder)), `${definition.type}.${path}`).toBe(true);
      }
    expect(jamsosPersonalData.fieldsOf('ParticipantRegistered').map((f) => [f.path, f.placeholder])).toEqual([
      ['birthDate', REDACTED_BIRTH_DATE],
      ['name', REDACTED_TEXT],
      ['nik', REDACTED_NIK],
    ]);
  });

  it('uses a redacted NIK whose birth date is the redacted birth date, so a replayed registration passes the decider', () => {
    expect(E.isRight(NikC.decode(REDACTED_NIK))).toBe(true);
    expect(E.isRight(IsoDateC.decode(REDACTED_BIRTH_DATE))).toBe(true);
    const parts = nikParts(REDACTED_NIK as Nik);
    expect([parts.birthDay, parts.birthMonth, parts.birthYearTwoDigits]).toEqual([1, 1, 0]);
    const decided = participantDecider(baselinePolicy).decide(
      { type: 'RegisterParticipant', participantId: 'p-1', nik: REDACTED_NIK, name: REDACTED_TEXT, birthDate: REDACTED_BIRTH_DATE, domicileRegionId: '3672', registeredOn: '2024-01-02' } as never,
      participantDecider(baselinePolicy).initialState,
    );
    expect(E.isRight(decided)).toBe(true);
  });

  it('names the subject by the participant id in the data', () => {
    expect(jamsosPersonalData.subjectOf('ClaimFiled', { participantId: 'p-9', claimId: 'K' })).toBe('p-9');
    expect(jamsosPersonalData.subjectOf('ClaimFiled', { claimId: 'K' })).toBeUndefined();
  });

  it('falls back to the text placeholder for a codec no candidate fits', () => {
    expect(placeholderFor(personalData(t.number))).toBe(REDACTED_TEXT);
    expect(placeholderFor(personalData(t.string))).toBe(REDACTED_TEXT);
  });
});
