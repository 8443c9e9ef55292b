/**
 * The published contracts of jamsos: JSON Schemas (draft 2020-12) of every event (per schema version)
 * and every command, generated from the io-ts codecs, and published under docs/schemas/.
 */
export { toJsonSchema, UnsupportedCodecError } from './json-schema/to-json-schema.js';
export { JSON_SCHEMA_DIALECT, PERSONAL_DATA_KEYWORD, type JsonSchema, type JsonType } from './json-schema/types.js';
export { knownRefinementHints } from './json-schema/known-refinements.js';
export { eventSchema, eventSchemas, type EventDefinitions, type EventSchema } from './catalogue/events.js';
export { anyCommandSchema, commandCodecs, commandSchemas, type CommandCodec, type CommandSchema } from './catalogue/commands.js';
export { recordedEventSchema, type EventVersions } from './catalogue/envelope.js';
export { schemaPaths } from './catalogue/paths.js';
export {
  frozenEventSchemaPaths,
  publishedSchemaFiles,
  publishedText,
  recordedEventSchemaOf,
  schemaCatalogue,
  type IndexedEventVersion,
  type PublishedFile,
  type SchemaCatalogue,
} from './catalogue/index.js';
