import { eventDefinitions, personalDataPaths, type EventDefinition, type EventKind } from '@jamsos/domain';
import type * as t from 'io-ts';
import { toJsonSchema } from '../json-schema/to-json-schema.js';
import { JSON_SCHEMA_DIALECT, type JsonSchema } from '../json-schema/types.js';
import { schemaPaths } from './paths.js';

/** The published schema of one event type's data at one schema version. */
export interface EventSchema {
  readonly type: string;
  /** The schema version of the data: the event definition's version, stored as metadata.schemaVersion. */
  readonly version: number;
  readonly kind: EventKind;
  readonly description: string;
  /** The fields that hold personal data ("heirs[].name"); each is marked `x-personal-data` in the schema. */
  readonly personalData: ReadonlyArray<string>;
  readonly schema: JsonSchema;
}

/** The definitions the contracts describe: every jamsos event type. */
export type EventDefinitions = ReadonlyArray<EventDefinition<string, t.Mixed>>;

/** A schema without its title: the file's own title names the event. */
const withoutTitle = ({ title: _title, ...rest }: JsonSchema): JsonSchema => rest;

/** The schema of an event's data at its definition's current version, generated from the definition's codec. */
export const eventSchema = (definition: EventDefinition<string, t.Mixed>): EventSchema => ({
  type: definition.type,
  version: definition.version,
  kind: definition.kind,
  description: definition.description,
  personalData: personalDataPaths(definition.codec),
  schema: {
    $schema: JSON_SCHEMA_DIALECT,
    $id: schemaPaths.event(definition.type, definition.version),
    title: definition.type,
    description: `${definition.description} (The event's data at schema version ${definition.version}; a ${definition.kind}.)`,
    ...withoutTitle(toJsonSchema(definition.codec)),
  },
});

/**
 * One schema per event type, at its current schema version, in catalogue order. Older versions have
 * no codec (the library upcasts them on read); their schemas stay published as the files they were.
 */
export const eventSchemas = (definitions: EventDefinitions = eventDefinitions): ReadonlyArray<EventSchema> => definitions.map(eventSchema);
