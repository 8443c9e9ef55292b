import { IsoDate, type Heir, type Nik } from '@jamsos/domain';
import type { Random } from './random.js';

/** Synthetic people for the demo: common Indonesian given names, valid and unique NIKs, plausible heirs. */

const MALE = [
  'Ahmad', 'Agus', 'Andi', 'Arif', 'Asep', 'Bambang', 'Budi', 'Dadang', 'Dedi', 'Dwi', 'Eko', 'Fajar', 'Hadi', 'Hendra', 'Imam', 'Iwan',
  'Jajang', 'Joko', 'Muhammad', 'Rizki', 'Rudi', 'Slamet', 'Sugeng', 'Supriyadi', 'Sutrisno', 'Taufik', 'Ujang', 'Wahyu', 'Yusuf', 'Zainal',
] as const;
const FEMALE = [
  'Aminah', 'Dewi', 'Eni', 'Euis', 'Fitri', 'Ika', 'Indah', 'Kartini', 'Lestari', 'Lina', 'Maya', 'Mulyani', 'Neneng', 'Nining', 'Nurhayati',
  'Ratna', 'Rina', 'Rohmah', 'Siti', 'Sri', 'Suminah', 'Tuti', 'Wati', 'Yuni',
] as const;
const MALE_SECOND = ['Hidayat', 'Setiawan', 'Saputra', 'Kurniawan', 'Susanto', 'Wibowo', 'Purnomo', 'Santoso', 'Nugroho', 'Rahman', 'Fauzi', 'Maulana', 'Pratama', 'Firmansyah', 'Ramadhan'] as const;
const FEMALE_SECOND = ['Lestari', 'Wulandari', 'Rahayu', 'Handayani', 'Purwanti', 'Susanti', 'Anggraini', 'Rahmawati', 'Kusumawati', 'Fitriani', 'Aminah', 'Hasanah'] as const;

/** A synthetic person's name: one given name, often with a second name. */
export const personName = (random: Random, female: boolean): string => {
  const given = random.pick(female ? FEMALE : MALE);
  return random.chance(0.7) ? `${given} ${random.pick(female ? FEMALE_SECOND : MALE_SECOND)}` : given;
};

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** A NIK: region code, district, birth date DDMMYY (day + 40 for women), serial. */
export const demoNik = (regionId: string, district: number, birthDate: IsoDate, female: boolean, serial: number): Nik =>
  `${regionId}${pad(district, 2)}${pad(IsoDate.day(birthDate) + (female ? 40 : 0), 2)}${pad(IsoDate.month(birthDate), 2)}${pad(IsoDate.year(birthDate) % 100, 2)}${pad(serial, 4)}` as Nik;

/** A synthetic participant: their name, sex, birth date and NIK. */
export interface Person {
  readonly name: string;
  readonly female: boolean;
  readonly birthDate: IsoDate;
  readonly nik: Nik;
}

const SERIALS = 9_999;

/**
 * A person with a valid NIK that is unique in the demo by construction: the i-th participant of a
 * region gets the i-th (district, serial) slot; when a region has more participants than slots, the
 * birth date is moved by a day or two so that each round of slots has its own birth dates.
 */
export const personFor = (random: Random, input: { regionId: string; districts: number; index: number; regionSize: number; minAge: number; maxAge: number; on: IsoDate; femaleShare: number }): Person => {
  const slots = SERIALS * input.districts;
  const rounds = Math.ceil(input.regionSize / slots);
  const slot = input.index % slots;
  const round = Math.floor(input.index / slots);
  const female = random.chance(input.femaleShare);
  const age = input.minAge + Math.floor((input.maxAge - input.minAge + 1) * (random.next() + random.next()) / 2);
  let day = IsoDate.toDayNumber(input.on) - Math.floor(age * 365.25) - random.int(0, 364);
  while (((day % rounds) + rounds) % rounds !== round) day--;
  const birthDate = IsoDate.fromDayNumber(day);
  const nik = demoNik(input.regionId, (slot % input.districts) + 1, birthDate, female, Math.floor(slot / input.districts) + 1);
  return { name: personName(random, female), female, birthDate, nik };
};

/** Whole years of age on a date. */
export const ageOn = (birthDate: IsoDate, on: IsoDate): number => {
  const years = IsoDate.year(on) - IsoDate.year(birthDate);
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years;
};

/** The heirs a family names on a death claim, and who files it. Mostly spouse and children; sometimes only parents. */
export const heirsOf = (random: Random, person: Person, deathDate: IsoDate): { readonly heirs: ReadonlyArray<Heir>; readonly claimantName: string } => {
  const age = ageOn(person.birthDate, deathDate);
  const heirs: Heir[] = [];
  const add = (name: string, relationship: Heir['relationship']): void => void heirs.push({ heirId: `h${heirs.length + 1}`, name, relationship });
  const married = random.chance(age >= 25 ? 0.85 : 0.3);
  if (married) add(personName(random, !person.female), 'spouse');
  const children = married ? random.weighted<number>(age < 28 ? [[0, 4], [1, 4], [2, 2]] : [[0, 1], [1, 2.5], [2, 3.5], [3, 2], [4, 1]]) : 0;
  for (let c = 0; c < children; c++) add(personName(random, random.chance(0.5)), 'child');
  if (heirs.length === 0 || random.chance(0.15)) {
    if (age < 62) for (const female of random.chance(0.6) ? [false, true] : [random.chance(0.6)]) add(personName(random, female), 'parent');
    else add(personName(random, random.chance(0.5)), 'sibling');
  }
  const claimant = heirs.find((h) => h.relationship === 'spouse') ?? heirs.find((h) => h.relationship === 'parent') ?? (heirs[0] as Heir);
  return { heirs, claimantName: claimant.name };
};
