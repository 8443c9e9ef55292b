import { describe, expect, it } from 'vitest';
import { CATEGORY_ALIASES, categoryFromLabel, WORKER_CATEGORIES, WorkerCategoryC } from './category.js';

describe('categoryFromLabel', () => {
  it.each([
    ['ART', 'domestic-helper'],
    ['Sopir', 'driver'],
    ['petani', 'farmer'],
    ['Nelayan', 'fisher'],
    ['Pedagang Pasar', 'market-trader'],
    ['Tukang Bangunan', 'builder'],
    ['Takmir Masjid', 'mosque-caretaker'],
    ['Ketua RT/RW', 'rt-rw-head'],
    ['Kader', 'kader'],
    ['Linmas', 'linmas'],
    ['Pekerja Mandiri', 'independent-worker'],
  ])('reads the office label %j as %s', (label, category) => {
    expect(categoryFromLabel(label)).toBe(category);
  });

  it.each([
    ['  ART  ', 'domestic-helper'],
    ['PEDAGANG   PASAR', 'market-trader'],
    ['Tukang\tBangunan', 'builder'],
    ['ketua rt/rw', 'rt-rw-head'],
  ])('ignores case and extra white space: %j', (label, category) => {
    expect(categoryFromLabel(label)).toBe(category);
  });

  it('accepts the English codes themselves', () => {
    for (const category of WORKER_CATEGORIES) expect(categoryFromLabel(category)).toBe(category);
    expect(categoryFromLabel('Fisher')).toBe('fisher');
  });

  it.each(['pilot', '', '   ', 'Sopir Truk Tambang', 'art-dealer'])('knows no category for the unknown label %j', (label) => {
    expect(categoryFromLabel(label)).toBeUndefined();
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])('does not mistake %j for an alias (Object.prototype)', (label) => {
    expect(categoryFromLabel(label)).toBeUndefined();
  });

  it('maps every alias to a known category', () => {
    for (const category of Object.values(CATEGORY_ALIASES)) expect(WorkerCategoryC.is(category)).toBe(true);
    for (const alias of Object.keys(CATEGORY_ALIASES)) expect(alias).toBe(alias.trim().toLowerCase());
  });
});
