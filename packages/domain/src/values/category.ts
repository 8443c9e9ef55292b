import type * as t from 'io-ts';
import { oneOf } from '../shared/codec.js';

/** Worker categories, in English; the seeds' vulnerable categories plus the formal ones. */
export const WORKER_CATEGORIES = [
  'domestic-helper',
  'driver',
  'farmer',
  'fisher',
  'market-trader',
  'builder',
  'mosque-caretaker',
  'rt-rw-head',
  'kader',
  'linmas',
  'independent-worker',
  'employee',
  'construction-worker',
  'migrant-worker',
] as const;
export const WorkerCategoryC = oneOf('WorkerCategory', WORKER_CATEGORIES);
export type WorkerCategory = t.TypeOf<typeof WorkerCategoryC>;

/** How a city office writes each category, mapped to the category: what a sponsor roster contains. */
export const CATEGORY_ALIASES: Readonly<Record<string, WorkerCategory>> = {
  art: 'domestic-helper',
  'asisten rumah tangga': 'domestic-helper',
  'pembantu rumah tangga': 'domestic-helper',
  sopir: 'driver',
  supir: 'driver',
  pengemudi: 'driver',
  ojek: 'driver',
  'ojek online': 'driver',
  petani: 'farmer',
  nelayan: 'fisher',
  'pedagang pasar': 'market-trader',
  pedagang: 'market-trader',
  'tukang bangunan': 'builder',
  'takmir masjid': 'mosque-caretaker',
  marbot: 'mosque-caretaker',
  'marbot masjid': 'mosque-caretaker',
  'ketua rt/rw': 'rt-rw-head',
  'ketua rt': 'rt-rw-head',
  'ketua rw': 'rt-rw-head',
  kader: 'kader',
  'kader posyandu': 'kader',
  linmas: 'linmas',
  'pekerja mandiri': 'independent-worker',
  'pekerja lepas': 'independent-worker',
  karyawan: 'employee',
  'pekerja konstruksi': 'construction-worker',
  'pekerja migran': 'migrant-worker',
  pmi: 'migrant-worker',
};

/** The category for a label as an office writes it ("ART", "Sopir", "Ketua RT/RW"), or for its English code. */
export const categoryFromLabel = (label: string): WorkerCategory | undefined => {
  const key = label.trim().toLowerCase().replace(/\s+/g, ' ');
  // Own keys only: a label such as "constructor" must not find Object.prototype's members.
  return Object.hasOwn(CATEGORY_ALIASES, key) ? CATEGORY_ALIASES[key] : WorkerCategoryC.is(key) ? key : undefined;
};
