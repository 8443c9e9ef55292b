import type { JsonSchema } from './types.js';

type Mutable = Record<string, unknown>;

/** Equal as JSON: the schemas compared here are plain JSON data built in a fixed key order. */
const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

const onlyKeys = (schema: JsonSchema, allowed: ReadonlyArray<string>): boolean => Object.keys(schema).every((k) => allowed.includes(k));

/** The values a schema made only of `const` or `enum` (and a type or title) allows, or undefined. */
const valuesOf = (schema: JsonSchema): ReadonlyArray<unknown> | undefined => {
  if (!onlyKeys(schema, ['type', 'title', 'const', 'enum'])) return undefined;
  if ('const' in schema && !('enum' in schema)) return [schema.const];
  if (Array.isArray(schema.enum) && !('const' in schema)) return schema.enum;
  return undefined;
};

/** The JSON type that covers all members' types, or undefined when they differ. */
const commonType = (schemas: ReadonlyArray<JsonSchema>): JsonSchema['type'] => {
  const types = new Set(schemas.map((s) => s.type));
  if (types.size === 1) return schemas[0]?.type;
  if (types.size === 2 && types.has('integer') && types.has('number')) return 'number';
  return undefined;
};

/**
 * Any of some schemas, as io-ts unions are: a value is accepted when one member accepts it. Members
 * that only list values become one `enum`; nested unions are flattened.
 */
export const unionOf = (members: ReadonlyArray<JsonSchema>): JsonSchema => {
  const flat = members.flatMap((m) => (onlyKeys(m, ['anyOf']) && Array.isArray(m.anyOf) ? m.anyOf : [m]));
  if (flat.length === 0) return { not: {} };
  if (flat.length === 1) return flat[0] as JsonSchema;
  const values = flat.map(valuesOf);
  if (values.every((v) => v !== undefined)) {
    const type = commonType(flat);
    const all: unknown[] = [];
    for (const v of values.flat()) if (!all.some((seen) => sameJson(seen, v))) all.push(v);
    return { ...(type === undefined ? {} : { type }), enum: all };
  }
  return { anyOf: flat };
};

const isPlainObject = (schema: JsonSchema): boolean => schema.type === 'object' && onlyKeys(schema, ['title', 'type', 'properties', 'required']);

/**
 * All of some schemas, as io-ts intersections are. Object schemas that only list properties merge into
 * one (a property in several members must satisfy each); anything else (an additionalProperties rule,
 * a union) stays an allOf, so no member's rule is lost or applied to another's properties.
 */
export const mergeObjects = (members: ReadonlyArray<JsonSchema>): JsonSchema => {
  const flat = members.flatMap((m) => (onlyKeys(m, ['allOf']) && Array.isArray(m.allOf) ? m.allOf : [m]));
  if (flat.length === 1) return flat[0] as JsonSchema;
  if (flat.length === 0 || !flat.every(isPlainObject)) return { allOf: flat };
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const member of flat) {
    for (const [key, schema] of Object.entries<JsonSchema>(member.properties ?? {})) {
      const existing = properties[key];
      properties[key] = existing === undefined || sameJson(existing, schema) ? schema : mergeObjects([existing, schema]);
    }
    for (const key of member.required ?? []) if (!required.includes(key)) required.push(key);
  }
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}) };
};

/**
 * A base schema narrowed by a refinement's keywords: a keyword the base lacks is added, `integer`
 * narrows `number`, bounds take the tighter value; any other clash keeps both, as an allOf.
 */
export const mergeHint = (base: JsonSchema, hint: Readonly<Record<string, unknown>>): JsonSchema => {
  const merged: Mutable = { ...base };
  delete merged['title'];
  for (const [key, value] of Object.entries(hint)) {
    const current = merged[key];
    if (current === undefined || sameJson(current, value)) merged[key] = value;
    else if (key === 'type' && current === 'number' && value === 'integer') merged[key] = value;
    else if (key === 'minimum' && typeof current === 'number' && typeof value === 'number') merged[key] = Math.max(current, value);
    else if (key === 'maximum' && typeof current === 'number' && typeof value === 'number') merged[key] = Math.min(current, value);
    else return { allOf: [base, hint] };
  }
  return merged;
};
