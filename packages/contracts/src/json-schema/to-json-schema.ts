import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { knownRefinementHints } from './known-refinements.js';
import { mergeHint, mergeObjects, unionOf } from './combine.js';
import { PERSONAL_DATA_KEYWORD, type JsonSchema } from './types.js';

/** A codec seen through the fields its kind carries (io-ts's own kinds, and the domain's refined, oneOf and personal-data codecs). */
interface AnyCodec extends t.Mixed {
  readonly _tag?: string;
  readonly type?: AnyCodec;
  readonly types?: ReadonlyArray<AnyCodec>;
  readonly props?: Readonly<Record<string, AnyCodec>>;
  readonly value?: unknown;
  readonly keys?: Readonly<Record<string, unknown>>;
  readonly values?: ReadonlyArray<string>;
  readonly inner?: AnyCodec;
  readonly base?: AnyCodec;
  readonly jsonSchema?: Readonly<Record<string, unknown>>;
  readonly domain?: AnyCodec;
  readonly codomain?: AnyCodec;
}

/** A codec kind the generator cannot express: a bug to fix in the generator or in the codec, never a silent `{}`. */
export class UnsupportedCodecError extends Error {
  override readonly name = 'UnsupportedCodecError';
}

/** A name a person gave the codec ("Sponsor", "IsoDate"), not one io-ts made up ("{ a: string }", "Array<X>", "string"). */
const titleOf = (codec: AnyCodec): { readonly title?: string } => (/^[A-Z][A-Za-z0-9]*$/.test(codec.name) ? { title: codec.name } : {});

/** True when the codec accepts undefined: a property with such a codec may be absent. */
const acceptsUndefined = (codec: AnyCodec): boolean => E.isRight(codec.decode(undefined));

/** The schema of a literal value, with its JSON type. */
const literalSchema = (value: unknown, where: string): JsonSchema => {
  if (typeof value === 'string') return { type: 'string', const: value };
  if (typeof value === 'boolean') return { type: 'boolean', const: value };
  if (typeof value === 'number' && Number.isFinite(value)) return { type: Number.isInteger(value) ? 'integer' : 'number', const: value };
  if (value === null) return { type: 'null' };
  throw new UnsupportedCodecError(`${where}: the literal ${String(value)} has no JSON form`);
};

/** The keys of a record's domain when it is a finite set of strings (a string literal, a keyof, a union of those). */
const finiteKeys = (domain: AnyCodec): ReadonlyArray<string> | undefined => {
  if (domain._tag === 'LiteralType') return typeof domain.value === 'string' ? [domain.value] : undefined;
  if (domain._tag === 'KeyofType') return Object.keys(domain.keys ?? {});
  if (domain._tag === 'UnionType') {
    const parts = (domain.types ?? []).map(finiteKeys);
    return parts.every((p) => p !== undefined) ? [...new Set(parts.flat())] : undefined;
  }
  return undefined;
};

/**
 * The JSON Schema (draft 2020-12) of everything an io-ts codec accepts as JSON. Walks type/interface,
 * partial, exact/strict, readonly, refinements and brands (with the constraints they state), arrays,
 * tuples, records, unions (anyOf: io-ts takes the first member that validates), intersections, literals,
 * keyof, the primitives and the domain's personal-data mark (`x-personal-data: true`). Throws on any
 * codec it cannot express.
 */
export const toJsonSchema = (codec: t.Mixed): JsonSchema => walk(codec as AnyCodec, codec.name);

const child = (codec: AnyCodec | undefined, where: string): AnyCodec => {
  if (codec === undefined) throw new UnsupportedCodecError(`${where}: a codec without its inner codec`);
  return codec;
};

/** An object schema of some properties: required unless the codec accepts undefined (or `partial`). */
const objectSchema = (codec: AnyCodec, where: string, partial: boolean): JsonSchema => {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [key, prop] of Object.entries(codec.props ?? {})) {
    properties[key] = walk(prop, `${where}.${key}`);
    if (!partial && !acceptsUndefined(prop)) required.push(key);
  }
  return { ...titleOf(codec), type: 'object', properties, ...(required.length > 0 ? { required } : {}) };
};

/** A record: all keys of a finite domain, or every key the domain accepts (io-ts drops the others). */
const recordSchema = (codec: AnyCodec, where: string): JsonSchema => {
  const domain = child(codec.domain, where);
  const codomain = walk(child(codec.codomain, where), `${where}[value]`);
  const keys = finiteKeys(domain);
  if (keys !== undefined) {
    const optional = acceptsUndefined(child(codec.codomain, where));
    return { type: 'object', properties: Object.fromEntries(keys.map((k) => [k, codomain])), ...(optional || keys.length === 0 ? {} : { required: [...keys] }) };
  }
  const keySchema = walk(domain, `${where}[key]`);
  if (keySchema.type === 'string' && Object.keys(keySchema).every((k) => k === 'type' || k === 'title')) return { type: 'object', additionalProperties: codomain };
  if (keySchema.type === 'string' && typeof keySchema.pattern === 'string' && Object.keys(keySchema).every((k) => k === 'type' || k === 'title' || k === 'pattern'))
    return { type: 'object', patternProperties: { [keySchema.pattern]: codomain } };
  throw new UnsupportedCodecError(`${where}: a record keyed by ${domain.name} cannot be expressed (only strings, string patterns and finite key sets can)`);
};

/** A tuple: io-ts requires the leading items and drops extra ones, so extra items are allowed. */
const tupleSchema = (codec: AnyCodec, where: string): JsonSchema => {
  const members = codec.types ?? [];
  let minItems = 0;
  members.forEach((m, i) => {
    if (!acceptsUndefined(m)) minItems = i + 1;
  });
  return { type: 'array', prefixItems: members.map((m, i) => walk(m, `${where}[${i}]`)), minItems };
};

/** A refinement: its base's schema with the keywords its check states (on the codec, or known by name). */
const refinementSchema = (codec: AnyCodec, base: AnyCodec, where: string): JsonSchema => {
  const hint = codec.jsonSchema ?? (Object.hasOwn(knownRefinementHints, codec.name) ? knownRefinementHints[codec.name] : undefined);
  if (hint === undefined)
    throw new UnsupportedCodecError(
      `${where}: the refinement ${codec.name} states no JSON Schema for its check; pass one to refined() (a JsonSchemaHint) or add it to known-refinements.ts`,
    );
  return { title: codec.name, ...mergeHint(walk(base, where), hint) };
};

const walk = (codec: AnyCodec, where: string): JsonSchema => {
  switch (codec._tag) {
    case 'StringType':
      return { type: 'string' };
    case 'NumberType':
      return { type: 'number' };
    case 'BooleanType':
      return { type: 'boolean' };
    case 'NullType':
      return { type: 'null' };
    case 'UndefinedType':
    case 'VoidType':
      return { not: {} }; // no JSON value is undefined: a property of this codec can only be absent
    case 'UnknownType':
    case 'AnyType':
      return {}; // accepts any JSON value, stated on purpose
    case 'AnyArrayType':
      return { type: 'array' };
    case 'AnyDictionaryType':
      return { type: 'object' };
    case 'LiteralType':
      return literalSchema(codec.value, where);
    case 'KeyofType':
      return { ...titleOf(codec), type: 'string', enum: Object.keys(codec.keys ?? {}) };
    case 'JamsosOneOfType':
      return { title: codec.name, type: 'string', enum: [...(codec.values ?? [])] };
    case 'JamsosRefinedType':
      return refinementSchema(codec, child(codec.base, where), where);
    case 'RefinementType':
      return refinementSchema(codec, child(codec.type, where), where);
    case 'PersonalDataType':
      return { ...walk(child(codec.inner, where), where), [PERSONAL_DATA_KEYWORD]: true };
    case 'ReadonlyType':
    case 'ExactType': // io-ts drops unknown properties rather than refusing them: the same schema
      return walk(child(codec.type, where), where);
    case 'ArrayType':
    case 'ReadonlyArrayType':
      return { type: 'array', items: walk(child(codec.type, where), `${where}[]`) };
    case 'TupleType':
      return tupleSchema(codec, where);
    case 'InterfaceType':
    case 'StrictType':
      return objectSchema(codec, where, false);
    case 'PartialType':
      return objectSchema(codec, where, true);
    case 'DictionaryType':
      return recordSchema(codec, where);
    case 'UnionType': {
      // A JSON value is never undefined: members that accept only undefined add nothing here (the property's `required` says it may be absent).
      const members = (codec.types ?? []).filter((m) => m._tag !== 'UndefinedType' && m._tag !== 'VoidType');
      const schema = unionOf(members.map((m, i) => walk(m, `${where}|${i}`)));
      return { ...titleOf(codec), ...schema };
    }
    case 'IntersectionType':
      return { ...titleOf(codec), ...mergeObjects((codec.types ?? []).map((m, i) => walk(m, `${where}&${i}`))) };
    default:
      throw new UnsupportedCodecError(
        `${where}: cannot express the codec ${codec.name} (${codec._tag ?? 'a plain t.Type without a kind'}) as a JSON Schema; teach toJsonSchema this kind, or build it with the domain's refined() and a JsonSchemaHint`,
      );
  }
};
