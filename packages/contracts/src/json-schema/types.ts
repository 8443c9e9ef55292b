/** The JSON value types a JSON Schema can name. */
export type JsonType = 'null' | 'boolean' | 'object' | 'array' | 'number' | 'integer' | 'string';

/**
 * A JSON Schema (draft 2020-12) as the generator writes it: the keywords it uses are typed, any other
 * keyword (including `x-` extensions) is allowed.
 */
export interface JsonSchema {
  readonly $schema?: string;
  readonly $id?: string;
  readonly $ref?: string;
  readonly title?: string;
  readonly description?: string;
  readonly type?: JsonType;
  readonly const?: unknown;
  readonly enum?: ReadonlyArray<unknown>;
  readonly pattern?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: ReadonlyArray<string>;
  readonly additionalProperties?: JsonSchema;
  readonly patternProperties?: Readonly<Record<string, JsonSchema>>;
  readonly items?: JsonSchema;
  readonly prefixItems?: ReadonlyArray<JsonSchema>;
  readonly minItems?: number;
  readonly anyOf?: ReadonlyArray<JsonSchema>;
  readonly allOf?: ReadonlyArray<JsonSchema>;
  readonly not?: JsonSchema;
  /** The value is personal data under UU PDP 27/2022 (a NIK, a name, a birth date, an heir's details). */
  readonly 'x-personal-data'?: true;
  readonly [keyword: string]: unknown;
}

/** The keyword that marks personal data in the published schemas. */
export const PERSONAL_DATA_KEYWORD = 'x-personal-data';

/** The JSON Schema dialect of every published schema. */
export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';
