// Valid JSON values of any event or command codec, built from the codec's structure, so the tests reach
// every event type and every branch of every union (the sample history reaches only some).
import fc from 'fast-check';
import type * as t from 'io-ts';
import { IsoDate, MAX_AMOUNT, Period } from '@jamsos/domain';

interface AnyCodec extends t.Mixed {
  readonly _tag?: string;
  readonly type?: AnyCodec;
  readonly types?: ReadonlyArray<AnyCodec>;
  readonly props?: Readonly<Record<string, AnyCodec>>;
  readonly value?: unknown;
  readonly values?: ReadonlyArray<string>;
  readonly inner?: AnyCodec;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const daysIn = (year: number, month: number): number => (month === 2 ? ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31);

/** Any date 1900-01-01 to 2999-12-31. */
export const isoDateArb = fc.integer({ min: IsoDate.toDayNumber(IsoDate.of(1900, 1, 1)), max: IsoDate.toDayNumber(IsoDate.of(2999, 12, 31)) }).map((n) => IsoDate.fromDayNumber(n) as string);
/** Any period 1900-01 to 2999-12. */
export const periodArb = fc.tuple(fc.integer({ min: 1900, max: 2999 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => Period.of(y, m) as string);
/** Any instant with seconds, optional fraction and a zone. */
export const isoDateTimeArb = fc
  .tuple(isoDateArb, fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }), fc.option(fc.stringMatching(/^\d{1,9}$/)), fc.constantFrom('Z', '+07:00', '-03:30', '+23:59'))
  .map(([d, h, mi, s, frac, zone]) => `${d}T${pad(h)}:${pad(mi)}:${pad(s)}${frac === null ? '' : `.${frac}`}${zone}`);

const PROVINCES = ['11', '12', '13', '14', '15', '16', '17', '18', '19', '21', '31', '32', '33', '34', '35', '36', '51', '52', '53', '61', '62', '63', '64', '65', '71', '72', '73', '74', '75', '76', '81', '82', '91', '92', '93', '94', '95', '96'];
/** Any valid NIK: a province in use, a birth date that exists in 19yy or 20yy (plus 40 for women), a serial from 0001. */
export const nikArb = fc
  .record({
    province: fc.constantFrom(...PROVINCES),
    city: fc.integer({ min: 1, max: 99 }),
    district: fc.integer({ min: 1, max: 99 }),
    yy: fc.integer({ min: 0, max: 99 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
    female: fc.boolean(),
    serial: fc.integer({ min: 1, max: 9999 }),
  })
  .map(({ province, city, district, yy, month, day, female, serial }) => {
    const last = Math.max(daysIn(1900 + yy, month), daysIn(2000 + yy, month));
    const d = Math.min(day, last) + (female ? 40 : 0);
    return `${province}${pad(city)}${pad(district)}${pad(d)}${pad(month)}${pad(yy)}${pad(serial, 4)}`;
  });

const opaqueIdArb = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.:-]{3,24}$/).filter((s) => !/\d{16}/.test(s));

/** A valid value of each refined codec the catalogue uses, by codec name. */
export const refinedArbitraries: Readonly<Record<string, fc.Arbitrary<unknown>>> = {
  IsoDate: isoDateArb,
  Period: periodArb,
  IsoDateTime: isoDateTimeArb,
  NIK: nikArb,
  ParticipantId: opaqueIdArb,
  ClaimId: opaqueIdArb,
  EmployerId: opaqueIdArb,
  SponsorId: opaqueIdArb,
  ProjectId: opaqueIdArb,
  PaymentReference: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_./:-]{3,30}$/),
  BranchId: fc.stringMatching(/^[A-Z0-9][A-Z0-9-]{1,39}$/),
  RegionId: fc.stringMatching(/^\d{2}(?:0[1-9]|[1-9]\d)$/),
  PersonName: fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' }).filter((s) => s.trim() !== '' && s.length <= 200),
  Rupiah: fc.integer({ min: -MAX_AMOUNT, max: MAX_AMOUNT }),
  NonNegativeRupiah: fc.oneof(fc.integer({ min: 0, max: 100_000_000 }), fc.integer({ min: 0, max: MAX_AMOUNT })),
  PositiveRupiah: fc.oneof(fc.integer({ min: 1, max: 100_000_000 }), fc.integer({ min: 1, max: MAX_AMOUNT })),
  HeadCount: fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.maxSafeNat()),
  Year: fc.integer({ min: 2000, max: 2100 }),
  Bp: fc.integer({ min: 1, max: 10_000 }),
};

const jsonNumber = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n)));

/** An arbitrary of valid JSON values of a codec; throws on a kind or a refinement it does not know, so a new one gets a generator. */
export const arbitraryOf = (codec: t.Mixed): fc.Arbitrary<unknown> => {
  const c = codec as AnyCodec;
  const inner = (x: AnyCodec | undefined): fc.Arbitrary<unknown> => {
    if (x === undefined) throw new Error(`bug: ${c.name} has no inner codec`);
    return arbitraryOf(x);
  };
  switch (c._tag) {
    case 'StringType':
      return fc.string({ maxLength: 12 });
    case 'NumberType':
      return jsonNumber;
    case 'BooleanType':
      return fc.boolean();
    case 'NullType':
      return fc.constant(null);
    case 'LiteralType':
      return fc.constant(c.value);
    case 'JamsosOneOfType':
      return fc.constantFrom(...(c.values ?? []));
    case 'JamsosRefinedType':
    case 'RefinementType': {
      const arb = Object.hasOwn(refinedArbitraries, c.name) ? refinedArbitraries[c.name] : undefined;
      if (arb === undefined) throw new Error(`no test generator for the refinement ${c.name}: add one to refinedArbitraries`);
      return arb;
    }
    case 'PersonalDataType':
      return inner(c.inner);
    case 'ReadonlyType':
    case 'ExactType':
      return inner(c.type);
    case 'ArrayType':
    case 'ReadonlyArrayType':
      return fc.array(inner(c.type), { maxLength: 3 });
    case 'InterfaceType':
    case 'PartialType': {
      const record = Object.fromEntries(Object.entries(c.props ?? {}).map(([k, p]) => [k, arbitraryOf(p)]));
      return c._tag === 'PartialType' ? fc.record(record, { requiredKeys: [] }) : fc.record(record);
    }
    case 'UnionType':
      return fc.oneof(...(c.types ?? []).map((m) => arbitraryOf(m)));
    case 'IntersectionType':
      return fc.tuple(...(c.types ?? []).map((m) => arbitraryOf(m))).map((parts) => Object.assign({}, ...parts) as unknown);
    default:
      throw new Error(`no test generator for the codec ${c.name} (${c._tag ?? 'no kind'})`);
  }
};
