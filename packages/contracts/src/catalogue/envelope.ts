import { JSON_SCHEMA_DIALECT, type JsonSchema } from '../json-schema/types.js';
import { schemaPaths } from './paths.js';

/** An event type and the schema versions its stored data may have (1 to the current one). */
export interface EventVersions {
  readonly type: string;
  readonly versions: ReadonlyArray<number>;
}

const SHA256_HEX = '^[0-9a-f]{64}$';

/**
 * An event as a jamsos store gives it (core's RecordedEvent, from readAll and readStream): id, stream,
 * revision, global position, type, metadata with the schema version of the data, and the data, which
 * must match the schema of its type at that version. Every version a stored event may still have is
 * listed, since events are stored once and upcast on read.
 */
export const recordedEventSchema = (events: ReadonlyArray<EventVersions>): JsonSchema => ({
  $schema: JSON_SCHEMA_DIALECT,
  $id: schemaPaths.recordedEvent,
  title: 'RecordedEvent',
  description:
    "An event as a jamsos store gives it (readAll, readStream, a subscription): its data matches the schema of its type at the version in metadata.schemaVersion. Old versions are upcast by the library on read; a consumer of raw events reads the version's own schema.",
  type: 'object',
  properties: {
    id: { type: 'string', description: 'The event id: a UUID v5 of the stream, the command business key and the index, so a retried command stores nothing twice.' },
    type: { type: 'string', enum: events.map((e) => e.type), description: 'The event type.' },
    data: { description: 'The event data: see the schema of the type at metadata.schemaVersion.' },
    metadata: {
      type: 'object',
      description: 'Never personal data. Other keys may appear.',
      properties: {
        schemaVersion: { type: 'integer', minimum: 1, description: 'The schema version of the data.' },
        recordedAt: { type: 'string', description: 'When the scheme learned of the event (knowledge time), from the injected clock: an ISO 8601 instant.' },
        correlationId: { type: 'string' },
        causationId: { type: 'string' },
        chain: {
          type: 'object',
          description: "The event's link in its stream's SHA-256 hash chain, when the store is wrapped by withHashChain (see docs/audit.md).",
          properties: { v: { const: 1 }, prev: { type: 'string', pattern: SHA256_HEX }, hash: { type: 'string', pattern: SHA256_HEX } },
          required: ['v', 'prev', 'hash'],
        },
      },
      required: ['schemaVersion', 'recordedAt'],
    },
    streamName: { type: 'string', description: 'The stream: participant-<id>, claim-<id> or region-<code>.' },
    revision: { type: 'integer', minimum: 0, description: "The event's 0-based revision in its stream." },
    globalPosition: { type: 'integer', minimum: 0, description: 'Strictly increasing across the store, with gaps.' },
  },
  required: ['id', 'type', 'data', 'metadata', 'streamName', 'revision', 'globalPosition'],
  anyOf: events.flatMap(({ type, versions }) =>
    versions.map((version): JsonSchema => ({
      type: 'object',
      properties: { type: { const: type }, metadata: { type: 'object', properties: { schemaVersion: { const: version } } }, data: { $ref: schemaPaths.event(type, version) } },
    })),
  ),
});
