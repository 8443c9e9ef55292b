import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { claimEventDefinitions, type ClaimEvent } from './claim/events.js';
import { participantEventDefinitions, type ParticipantEvent } from './participant/events.js';
import { regionEventDefinitions, type RegionEvent } from './region/events.js';
import { describeErrors, formatProblems, type ValidationProblem } from './shared/codec.js';
import type { EventDefinition } from './shared/event-definition.js';
import type { EventKind } from './shared/event.js';
import { personalDataPaths } from './values/personal-data.js';

/** Every event jamsos records, by stream: participant, claim, region. */
export type JamsosEvent = ParticipantEvent | ClaimEvent | RegionEvent;
export type JamsosEventType = JamsosEvent['type'];

/** Every event definition, in catalogue order. */
export const eventDefinitions: ReadonlyArray<EventDefinition<JamsosEventType, t.Mixed>> = [
  ...participantEventDefinitions,
  ...claimEventDefinitions,
  ...regionEventDefinitions,
];

/** An event as a store holds it: its type, the schema version of its data, and the data as JSON. */
export interface SerialisedEvent {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
}

/** Why a stored event could not be read. */
export type EventDecodeError =
  | { readonly _tag: 'UnknownEventType'; readonly type: string }
  | { readonly _tag: 'UnknownSchemaVersion'; readonly type: string; readonly schemaVersion: number; readonly current: number }
  | { readonly _tag: 'InvalidEventData'; readonly type: string; readonly problems: ReadonlyArray<ValidationProblem>; readonly message: string };

/** Reads and writes events of a set of definitions: upcasting, validating, encoding. */
export interface Catalogue<Event extends { readonly type: string; readonly data: unknown }> {
  readonly definition: (type: string) => EventDefinition<string, t.Mixed> | undefined;
  readonly upcast: (stored: SerialisedEvent) => E.Either<EventDecodeError, { readonly definition: EventDefinition<string, t.Mixed>; readonly data: unknown }>;
  readonly decodeEvent: (stored: SerialisedEvent) => E.Either<EventDecodeError, Event>;
  readonly decodeEventTrusted: (stored: SerialisedEvent) => E.Either<EventDecodeError, Event>;
  readonly encodeEvent: (event: Event) => SerialisedEvent;
}

/** A catalogue over event definitions: each event's codec at its current version, and its upcasters for older ones. */
export const createCatalogue = <Event extends { readonly type: string; readonly data: unknown }>(definitions: ReadonlyArray<EventDefinition<string, t.Mixed>>): Catalogue<Event> => {
  const byType = new Map<string, EventDefinition<string, t.Mixed>>(definitions.map((d) => [d.type, d]));

  /** Brings stored data up to the current schema version through the event's upcasters. */
  const upcast: Catalogue<Event>['upcast'] = (stored) => {
    const definition = byType.get(stored.type);
    if (definition === undefined) return E.left({ _tag: 'UnknownEventType', type: stored.type });
    if (!Number.isInteger(stored.schemaVersion) || stored.schemaVersion < 1 || stored.schemaVersion > definition.version)
      return E.left({ _tag: 'UnknownSchemaVersion', type: stored.type, schemaVersion: stored.schemaVersion, current: definition.version });
    let data = stored.data;
    for (let v = stored.schemaVersion; v < definition.version; v++) {
      const up = definition.upcasters?.[v];
      if (up === undefined) return E.left({ _tag: 'UnknownSchemaVersion', type: stored.type, schemaVersion: stored.schemaVersion, current: definition.version });
      data = up(data);
    }
    return E.right({ definition, data });
  };

  /** Reads a stored event: upcasts it and validates its data with the event's codec. */
  const decodeEvent: Catalogue<Event>['decodeEvent'] = (stored) => {
    const up = upcast(stored);
    if (E.isLeft(up)) return up;
    const decoded = up.right.definition.codec.decode(up.right.data);
    if (E.isLeft(decoded)) {
      const problems = describeErrors(decoded.left);
      return E.left({ _tag: 'InvalidEventData', type: stored.type, problems, message: `${stored.type}: ${formatProblems(problems)}` });
    }
    return E.right({ type: stored.type, data: decoded.right } as Event);
  };

  /** Reads a stored event on the hot path: upcasts by version and trusts the shape (validated on append). */
  const decodeEventTrusted: Catalogue<Event>['decodeEventTrusted'] = (stored) => {
    const definition = byType.get(stored.type);
    if (definition !== undefined && stored.schemaVersion === definition.version) return E.right({ type: stored.type, data: stored.data } as Event);
    return E.map((up: { data: unknown }) => ({ type: stored.type, data: up.data }) as Event)(upcast(stored));
  };

  /** Writes an event for a store: its type, current schema version, and its data encoded as JSON. */
  const encodeEvent: Catalogue<Event>['encodeEvent'] = (event) => {
    const definition = byType.get(event.type);
    if (definition === undefined) throw new Error(`bug: event type ${event.type} is not in the catalogue`);
    return { type: event.type, schemaVersion: definition.version, data: definition.codec.encode(event.data) };
  };

  return { definition: (type) => byType.get(type), upcast, decodeEvent, decodeEventTrusted, encodeEvent };
};

const jamsos = createCatalogue<JamsosEvent>(eventDefinitions);

/** The definition of an event type, if jamsos knows it. */
export const eventDefinition = (type: string): EventDefinition<string, t.Mixed> | undefined => jamsos.definition(type);
/** Brings stored data up to the current schema version through the event's upcasters. */
export const upcast = jamsos.upcast;
/** Reads a stored event: upcasts it and validates its data with the event's codec (boundaries, audits, tests). */
export const decodeEvent = jamsos.decodeEvent;
/**
 * Reads a stored event on the hot path: upcasts by version and trusts the shape (it was validated
 * when it was appended). Use decodeEvent for audits, imports and tests.
 */
export const decodeEventTrusted = jamsos.decodeEventTrusted;
/** Writes an event for a store: its type, current schema version, and its data encoded as JSON. */
export const encodeEvent = jamsos.encodeEvent;

/** The event types that are facts (kept by a what-if replay) or decisions (re-derived by it). */
export const eventTypesOfKind = (kind: EventKind): ReadonlyArray<JamsosEventType> => eventDefinitions.filter((d) => d.kind === kind).map((d) => d.type);

/** The personal-data fields of an event type, e.g. ["heirs[].name", "nik"]: what a store decorator encrypts. */
export const personalDataFields = (type: JamsosEventType): ReadonlyArray<string> => {
  const definition = jamsos.definition(type);
  return definition === undefined ? [] : personalDataPaths(definition.codec);
};
