import Ajv2020Module from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import { anyCommandSchema, commandSchemas } from '../catalogue/commands.js';
import { recordedEventSchemaOf } from '../catalogue/index.js';
import { eventSchemas } from '../catalogue/events.js';
import { schemaPaths } from '../catalogue/paths.js';
import { PERSONAL_DATA_KEYWORD, type JsonSchema } from '../json-schema/types.js';

// Under NodeNext the default import of this CommonJS module is its exports object; the class is its default.
const Ajv2020 = Ajv2020Module.default;
export type Ajv = InstanceType<typeof Ajv2020>;

/**
 * A strict draft 2020-12 validator that knows the `x-personal-data` annotation. Open tuples are allowed:
 * io-ts tuples accept (and drop) extra items, so a tuple's faithful schema does not close it.
 */
export const newAjv = (): Ajv => new Ajv2020({ strict: true, strictTuples: false, allErrors: true, keywords: [PERSONAL_DATA_KEYWORD] });

/** An ajv holding every published schema (generated in memory), keyed by $id as a consumer's registry would. */
export const ajvWithContracts = (): Ajv => {
  const ajv = newAjv();
  const events = eventSchemas();
  const commands = commandSchemas();
  for (const e of events) ajv.addSchema(e.schema as object);
  for (const c of commands) ajv.addSchema(c.schema as object);
  ajv.addSchema(anyCommandSchema(commands) as object);
  ajv.addSchema(recordedEventSchemaOf(events) as object);
  return ajv;
};

/** The compiled validator of a published schema, by $id. */
export const validatorOf = (ajv: Ajv, id: string): ValidateFunction => {
  const validate = ajv.getSchema(id);
  if (validate === undefined) throw new Error(`bug: no schema ${id}`);
  return validate;
};

/** Compiles one schema alone (for generator tests). */
export const compile = (schema: JsonSchema): ValidateFunction => newAjv().compile(schema as object);

export { schemaPaths };
