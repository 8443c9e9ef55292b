import * as E from 'fp-ts/lib/Either.js';
import {
  BranchIdC,
  CATEGORY_ALIASES,
  categoryFromLabel,
  describeErrors,
  IsoDate,
  IsoDateC,
  NikC,
  nikParts,
  Period,
  PeriodC,
  PositiveRupiahC,
  RegionIdC,
  SponsorIdC,
  type BranchId,
  type Nik,
  type RegionId,
  type Sponsor,
  type WorkerCategory,
} from '@jamsos/domain';
import type { CsvRecord } from './csv.js';

/** A valid roster row: who, what they do, who pays, where, from when. */
export interface RosterRow {
  readonly line: number;
  readonly nik: Nik;
  readonly name: string;
  readonly birthDate: IsoDate;
  readonly category: WorkerCategory;
  readonly sponsor: Sponsor;
  readonly branchId: BranchId;
  readonly regionId: RegionId;
  readonly startMonth: Period;
  readonly declaredIncome: number;
}

/** A row that cannot be imported, with its line number and every reason. */
export interface RowRejection {
  readonly line: number;
  readonly reasons: ReadonlyArray<string>;
}

/** The columns a roster has, with the names an office may give them. */
const COLUMNS = {
  nik: ['nik', 'no_ktp', 'nomor_induk_kependudukan'],
  name: ['name', 'nama', 'nama_lengkap'],
  category: ['category', 'kategori', 'pekerjaan', 'jenis_pekerjaan'],
  sponsor: ['sponsor', 'program', 'penanggung', 'pembayar'],
  branch: ['branch', 'kantor_cabang', 'cabang', 'kc'],
  start: ['start_month', 'bulan_mulai', 'mulai', 'start'],
  birthDate: ['birth_date', 'tanggal_lahir', 'tgl_lahir'],
  region: ['region', 'wilayah', 'kode_wilayah'],
  income: ['declared_income', 'penghasilan', 'income'],
} as const;
type Column = keyof typeof COLUMNS;
const REQUIRED: ReadonlyArray<Column> = ['nik', 'name', 'category', 'sponsor', 'branch', 'start'];

/** Regional-budget programmes jamsos knows by name, with the region and the legal basis. */
export const KNOWN_PROGRAMMES: Readonly<Record<string, { readonly regionId: RegionId; readonly programme: string; readonly legalBasis: string }>> = {
  'GEMET SEKUL': { regionId: '3672' as RegionId, programme: 'GEMET SEKUL', legalBasis: 'Perwal Cilegon 41/2024' },
};

/** The region each known branch serves by default. */
export const BRANCH_REGIONS: Readonly<Record<string, RegionId>> = { 'KC-CILEGON': '3672' as RegionId, 'KC-SERANG': '3604' as RegionId, 'KC-KENDAL': '3324' as RegionId };

/** Where each column is in the header, or the problems with the header. */
export const readHeader = (header: CsvRecord): E.Either<string, ReadonlyMap<Column, number>> => {
  const names = header.fields.map((f) => f.trim().toLowerCase().replace(/[\s-]+/g, '_'));
  const index = new Map<Column, number>();
  for (const [column, aliases] of Object.entries(COLUMNS) as [Column, ReadonlyArray<string>][]) {
    const i = names.findIndex((n) => aliases.includes(n));
    if (i >= 0) index.set(column, i);
  }
  const missing = REQUIRED.filter((c) => !index.has(c));
  return missing.length === 0 ? E.right(index) : E.left(`the header lacks ${missing.map((c) => COLUMNS[c][0]).join(', ')} (it has: ${header.fields.join(', ')})`);
};

const sponsorOf = (text: string, regionId: RegionId): E.Either<string, Sponsor> => {
  const value = text.trim();
  const upper = value.toUpperCase();
  if (upper === '' || upper === 'MANDIRI' || upper === 'SELF' || upper === 'SENDIRI') return E.right({ type: 'self' });
  const known = KNOWN_PROGRAMMES[upper];
  if (known !== undefined) return E.right({ type: 'regional-budget', ...known });
  const [kind = '', id = ''] = value.split(/:(.*)/s, 2).map((s) => s.trim());
  if (kind.toUpperCase() === 'APBD' && id !== '') return E.right({ type: 'regional-budget', regionId, programme: id, legalBasis: `APBD ${regionId}` });
  if ((kind.toUpperCase() === 'ASN' || kind.toUpperCase() === 'CSR') && SponsorIdC.is(id))
    return E.right(kind.toUpperCase() === 'ASN' ? { type: 'civil-servant', sponsorId: id, regionId } : { type: 'csr', sponsorId: id });
  return E.left(`sponsor "${value}" is not known: write a programme (${Object.keys(KNOWN_PROGRAMMES).join(', ')}, or APBD:<programme name>), ASN:<sponsor id>, CSR:<sponsor id>, or MANDIRI`);
};

const monthOf = (text: string): Period | undefined => {
  const t = text.trim();
  const m = /^(\d{1,2})[/-](\d{4})$/.exec(t);
  const candidate = m === null ? t : `${m[2]}-${(m[1] ?? '').padStart(2, '0')}`;
  return PeriodC.is(candidate) ? candidate : undefined;
};

/** The birth date a NIK implies: the century that makes the worker 15 to 100 years old at the start. */
export const birthDateFromNik = (nik: Nik, start: Period): IsoDate | undefined => {
  const { birthDay, birthMonth, birthYearTwoDigits } = nikParts(nik);
  const startYear = Period.year(start);
  for (const century of [2000, 1900]) {
    const year = century + birthYearTwoDigits;
    const age = startYear - year;
    if (age >= 15 && age <= 100) {
      try {
        return IsoDate.of(year, birthMonth, birthDay);
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
};

/** Checks one roster record and turns it into a row, or says everything that is wrong with it. */
export const readRow = (record: CsvRecord, header: ReadonlyMap<Column, number>): E.Either<RowRejection, RosterRow> => {
  const field = (c: Column): string => {
    const i = header.get(c);
    return i === undefined ? '' : (record.fields[i] ?? '').trim();
  };
  const reasons: string[] = [];
  for (const c of REQUIRED) if (field(c) === '' && c !== 'sponsor') reasons.push(`${COLUMNS[c][0]} is empty`);
  const nikDecoded = NikC.decode(field('nik').replace(/[\s.]/g, ''));
  if (field('nik') !== '' && E.isLeft(nikDecoded)) reasons.push(`NIK ${field('nik')}: ${describeErrors(nikDecoded.left).map((p) => p.message).join('; ')}`);
  const category = categoryFromLabel(field('category'));
  if (field('category') !== '' && category === undefined) reasons.push(`category "${field('category')}" is not known (known: ${Object.keys(CATEGORY_ALIASES).slice(0, 14).join(', ')}, ...)`);
  const branch = field('branch').toUpperCase();
  if (branch !== '' && !BranchIdC.is(branch)) reasons.push(`branch "${field('branch')}" is not a branch id such as KC-CILEGON`);
  const start = monthOf(field('start'));
  if (field('start') !== '' && start === undefined) reasons.push(`start month "${field('start')}" is not a month (write 2025-01 or 01/2025)`);
  const regionText = field('region');
  const nik = E.isRight(nikDecoded) ? nikDecoded.right : undefined;
  const regionId = (regionText !== '' ? regionText : KNOWN_PROGRAMMES[field('sponsor').toUpperCase()]?.regionId ?? BRANCH_REGIONS[branch] ?? (nik === undefined ? '' : nikParts(nik).regionCode)) as RegionId;
  if (!RegionIdC.is(regionId)) reasons.push(`region "${regionText}" is not a 4-digit kota/kabupaten code`);
  const sponsor = sponsorOf(field('sponsor'), regionId);
  if (E.isLeft(sponsor)) reasons.push(sponsor.left);
  const incomeText = field('income').replace(/[.\s]/g, '');
  const income = incomeText === '' ? 1_000_000 : Number(incomeText);
  if (!PositiveRupiahC.is(income)) reasons.push(`declared income "${field('income')}" is not a whole positive number of rupiah`);
  const birthText = field('birthDate');
  const birthDate = birthText !== '' ? (IsoDateC.is(birthText) ? birthText : undefined) : nik !== undefined && start !== undefined ? birthDateFromNik(nik, start) : undefined;
  if (nik !== undefined && start !== undefined && birthDate === undefined) reasons.push(birthText !== '' ? `birth date "${birthText}" is not a date (write 1985-07-15)` : 'the NIK gives no plausible birth date: add a birth_date column');
  if (reasons.length > 0 || nik === undefined || category === undefined || start === undefined || birthDate === undefined || E.isLeft(sponsor)) return E.left({ line: record.line, reasons });
  return E.right({ line: record.line, nik, name: field('name'), birthDate, category, sponsor: sponsor.right, branchId: branch as BranchId, regionId, startMonth: start, declaredIncome: income });
};
