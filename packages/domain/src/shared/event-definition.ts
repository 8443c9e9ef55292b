import type * as t from 'io-ts';
import type { EventKind } from './event.js';

/**
 * Everything the catalogue knows about one event type: its name, its current schema version,
 * whether it is a fact or a decision, and the io-ts codec of its data at that version.
 * Older versions are kept as upcasters: data at version v -> data at version v + 1.
 */
export interface EventDefinition<Type extends string, C extends t.Mixed> {
  readonly type: Type;
  readonly version: number;
  readonly kind: EventKind;
  readonly codec: C;
  /** What the event records, for the catalogue in docs/events.md. */
  readonly description: string;
  /** upcasters[v] turns data written at version v into data of version v + 1. */
  readonly upcasters?: Readonly<Record<number, (data: unknown) => unknown>>;
}

/** Declares an event type (its codec, version and kind) for the catalogue. */
export const defineEvent = <Type extends string, C extends t.Mixed>(definition: EventDefinition<Type, C>): EventDefinition<Type, C> => definition;

/** The domain event an event definition describes. */
export type EventOf<D> = D extends EventDefinition<infer Type, infer C> ? { readonly type: Type; readonly data: t.TypeOf<C> } : never;
