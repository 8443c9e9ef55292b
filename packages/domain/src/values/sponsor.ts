import * as t from 'io-ts';
import { EmployerIdC, ProjectIdC, RegionIdC, SponsorIdC } from './ids.js';

/** The participant pays for themselves. */
const SelfC = t.type({ type: t.literal('self') });
/** An employer pays (PU). */
const EmployerC = t.type({ type: t.literal('employer'), employerId: EmployerIdC });
/** A regional budget (APBD) programme, e.g. Cilegon's GEMET SEKUL under Perwal Cilegon 41/2024. */
const RegionalBudgetC = t.type({
  type: t.literal('regional-budget'),
  regionId: RegionIdC,
  programme: t.string,
  legalBasis: t.string,
});
/** A civil servant (ASN) sponsors from their salary, e.g. Kendal's "ASN Peduli Pekerja Rentan". The id is opaque. */
const CivilServantC = t.type({ type: t.literal('civil-servant'), sponsorId: SponsorIdC, regionId: RegionIdC });
/** A company's CSR programme. */
const CsrC = t.type({ type: t.literal('csr'), sponsorId: SponsorIdC });
/** A contractor insures the workers of a construction project (Jakon). */
const ContractorC = t.type({ type: t.literal('contractor'), employerId: EmployerIdC, projectId: ProjectIdC });

/** Who pays a participant's contributions. */
export const SponsorC = t.union([SelfC, EmployerC, RegionalBudgetC, CivilServantC, CsrC, ContractorC], 'Sponsor');
export type Sponsor = t.TypeOf<typeof SponsorC>;
export type SponsorType = Sponsor['type'];

/**
 * One id in a key with two ids: ':' may occur in an opaque id, so it is escaped (and '%', which never
 * occurs in one, with it), else employer "npp:1" with project "p" and employer "npp" with project
 * "1:p" would share a key. Ids without ':' are written as they are, so existing keys do not change.
 */
const keyPart = (id: string): string => id.replaceAll('%', '%25').replaceAll(':', '%3A');

/** A stable key for a sponsor, used to match a sponsorship's end to its start. Different sponsors have different keys. */
export const sponsorKey = (sponsor: Sponsor): string => {
  switch (sponsor.type) {
    case 'self':
      return 'self';
    case 'employer':
      return `employer:${sponsor.employerId}`;
    case 'regional-budget':
      return `regional-budget:${sponsor.regionId}:${sponsor.programme}`;
    case 'civil-servant':
      return `civil-servant:${sponsor.sponsorId}`;
    case 'csr':
      return `csr:${sponsor.sponsorId}`;
    case 'contractor':
      return `contractor:${keyPart(sponsor.employerId)}:${keyPart(sponsor.projectId)}`;
  }
};

/** key === prefix + id, without building the string (the lengths fix where the prefix ends). */
const isPrefixedId = (key: string, prefix: string, id: unknown): boolean | undefined =>
  typeof id === 'string' ? key.length === prefix.length + id.length && key.startsWith(prefix) && key.endsWith(id) : undefined;

/** sponsorKey(sponsor) === key, without building the key for sponsors whose key is a prefix and one id (the hot path of a payment). */
export const hasSponsorKey = (sponsor: Sponsor, key: string): boolean => {
  let same: boolean | undefined;
  switch (sponsor.type) {
    case 'self':
      return key === 'self';
    case 'employer':
      same = isPrefixedId(key, 'employer:', sponsor.employerId);
      break;
    case 'civil-servant':
      same = isPrefixedId(key, 'civil-servant:', sponsor.sponsorId);
      break;
    case 'csr':
      same = isPrefixedId(key, 'csr:', sponsor.sponsorId);
      break;
    default:
      break;
  }
  return same ?? sponsorKey(sponsor) === key;
};
