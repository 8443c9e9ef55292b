import { JamsosCommandC } from '@jamsos/core';
import type * as t from 'io-ts';
import { toJsonSchema } from '../json-schema/to-json-schema.js';
import { JSON_SCHEMA_DIALECT, type JsonSchema } from '../json-schema/types.js';
import { schemaPaths } from './paths.js';

/** The published schema of one command type: what the command service's execute accepts for it. */
export interface CommandSchema {
  readonly type: string;
  /** The stream the command goes to: participant, claim or region. */
  readonly stream: string;
  readonly schema: JsonSchema;
}

type UnionCodec = t.Mixed & { readonly _tag?: string; readonly types?: ReadonlyArray<t.Mixed> };

/** The streams of the command service's union, in its order (ParticipantCommandC, ClaimCommandC, RegionCommandC). */
const STREAMS = ['participant', 'claim', 'region'] as const;

/** The `type` a command schema fixes with a const; a command codec without one is a bug. */
const commandTypeOf = (schema: JsonSchema, codec: t.Mixed): string => {
  const type = schema.properties?.['type']?.const;
  if (typeof type !== 'string') throw new Error(`bug: the command codec ${codec.name} has no literal "type"`);
  return type;
};

/** A command type and its codec, as the command service's union holds them. */
export interface CommandCodec {
  readonly type: string;
  readonly stream: string;
  readonly codec: t.Mixed;
}

/** The command codecs of the command service's union of unions, with the stream each goes to. */
export const commandCodecs = (union: t.Mixed = JamsosCommandC): ReadonlyArray<CommandCodec> =>
  ((union as UnionCodec).types ?? []).flatMap((streamUnion, i) =>
    ((streamUnion as UnionCodec).types ?? []).map((codec) => ({ type: commandTypeOf(toJsonSchema(codec), codec), stream: STREAMS[i] ?? `stream ${i}`, codec })),
  );

/** One schema per command type accepted by the command service (JamsosCommandC), generated from its codec. */
export const commandSchemas = (union: t.Mixed = JamsosCommandC): ReadonlyArray<CommandSchema> =>
  commandCodecs(union).map(({ type, stream, codec }) => {
    const { title: _generatedTitle, ...body } = toJsonSchema(codec);
    return {
      type,
      stream,
      schema: { $schema: JSON_SCHEMA_DIALECT, $id: schemaPaths.commandOf(type), title: type, description: `The ${type} command (to a ${stream} stream), as the command service accepts it.`, ...body },
    };
  });

/** Any command the command service accepts: one of the command schemas, chosen by `type`. */
export const anyCommandSchema = (commands: ReadonlyArray<CommandSchema> = commandSchemas()): JsonSchema => ({
  $schema: JSON_SCHEMA_DIALECT,
  $id: schemaPaths.command,
  title: 'JamsosCommand',
  description: 'Any command the command service accepts (its execute); the `type` names which.',
  anyOf: commands.map((c) => ({ $ref: schemaPaths.commandOf(c.type) })),
});
