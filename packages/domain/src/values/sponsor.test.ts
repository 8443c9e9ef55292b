import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { describeErrors } from '../shared/codec.js';
import { type Sponsor, SponsorC, sponsorKey } from './sponsor.js';

const decodeSponsor = (input: unknown): Sponsor => {
  const decoded = SponsorC.decode(input);
  if (E.isLeft(decoded)) throw new Error(describeErrors(decoded.left).map((p) => `${p.path}: ${p.message}`).join('; '));
  return decoded.right;
};

describe('SponsorC and sponsorKey', () => {
  it.each([
    [{ type: 'self' }, 'self'],
    [{ type: 'employer', employerId: 'NPP-12345678' }, 'employer:NPP-12345678'],
    [{ type: 'regional-budget', regionId: '3672', programme: 'GEMET SEKUL', legalBasis: 'Perwal Cilegon 41/2024' }, 'regional-budget:3672:GEMET SEKUL'],
    [{ type: 'civil-servant', sponsorId: 'asn-0001', regionId: '3324' }, 'civil-servant:asn-0001'],
    [{ type: 'csr', sponsorId: 'csr-krakatau-steel' }, 'csr:csr-krakatau-steel'],
    [{ type: 'contractor', employerId: 'NPP-87654321', projectId: 'SPK-2025-001' }, 'contractor:NPP-87654321:SPK-2025-001'],
  ])('decodes %j and keys it %s', (input, key) => {
    const sponsor = decodeSponsor(input);
    expect(sponsor).toEqual(input);
    expect(sponsorKey(sponsor)).toBe(key);
  });

  it('gives two sponsorships of the same sponsor the same key, whatever else differs', () => {
    const a = decodeSponsor({ type: 'regional-budget', regionId: '3672', programme: 'GEMET SEKUL', legalBasis: 'Perwal Cilegon 41/2024' });
    const b = decodeSponsor({ type: 'regional-budget', regionId: '3672', programme: 'GEMET SEKUL', legalBasis: 'Perwal Cilegon 12/2025' });
    expect(sponsorKey(a)).toBe(sponsorKey(b));
    expect(sponsorKey(decodeSponsor({ type: 'civil-servant', sponsorId: 'asn-0001', regionId: '3324' }))).toBe(
      sponsorKey(decodeSponsor({ type: 'civil-servant', sponsorId: 'asn-0001', regionId: '3672' })),
    );
  });

  it('gives different sponsors different keys', () => {
    const keys = [
      { type: 'self' },
      { type: 'employer', employerId: 'NPP-1111' },
      { type: 'employer', employerId: 'NPP-2222' },
      { type: 'regional-budget', regionId: '3672', programme: 'GEMET SEKUL', legalBasis: '-' },
      { type: 'regional-budget', regionId: '3604', programme: 'GEMET SEKUL', legalBasis: '-' },
      { type: 'csr', sponsorId: 'NPP-1111' },
      { type: 'contractor', employerId: 'NPP-1111', projectId: 'P-0001' },
    ].map((s) => sponsorKey(decodeSponsor(s)));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each([
    [{ type: 'lottery' }],
    [{ type: 'employer' }],
    [{ type: 'employer', employerId: 'x' }],
    [{ type: 'regional-budget', regionId: '3600', programme: 'X', legalBasis: 'Y' }],
    [{ type: 'civil-servant', sponsorId: 'asn-3672011507850003', regionId: '3324' }],
    [{ type: 'contractor', employerId: 'NPP-1111' }],
    ['self'],
    [undefined],
  ])('refuses %j', (input) => {
    expect(E.isLeft(SponsorC.decode(input))).toBe(true);
  });

  it('says which field of a sponsor is wrong', () => {
    const decoded = SponsorC.decode({ type: 'civil-servant', sponsorId: 'asn-0001' });
    const problems = E.isLeft(decoded) ? describeErrors(decoded.left) : [];
    expect(problems).toContainEqual({ path: 'regionId', message: 'is required (RegionId)' });
  });
});
