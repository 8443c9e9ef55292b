import * as t from 'io-ts';

/**
 * A codec whose values are personal data under UU PDP 27/2022 (NIK, names, birth dates, heirs'
 * details, bank accounts). It validates exactly like the codec it wraps; the mark lets a store
 * decorator find these fields and encrypt them with the participant's own key.
 */
export class PersonalDataType<A, O = A> extends t.Type<A, O, unknown> {
  readonly _tag = 'PersonalDataType' as const;
  constructor(readonly inner: t.Type<A, O, unknown>) {
    super(inner.name, inner.is, inner.validate, inner.encode);
  }
}

/** Marks a codec's values as personal data. */
export const personalData = <A, O>(codec: t.Type<A, O, unknown>): PersonalDataType<A, O> => new PersonalDataType(codec);

type AnyCodec = t.Mixed & { readonly _tag?: string };

/**
 * The paths of every personal-data field a codec can contain, e.g. ["nik", "name", "heirs[].name"].
 * Walks interfaces, partials, exact/readonly wrappers, arrays, unions and intersections.
 */
export const personalDataPaths = (codec: t.Mixed): ReadonlyArray<string> => {
  const found = new Set<string>();
  const join = (prefix: string, key: string): string => (prefix === '' ? key : `${prefix}.${key}`);
  const walk = (c: AnyCodec, path: string): void => {
    if (c instanceof PersonalDataType) {
      found.add(path);
      return;
    }
    switch (c._tag) {
      case 'InterfaceType':
      case 'PartialType':
      case 'StrictType': {
        const props = (c as unknown as { props: Record<string, AnyCodec> }).props;
        for (const [key, prop] of Object.entries(props)) walk(prop, join(path, key));
        return;
      }
      case 'ExactType':
      case 'ReadonlyType':
      case 'RefinementType':
        walk((c as unknown as { type: AnyCodec }).type, path);
        return;
      case 'ArrayType':
      case 'ReadonlyArrayType':
        walk((c as unknown as { type: AnyCodec }).type, `${path}[]`);
        return;
      case 'UnionType':
      case 'IntersectionType':
        for (const member of (c as unknown as { types: AnyCodec[] }).types) walk(member, path);
        return;
      default:
        return;
    }
  };
  walk(codec as AnyCodec, '');
  return [...found].sort();
};
