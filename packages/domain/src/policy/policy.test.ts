import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { IsoDate } from '../values/calendar.js';
import { baselinePolicy } from './baseline.js';
import data from './baseline.json' with { type: 'json' };
import { PARAMETER_NAMES } from './parameter-codecs.js';
import { ParameterValueMissingError, loadPolicy, policyToFile, tryGet, type Policy } from './policy.js';

const d = (s: string): IsoDate => s as IsoDate;
const clone = (): Record<string, unknown> & { parameters: Record<string, { values: Array<Record<string, unknown>> }> } => JSON.parse(JSON.stringify(data));
const loadError = (input: unknown): string => {
  const result = loadPolicy(input);
  if (E.isRight(result)) throw new Error('expected a load error');
  return result.left.message;
};
const load = (input: unknown): Policy => {
  const result = loadPolicy(input);
  if (E.isLeft(result)) throw new Error(result.left.message);
  return result.right;
};

describe('loading a policy file', () => {
  it('loads the baseline with a history for every parameter', () => {
    expect(Object.keys(baselinePolicy.parameters).sort()).toEqual([...PARAMETER_NAMES].sort());
    expect(baselinePolicy.name).toBe('baseline');
    expect(baselinePolicy.id).toMatch(/^policy:[0-9a-f]{16}$/);
  });

  it('given a value of the wrong type, then the error names the parameter, the index and the field', () => {
    const file = clone();
    (file.parameters['pu.jp.wageCap'] as { values: Array<Record<string, unknown>> }).values[2]!.value = '9.559.600';
    expect(loadError(file)).toContain('parameters.pu.jp.wageCap.values[2].value: an amount of rupiah must be a whole number');
  });

  it('given a rate with a fraction of a basis point, then the error says what a rate must be', () => {
    const file = clone();
    file.parameters['pu.jkm.rateBp']!.values[0]!.value = 30.5;
    expect(loadError(file)).toContain('parameters.pu.jkm.rateBp.values[0].value: a rate in basis points (1% = 100) must be a whole number from 0 to 10000, got 30.5');
  });

  it('given a table that breaks its own rules, then the error says which rule', () => {
    const file = clone();
    file.parameters['jakon.contribution.tiers']!.values[0]!.value = [{ upTo: 500, rateBp: 24 }, { upTo: 100, rateBp: 19 }, { upTo: null, rateBp: 10 }];
    expect(loadError(file)).toContain('parameters.jakon.contribution.tiers.values[0].value: tiers must rise');
  });

  it('given values out of date order, then the error names the parameter and both indexes', () => {
    const file = clone();
    const values = file.parameters['jkm.benefit.lumpSum']!.values;
    file.parameters['jkm.benefit.lumpSum']!.values = [values[1]!, values[0]!];
    expect(loadError(file)).toContain('parameters.jkm.benefit.lumpSum: values must be sorted by date, each after the one before: values[1].from 2015-07-01 is not after values[0].from 2019-12-02');
  });

  it('given a date that does not exist, then the error says so', () => {
    const file = clone();
    file.parameters['bpu.jkm.contribution']!.values[0]!.from = '2015-02-29';
    expect(loadError(file)).toContain('parameters.bpu.jkm.contribution.values[0].from: 2015-02-29 does not exist');
  });

  it('given an unknown parameter, then the error lists the valid names', () => {
    const file = clone();
    file.parameters['jkm.benefit.lumpsum'] = file.parameters['jkm.benefit.lumpSum']!;
    const message = loadError(file);
    expect(message).toContain('parameters.jkm.benefit.lumpsum: unknown parameter "jkm.benefit.lumpsum"; the parameters are: bpu.contribution.dueDay,');
    expect(message).toContain('jkm.benefit.lumpSum');
  });

  it('given a missing parameter or a misspelt field, then each is reported', () => {
    const file = clone();
    delete file.parameters['heirs.order'];
    file.parameters['bpu.jkm.contribution']!.values[0]!.legalref = 'x';
    const message = loadError(file);
    expect(message).toContain('parameters.heirs.order: parameter heirs.order is missing');
    expect(message).toContain('parameters.bpu.jkm.contribution.values[0].legalref: unknown field "legalref" (allowed: from, value, legalRef, note)');
  });

  it('does not freeze or keep the data it was given', () => {
    const file = clone();
    const policy = load(file);
    expect(Object.isFrozen(file.parameters)).toBe(false);
    file.parameters['jkm.benefit.lumpSum']!.values[1]!.value = 1;
    expect(policy.at(d('2024-01-01')).get('jkm.benefit.lumpSum')).toBe(20_000_000);
  });

  it('deep-freezes the policy', () => {
    expect(Object.isFrozen(baselinePolicy)).toBe(true);
    expect(Object.isFrozen(baselinePolicy.parameters['pu.jp.wageCap'].values[0])).toBe(true);
    expect(Object.isFrozen(baselinePolicy.at(d('2024-01-01')).get('heirs.order')[0])).toBe(true);
    expect(() => {
      (baselinePolicy.parameters['pu.jp.wageCap'].values as unknown as unknown[]).push({});
    }).toThrow(TypeError);
  });
});

describe('looking up the law at an instant', () => {
  const capOn = (date: string): number => baselinePolicy.at(d(date)).get('pu.jp.wageCap');

  it('given the day before a change, then the old value; on the day, the new one', () => {
    expect(capOn('2024-02-29')).toBe(9_559_600);
    expect(capOn('2024-03-01')).toBe(10_042_300);
    expect(capOn('2025-02-28')).toBe(10_042_300);
    expect(capOn('2025-03-01')).toBe(10_547_400);
    expect(capOn('2099-12-31')).toBe(10_547_400);
  });

  it('gives the legal source of the value in force, with its confidence note', () => {
    const s = baselinePolicy.at(d('2025-06-01'));
    expect(s.source('pu.jp.wageCap')).toEqual({ from: '2025-03-01', legalRef: expect.stringContaining('PP 45/2015 art. 29'), note: expect.stringContaining('(med)') });
    expect(s.source('jkm.benefit.lumpSum')).toEqual({ from: '2019-12-02', legalRef: 'PP 82/2019 (amending PP 44/2015 art. 34)' });
  });

  it('given a date before a parameter exists, then get throws only when called and tryGet gives undefined', () => {
    const s = baselinePolicy.at(d('2019-12-01'));
    expect(s.tryGet('jkk.temporaryIncapacity.fullWageMonths')).toBeUndefined();
    expect(s.trySource('jkk.temporaryIncapacity.fullWageMonths')).toBeUndefined();
    expect(tryGet(s, 'jkk.temporaryIncapacity.fullWageMonths')).toBeUndefined();
    expect(() => s.get('jkk.temporaryIncapacity.fullWageMonths')).toThrow(ParameterValueMissingError);
    expect(() => s.get('jkk.temporaryIncapacity.fullWageMonths')).toThrow('has no value for jkk.temporaryIncapacity.fullWageMonths on 2019-12-01');
    expect(s.get('jkm.benefit.lumpSum')).toBe(16_200_000);
    expect(baselinePolicy.at(d('2015-06-30')).tryGet('jkm.benefit.lumpSum')).toBeUndefined();
  });

  it('given a null value, then the parameter has no value from that date', () => {
    const file = clone();
    file.parameters['jkm.benefit.funeral']!.values.push({ from: '2030-01-01', value: null, legalRef: 'repealed' });
    const policy = load(file);
    expect(policy.at(d('2029-12-31')).get('jkm.benefit.funeral')).toBe(10_000_000);
    expect(policy.at(d('2030-01-01')).tryGet('jkm.benefit.funeral')).toBeUndefined();
  });

  it('says over which interval a snapshot holds, and knows every breakpoint', () => {
    const s = baselinePolicy.at(d('2024-07-01'));
    expect([s.validFrom, s.validUntil]).toEqual(['2024-03-01', '2025-02-07']);
    expect(s.at).toBe('2024-07-01');
    expect(s.policyId).toBe(baselinePolicy.id);
    expect(baselinePolicy.breakpoints).toContain('2019-12-02');
    expect([...baselinePolicy.breakpoints]).toEqual([...baselinePolicy.breakpoints].sort());
  });

  it('caches: the same date gives the same frozen snapshot', () => {
    const a = baselinePolicy.at(d('2024-07-01'));
    expect(baselinePolicy.at(d('2024-07-01'))).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
  });

  it('agrees with a linear scan of every parameter on every breakpoint and the day before', () => {
    for (const bp of baselinePolicy.breakpoints) {
      for (const date of [IsoDate.addDays(bp, -1), bp]) {
        const s = baselinePolicy.at(date);
        for (const name of PARAMETER_NAMES) {
          const entries = baselinePolicy.parameters[name].values.filter((v) => v.from <= date);
          const expected = entries.length === 0 ? undefined : (entries[entries.length - 1]!.value ?? undefined);
          expect(s.tryGet(name)).toEqual(expected);
        }
      }
    }
  });
});

describe('the policy id', () => {
  it('is stable: loading the same data again gives the same id', () => {
    expect(load(clone()).id).toBe(baselinePolicy.id);
    expect(load(policyToFile(baselinePolicy)).id).toBe(baselinePolicy.id);
  });

  it('ignores the name, descriptions and notes: the same rule set shares its id', () => {
    const file = clone();
    file.name = 'renamed';
    file.description = 'another text';
    (file.parameters['pu.jp.wageCap'] as Record<string, unknown>).description = 'changed';
    file.parameters['pu.jp.wageCap']!.values[0]!.note = 'changed';
    expect(load(file).id).toBe(baselinePolicy.id);
  });

  it('changes when a value, a date or a legal reference changes', () => {
    const value = clone();
    value.parameters['bpu.jkm.contribution']!.values[0]!.value = 6_801;
    const date = clone();
    date.parameters['bpu.jkm.contribution']!.values[0]!.from = '2015-07-02';
    const ref = clone();
    ref.parameters['bpu.jkm.contribution']!.values[0]!.legalRef = 'PP 44/2015 art. 99';
    const ids = [value, date, ref].map((f) => load(f).id);
    expect(new Set([...ids, baselinePolicy.id]).size).toBe(4);
  });
});
