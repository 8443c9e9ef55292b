import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { NikC } from './nik.js';
import { personalData, PersonalDataType, personalDataPaths } from './personal-data.js';

describe('personalData', () => {
  it('validates and encodes exactly like the codec it wraps', () => {
    const name = personalData(t.string);
    expect(name).toBeInstanceOf(PersonalDataType);
    expect(name.name).toBe('string');
    expect(name.is('Siti')).toBe(true);
    expect(name.is(3)).toBe(false);
    expect(name.decode('Siti')).toEqual(t.string.decode('Siti'));
    expect(name.encode('Siti')).toBe('Siti');
  });
});

describe('personalDataPaths', () => {
  it('finds top-level fields of an interface', () => {
    expect(personalDataPaths(t.type({ nik: NikC, name: personalData(t.string), amount: t.number }))).toEqual(['name', 'nik']);
  });

  it('finds fields in nested interfaces', () => {
    const codec = t.type({ participant: t.type({ identity: t.type({ nik: NikC, birthDate: personalData(t.string) }), branch: t.string }) });
    expect(personalDataPaths(codec)).toEqual(['participant.identity.birthDate', 'participant.identity.nik']);
  });

  it('finds fields in arrays and readonly arrays, written heirs[].name', () => {
    expect(personalDataPaths(t.type({ heirs: t.array(t.type({ name: personalData(t.string), share: t.number })) }))).toEqual(['heirs[].name']);
    expect(personalDataPaths(t.type({ heirs: t.readonlyArray(t.type({ name: personalData(t.string) })) }))).toEqual(['heirs[].name']);
    expect(personalDataPaths(t.type({ aliases: t.array(personalData(t.string)) }))).toEqual(['aliases[]']);
    expect(personalDataPaths(t.type({ grid: t.array(t.array(t.type({ nik: NikC }))) }))).toEqual(['grid[][].nik']);
  });

  it('finds fields in partials, exact and readonly wrappers, and intersections', () => {
    const codec = t.intersection([
      t.type({ nik: NikC }),
      t.partial({ phone: personalData(t.string), note: t.string }),
      t.exact(t.type({ address: personalData(t.string) })),
      t.readonly(t.type({ bankAccount: personalData(t.string) })),
      t.strict({ email: personalData(t.string) }),
    ]);
    expect(personalDataPaths(codec)).toEqual(['address', 'bankAccount', 'email', 'nik', 'phone']);
  });

  it('finds fields in every member of a union, once each', () => {
    const payee = t.union([
      t.type({ kind: t.literal('heir'), name: personalData(t.string), account: personalData(t.string) }),
      t.type({ kind: t.literal('participant'), account: personalData(t.string) }),
      t.type({ kind: t.literal('provider'), providerId: t.string }),
    ]);
    expect(personalDataPaths(t.type({ payee }))).toEqual(['payee.account', 'payee.name']);
  });

  it('looks through refinements and brands', () => {
    const codec = t.brand(t.type({ nik: personalData(t.string) }), (_): _ is t.Branded<{ nik: string }, { readonly Checked: unique symbol }> => true, 'Checked');
    expect(personalDataPaths(t.type({ who: codec }))).toEqual(['who.nik']);
  });

  it('finds nothing where there is nothing, and does not look inside a marked field', () => {
    expect(personalDataPaths(t.type({ amount: t.number, period: t.string }))).toEqual([]);
    expect(personalDataPaths(t.string)).toEqual([]);
    expect(personalDataPaths(t.type({ heir: personalData(t.type({ name: personalData(t.string) })) }))).toEqual(['heir']);
  });

  it('combines all of them: nested interfaces, arrays, partials and unions', () => {
    const codec = t.type({
      nik: NikC,
      amount: t.number,
      heirs: t.readonlyArray(t.intersection([t.type({ name: NikC }), t.partial({ bankAccount: personalData(t.string) })])),
      claim: t.partial({ payee: t.union([t.type({ kind: t.literal('heir'), contact: personalData(t.string) }), t.type({ kind: t.literal('provider') })]) }),
    });
    expect(personalDataPaths(codec)).toEqual(['claim.payee.contact', 'heirs[].bankAccount', 'heirs[].name', 'nik']);
  });
});
