/**
 * Which fields of which events are personal data, whose key encrypts them, and what each reads back
 * as once that key is destroyed. For jamsos events this comes from the catalogue: every codec marked
 * with `personalData` (see `personalDataPaths`), the participant id in the event's data, and a
 * placeholder that the field's own codec accepts, so redacted events still decode and fold.
 */
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { eventDefinitions, PersonalDataType } from '@jamsos/domain';
import { parsePath, type PathSegment } from './paths.js';

/** What a redacted text field reads back as. */
export const REDACTED_TEXT = '[redacted]';
/**
 * What a redacted NIK reads back as: a NIK the codec accepts (province 11, city and district 99, born
 * 1 January of a year ending 00, serial 9999) but no real person holds (no regency 99 exists). Its
 * birth date is {@link REDACTED_BIRTH_DATE}, so a replayed registration still passes the decider's check.
 */
export const REDACTED_NIK = '1199990101009999';
/** What a redacted birth date reads back as: the date {@link REDACTED_NIK} encodes. */
export const REDACTED_BIRTH_DATE = '1900-01-01';

/** The placeholders tried, in order, for a redacted field: the first its codec accepts is used. */
export const REDACTION_CANDIDATES: ReadonlyArray<unknown> = [REDACTED_TEXT, REDACTED_NIK, REDACTED_BIRTH_DATE];

/** One personal-data field of an event type: its path, parsed, and what it reads back as once redacted. */
export interface PersonalField {
  readonly path: string;
  readonly segments: ReadonlyArray<PathSegment>;
  readonly placeholder: unknown;
}

/** Where personal data is in events, and whose it is. */
export interface PersonalDataSchema {
  /** The event types that carry personal data. */
  readonly eventTypes: ReadonlyArray<string>;
  /** The personal-data fields of an event type (none for a type it does not know). */
  readonly fieldsOf: (type: string) => ReadonlyArray<PersonalField>;
  /** The data subject whose key encrypts an event's personal data: the participant id, or undefined. */
  readonly subjectOf: (type: string, data: unknown) => string | undefined;
}

/** A field at a path with a placeholder (REDACTED_TEXT by default). */
export const personalField = (path: string, placeholder: unknown = REDACTED_TEXT): PersonalField => ({ path, segments: parsePath(path), placeholder });

/** The `participantId` of an event's data, when it is a non-empty string. */
export const participantIdOf = (data: unknown): string | undefined => {
  const id = typeof data === 'object' && data !== null ? (data as { participantId?: unknown }).participantId : undefined;
  return typeof id === 'string' && id !== '' ? id : undefined;
};

/** A schema from a table of event types and their fields (placeholders REDACTED_TEXT unless given): for other catalogues and tests. */
export const personalDataSchema = (fields: Readonly<Record<string, ReadonlyArray<string | PersonalField>>>, subjectOf: PersonalDataSchema['subjectOf'] = (_, data) => participantIdOf(data)): PersonalDataSchema => {
  const byType = new Map(Object.entries(fields).map(([type, list]) => [type, list.map((f) => (typeof f === 'string' ? personalField(f) : f))] as const));
  return { eventTypes: [...byType.keys()].filter((type) => (byType.get(type) ?? []).length > 0), fieldsOf: (type) => byType.get(type) ?? [], subjectOf };
};

type AnyCodec = t.Mixed & { readonly _tag?: string };

/** Every personal-data codec inside a codec, by path, walked as `personalDataPaths` walks it (first one found per path). */
export const personalCodecs = (codec: t.Mixed): ReadonlyMap<string, t.Mixed> => {
  const found = new Map<string, t.Mixed>();
  const join = (prefix: string, key: string): string => (prefix === '' ? key : `${prefix}.${key}`);
  const walk = (c: AnyCodec, path: string): void => {
    if (c instanceof PersonalDataType) {
      if (!found.has(path)) found.set(path, c);
      return;
    }
    switch (c._tag) {
      case 'InterfaceType':
      case 'PartialType':
      case 'StrictType':
        for (const [key, prop] of Object.entries((c as unknown as { props: Record<string, AnyCodec> }).props)) walk(prop, join(path, key));
        return;
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
  return found;
};

/** The first redaction candidate a codec accepts, or REDACTED_TEXT when it accepts none (the event will then not validate). */
export const placeholderFor = (codec: t.Mixed): unknown => REDACTION_CANDIDATES.find((candidate) => E.isRight(codec.decode(candidate))) ?? REDACTED_TEXT;

/** The schema of a list of event definitions: their `personalData` fields, keyed by the participant id in the data. */
export const schemaOfDefinitions = (definitions: ReadonlyArray<{ readonly type: string; readonly codec: t.Mixed }>): PersonalDataSchema => {
  const fields: Record<string, PersonalField[]> = {};
  for (const definition of definitions) {
    const list = [...personalCodecs(definition.codec)].map(([path, codec]) => personalField(path, placeholderFor(codec))).sort((a, b) => (a.path < b.path ? -1 : 1));
    if (list.length > 0) fields[definition.type] = list;
  }
  return personalDataSchema(fields);
};

/** jamsos's own schema: ParticipantRegistered (NIK, name, birth date) and ClaimFiled (claimant, heirs), by participant id. */
export const jamsosPersonalData: PersonalDataSchema = schemaOfDefinitions(eventDefinitions);
