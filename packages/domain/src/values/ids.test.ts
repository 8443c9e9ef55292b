import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import type * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { describeErrors } from '../shared/codec.js';
import { BranchIdC, ClaimIdC, EmployerIdC, ParticipantIdC, PaymentReferenceC, ProjectIdC, RegionIdC, SponsorIdC } from './ids.js';

const verdict = (codec: t.Mixed, value: unknown): string => {
  const decoded = codec.decode(value);
  return E.isLeft(decoded) ? describeErrors(decoded.left).map((p) => p.message).join('; ') : 'valid';
};

describe('opaque ids', () => {
  it.each([
    [ParticipantIdC, 'p-3672-000001'],
    [ParticipantIdC, 'P_01.02:03'],
    [ParticipantIdC, '0a1b'],
    [ClaimIdC, 'KLM-3672-2025-000123'],
    [EmployerIdC, 'NPP-12345678'],
    [SponsorIdC, 'asn-0001'],
    [ProjectIdC, 'SPK/2025/001'.replaceAll('/', '-')],
  ])('%# accepts %s', (codec, id) => {
    expect(verdict(codec, id)).toBe('valid');
  });

  it.each([
    ['p-3672011507850003', 'embeds a NIK'],
    ['3672011507850003', 'is a NIK'],
    ['x12345678901234567890', 'has 20 digits in a row'],
  ])('ParticipantIdC refuses %s (%s): 16 digits in a row look like a NIK', (id) => {
    expect(verdict(ParticipantIdC, id)).toBe('a participant id must be opaque, and 16 digits in a row look like a NIK: personal data never goes into ids');
  });

  it('lets 15 digits in a row, or 16 digits split by separators, through', () => {
    expect(verdict(ParticipantIdC, 'p-367201150785000')).toBe('valid');
    expect(verdict(ParticipantIdC, 'p-36720115-07850003')).toBe('valid');
  });

  it('every opaque id codec refuses a NIK-like id', () => {
    for (const codec of [ParticipantIdC, ClaimIdC, EmployerIdC, SponsorIdC, ProjectIdC]) expect(verdict(codec, 'id-3672011507850003')).toContain('look like a NIK');
  });

  it.each([
    ['abc', 'too short'],
    ['a'.repeat(81), 'too long'],
    ['-abc', 'starts with a separator'],
    ['p 3672', 'has a space'],
    ['p/3672', 'has a slash'],
    ['', 'is empty'],
  ])('ParticipantIdC refuses %j (%s) and says what an id is', (id) => {
    expect(verdict(ParticipantIdC, id)).toContain("a participant id is 4-80 letters, digits, '-', '_', '.' or ':', starting with a letter or digit");
  });

  it('accepts 80 characters and refuses non-strings', () => {
    expect(verdict(ParticipantIdC, `p${'a'.repeat(79)}`)).toBe('valid');
    expect(verdict(ParticipantIdC, 42)).toContain('expected ParticipantId');
  });

  it('no id with 16 digits in a row ever decodes (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{1,10}$/), fc.stringMatching(/^\d{16,20}$/), fc.stringMatching(/^[a-z-]{0,10}$/), (head, digits, tail) => {
        expect(E.isLeft(ParticipantIdC.decode(`${head}${digits}${tail}`))).toBe(true);
      }),
    );
  });
});

describe('PaymentReferenceC', () => {
  it('accepts bank references, slashes included, and refuses spaces', () => {
    expect(verdict(PaymentReferenceC, 'BNI/2025/07/000123')).toBe('valid');
    expect(verdict(PaymentReferenceC, 'VA 123')).toContain('a payment reference is 4-80');
  });
});

describe('BranchIdC', () => {
  it.each(['KC-CILEGON', 'KC-SERANG', 'KC-KENDAL', 'K1'])('accepts %s', (id) => {
    expect(verdict(BranchIdC, id)).toBe('valid');
  });
  it.each(['kc-cilegon', 'KC CILEGON', 'K', '-KC', 'KC_CILEGON', `K${'C'.repeat(40)}`])('refuses %j, giving an example', (id) => {
    expect(verdict(BranchIdC, id)).toBe(`a branch id is 2-40 capital letters, digits or '-', e.g. KC-CILEGON; got ${JSON.stringify(id)}`);
  });
});

describe('RegionIdC', () => {
  it.each(['3672', '3604', '3324', '3101'])('accepts the kota/kabupaten code %s', (id) => {
    expect(verdict(RegionIdC, id)).toBe('valid');
  });
  it.each(['3600', '367', '36720', 'KOTA', '36-72', ''])('refuses %j', (id) => {
    expect(verdict(RegionIdC, id)).toBe(`a region is a 4-digit kota/kabupaten code such as 3672 (Cilegon); got ${JSON.stringify(id)}`);
  });
  it('refuses a number: codes are strings, leading zeros matter', () => {
    expect(verdict(RegionIdC, 3672)).toContain('expected RegionId');
  });
});
