import { eventDefinitions } from '@jamsos/domain';
import { JSON_SCHEMA_DIALECT, type JsonSchema } from '../json-schema/types.js';
import { anyCommandSchema, commandSchemas, type CommandSchema } from './commands.js';
import { recordedEventSchema } from './envelope.js';
import { eventSchemas, type EventDefinitions, type EventSchema } from './events.js';
import { schemaPaths } from './paths.js';

/** One schema version of an event type in the index. */
export interface IndexedEventVersion {
  readonly version: number;
  /** The schema's $id, also its path under docs/schemas/. */
  readonly $id: string;
  /** Generated from the current codec; older versions are kept as published (stored events may have them). */
  readonly current: boolean;
}

/** The index of the published contracts (docs/schemas/index.json). */
export interface SchemaCatalogue {
  readonly title: string;
  readonly description: string;
  readonly dialect: string;
  readonly recordedEvent: string;
  readonly command: string;
  readonly events: ReadonlyArray<{
    readonly type: string;
    readonly kind: string;
    readonly description: string;
    readonly currentVersion: number;
    readonly personalData: ReadonlyArray<string>;
    readonly versions: ReadonlyArray<IndexedEventVersion>;
  }>;
  readonly commands: ReadonlyArray<{ readonly type: string; readonly stream: string; readonly $id: string }>;
}

/** Versions 1 to the current one: the catalogue upcasts each older version, so every one may be stored. */
const versionsUpTo = (current: number): ReadonlyArray<number> => Array.from({ length: current }, (_, i) => i + 1);

/** The index of every published schema: events with all their versions, commands, the stored-event envelope. */
export const schemaCatalogue = (events: ReadonlyArray<EventSchema> = eventSchemas(), commands: ReadonlyArray<CommandSchema> = commandSchemas()): SchemaCatalogue => ({
  title: 'jamsos published contracts',
  description: 'JSON Schemas of every event (per schema version) and every command, generated from the io-ts codecs. See docs/contracts.md.',
  dialect: JSON_SCHEMA_DIALECT,
  recordedEvent: schemaPaths.recordedEvent,
  command: schemaPaths.command,
  events: events.map((e) => ({
    type: e.type,
    kind: e.kind,
    description: e.description,
    currentVersion: e.version,
    personalData: e.personalData,
    versions: versionsUpTo(e.version).map((version) => ({ version, $id: schemaPaths.event(e.type, version), current: version === e.version })),
  })),
  commands: commands.map((c) => ({ type: c.type, stream: c.stream, $id: schemaPaths.commandOf(c.type) })),
});

/** A file to publish under docs/schemas/: its path there and its exact text. */
export interface PublishedFile {
  readonly path: string;
  readonly content: string;
}

/** The published text of a JSON document: two-space indented, with a final newline. */
export const publishedText = (document: unknown): string => `${JSON.stringify(document, null, 2)}\n`;

/** The stored-event envelope over every version of every event type. */
export const recordedEventSchemaOf = (events: ReadonlyArray<EventSchema> = eventSchemas()): JsonSchema =>
  recordedEventSchema(events.map((e) => ({ type: e.type, versions: versionsUpTo(e.version) })));

/**
 * Every file the generator writes under docs/schemas/: the index, the envelope, the command union, each
 * command, and each event at its current version. Files of older event versions are not generated (no
 * codec remains for them): they stay as published, and the drift test requires them to exist.
 */
export const publishedSchemaFiles = (definitions: EventDefinitions = eventDefinitions): ReadonlyArray<PublishedFile> => {
  const events = eventSchemas(definitions);
  const commands = commandSchemas();
  return [
    { path: schemaPaths.index, content: publishedText(schemaCatalogue(events, commands)) },
    { path: schemaPaths.recordedEvent, content: publishedText(recordedEventSchemaOf(events)) },
    { path: schemaPaths.command, content: publishedText(anyCommandSchema(commands)) },
    ...commands.map((c) => ({ path: schemaPaths.commandOf(c.type), content: publishedText(c.schema) })),
    ...events.map((e) => ({ path: schemaPaths.event(e.type, e.version), content: publishedText(e.schema) })),
  ];
};

/** The files of older event versions that must stay published: stored events may still have those versions. */
export const frozenEventSchemaPaths = (definitions: EventDefinitions = eventDefinitions): ReadonlyArray<string> =>
  definitions.flatMap((d) => versionsUpTo(d.version - 1).map((version) => schemaPaths.event(d.type, version)));
