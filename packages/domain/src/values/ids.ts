import * as t from 'io-ts';
import { refined } from '../shared/codec.js';

const OPAQUE = /^[A-Za-z0-9][A-Za-z0-9_.:-]{3,79}$/;

const opaqueId = <B extends string>(name: B, what: string) =>
  refined(t.string, name, (s) =>
    !OPAQUE.test(s)
      ? `${what} is 4-80 letters, digits, '-', '_', '.' or ':', starting with a letter or digit; got ${JSON.stringify(s)}`
      : /\d{16}/.test(s)
        ? `${what} must be opaque, and 16 digits in a row look like a NIK: personal data never goes into ids`
        : undefined,
    { pattern: OPAQUE.source, not: { type: 'string', pattern: '\\d{16}' } },
  );

/** An opaque participant id (never derived reversibly from a NIK). Names the participant's stream. */
export const ParticipantIdC = opaqueId('ParticipantId', 'a participant id');
export type ParticipantId = t.TypeOf<typeof ParticipantIdC>;

/** A claim number, e.g. "KLM-3672-2025-000123". Names the claim's stream. */
export const ClaimIdC = opaqueId('ClaimId', 'a claim id');
export type ClaimId = t.TypeOf<typeof ClaimIdC>;

/** An employer's registration number (NPP) or another opaque employer id. */
export const EmployerIdC = opaqueId('EmployerId', 'an employer id');
export type EmployerId = t.TypeOf<typeof EmployerIdC>;

/** An opaque id for a sponsor that is a person (a civil servant) or an organisation. */
export const SponsorIdC = opaqueId('SponsorId', 'a sponsor id');
export type SponsorId = t.TypeOf<typeof SponsorIdC>;

/** A construction project's id (e.g. the contract number). */
export const ProjectIdC = opaqueId('ProjectId', 'a project id');
export type ProjectId = t.TypeOf<typeof ProjectIdC>;

/** A bank or payment-channel reference: the business key that makes a payment idempotent. */
export const PaymentReferenceC = refined(
  t.string,
  'PaymentReference',
  (s) =>
    /^[A-Za-z0-9][A-Za-z0-9_./:-]{3,79}$/.test(s)
      ? undefined
      : `a payment reference is 4-80 letters, digits, '-', '_', '.', '/' or ':'; got ${JSON.stringify(s)}`,
  { pattern: '^[A-Za-z0-9][A-Za-z0-9_./:-]{3,79}$' },
);
export type PaymentReference = t.TypeOf<typeof PaymentReferenceC>;

/** A branch office (Kantor Cabang), e.g. "KC-CILEGON". */
export const BranchIdC = refined(
  t.string,
  'BranchId',
  (s) => (/^[A-Z0-9][A-Z0-9-]{1,39}$/.test(s) ? undefined : `a branch id is 2-40 capital letters, digits or '-', e.g. KC-CILEGON; got ${JSON.stringify(s)}`),
  { pattern: '^[A-Z0-9][A-Z0-9-]{1,39}$' },
);
export type BranchId = t.TypeOf<typeof BranchIdC>;

/** A city or regency (kota/kabupaten) by its 4-digit Kemendagri code, e.g. "3672" for Kota Cilegon. */
export const RegionIdC = refined(
  t.string,
  'RegionId',
  (s) =>
    /^\d{4}$/.test(s) && s.slice(2) !== '00'
      ? undefined
      : `a region is a 4-digit kota/kabupaten code such as 3672 (Cilegon); got ${JSON.stringify(s)}`,
  { pattern: '^\\d{2}(?:0[1-9]|[1-9]\\d)$' },
);
export type RegionId = t.TypeOf<typeof RegionIdC>;
