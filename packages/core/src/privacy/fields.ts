/**
 * Sealing the personal-data fields of a batch before it is stored, and revealing them when an event
 * is read: decrypted when the key exists, the field's placeholder once the key is destroyed, as is
 * when the field was stored in plaintext (written before encryption).
 */
import * as E from 'fp-ts/lib/Either.js';
import { invalidAppend, type AppendError } from '../store/errors.js';
import type { EventToAppend, RecordedEvent } from '../store/types.js';
import { IV_BYTES, isEnvelope, openEnvelope, sealEnvelope, type Envelope } from './envelope.js';
import type { PersonalDataProblem } from './errors.js';
import type { ActiveKey, ForgottenKey, KeyState, Keyring, RandomBytes } from './keyring.js';
import { mapAtPath } from './paths.js';
import { REDACTED_TEXT, type PersonalDataSchema, type PersonalField } from './schema.js';

/** What sealing needs: where the fields are, the keys, and random bytes for the IVs. */
export interface SealDependencies {
  readonly schema: PersonalDataSchema;
  readonly keyring: Keyring;
  readonly random: RandomBytes;
}

/** True when some field of the list has a value in the data. */
const hasValues = (data: unknown, fields: ReadonlyArray<PersonalField>): boolean => {
  let found = false;
  for (const field of fields)
    mapAtPath(data, field.segments, (value) => {
      if (value !== undefined) found = true;
      return value;
    });
  return found;
};

/**
 * Encrypts every personal-data field of a batch with its subject's key (made on first use), each
 * value under a fresh IV with its stream, event id and path as AAD. Refuses, as InvalidAppend naming
 * the event and path but never a value: personal data without a subject, a subject who was forgotten,
 * and a field value that is not JSON. Events without personal data are passed on untouched.
 */
export const sealBatch = async (streamName: string, events: ReadonlyArray<EventToAppend>, deps: SealDependencies): Promise<E.Either<AppendError, ReadonlyArray<EventToAppend>>> => {
  const keys = new Map<string, ActiveKey | ForgottenKey>();
  const sealed: EventToAppend[] = [];
  for (const [index, event] of events.entries()) {
    const fields = deps.schema.fieldsOf(event.type);
    if (fields.length === 0 || !hasValues(event.data, fields)) {
      sealed.push(event);
      continue;
    }
    const subject = deps.schema.subjectOf(event.type, event.data);
    if (subject === undefined) return E.left(invalidAppend(`event ${index} (${event.type}) carries personal data but names no participant whose key could encrypt it`));
    let state = keys.get(subject);
    if (state === undefined) {
      const obtained = await deps.keyring.obtain(subject)();
      if (E.isLeft(obtained)) return obtained;
      state = obtained.right;
      keys.set(subject, state);
    }
    if (state._tag === 'Forgotten')
      return E.left(invalidAppend(`event ${index} (${event.type}) carries personal data of participant ${subject}, who was forgotten on ${state.forgottenAt} (UU PDP 27/2022): no personal data of theirs is stored any more`));
    const key = state.key;
    let data = event.data;
    let at = '';
    try {
      for (const field of fields)
        data = mapAtPath(data, field.segments, (value, path) => {
          at = path;
          return value === undefined ? value : sealEnvelope(value, key, subject, deps.random(IV_BYTES), { streamName, eventId: event.id, path });
        });
    } catch {
      return E.left(invalidAppend(`event ${index} (${event.type}): the personal-data field ${at} is not JSON`));
    }
    sealed.push({ ...event, data });
  }
  return E.right(sealed);
};

/** How a field read back: decrypted, redacted (its key destroyed), or stored in plaintext (written before encryption). */
export type FieldStatus = 'decrypted' | 'redacted' | 'plaintext';

/** An event as read through the decorator, with (when asked) how each personal field read back, by concrete path. */
export interface RevealedEvent {
  readonly event: RecordedEvent;
  readonly fields: ReadonlyArray<{ readonly path: string; readonly status: FieldStatus }>;
}

/** Options of revealEvent. */
export interface RevealOptions {
  /** A redacted field reads back as its codec-valid placeholder (default), or as REDACTED_TEXT (exports). */
  readonly redactWith?: 'placeholder' | 'text';
  /** Collect each field's status (exports); off on the read path. */
  readonly statuses?: boolean;
}

/**
 * Reads an event's personal-data fields back: each envelope opened with its key, or replaced by the
 * field's placeholder when the key was destroyed; plaintext values are kept. The event is returned
 * as is when nothing changes. A problem (a ciphertext that does not authenticate, a key that is
 * neither there nor forgotten, the keyring unreachable) is answered as a value.
 */
export const revealEvent = async (event: RecordedEvent, keyring: Keyring, schema: PersonalDataSchema, options: RevealOptions = {}): Promise<E.Either<PersonalDataProblem, RevealedEvent>> => {
  const fields = schema.fieldsOf(event.type);
  if (fields.length === 0) return E.right({ event, fields: [] });
  const kids = new Set<string>();
  for (const field of fields)
    mapAtPath(event.data, field.segments, (value) => {
      if (isEnvelope(value)) kids.add(value.kid);
      return value;
    });
  const states = new Map<string, KeyState>();
  for (const kid of kids) {
    const state = await keyring.lookup(kid)();
    if (E.isLeft(state)) return E.left({ _tag: 'KeyringUnavailable', message: state.left.message });
    states.set(kid, state.right);
  }
  const statuses: { path: string; status: FieldStatus }[] = [];
  const note = (path: string, status: FieldStatus): void => void (options.statuses === true && statuses.push({ path, status }));
  let problem: PersonalDataProblem | undefined;
  let data = event.data;
  for (const field of fields) {
    data = mapAtPath(data, field.segments, (value, path) => {
      if (problem !== undefined || value === undefined) return value;
      if (!isEnvelope(value)) return (note(path, 'plaintext'), value);
      const ref = { streamName: event.streamName, revision: event.revision, eventId: event.id, path, kid: value.kid };
      const state = states.get(value.kid) as KeyState;
      if (state._tag === 'Absent') return ((problem = { _tag: 'KeyMissing', ...ref }), value);
      if (state._tag === 'Forgotten') return (note(path, 'redacted'), options.redactWith === 'text' ? REDACTED_TEXT : field.placeholder);
      const opened = openEnvelope(value as Envelope, state.key, { streamName: event.streamName, eventId: event.id, path });
      if (E.isLeft(opened)) return ((problem = { _tag: opened.left === 'TagMismatch' ? 'CiphertextRejected' : 'MalformedEnvelope', ...ref }), value);
      return (note(path, 'decrypted'), opened.right);
    });
  }
  if (problem !== undefined) return E.left(problem);
  return E.right({ event: data === event.data ? event : { ...event, data }, fields: statuses });
};

/**
 * An event with every personal-data field (encrypted or plaintext) replaced by its placeholder,
 * without touching a key: for readers that need no personal data (projections, what-if, audits).
 */
export const redactEvent = <T extends Pick<RecordedEvent, 'data'>>(event: T, fields: ReadonlyArray<PersonalField>): T => {
  let data = event.data;
  for (const field of fields) data = mapAtPath(data, field.segments, (value) => (value === undefined ? value : field.placeholder));
  return data === event.data ? event : { ...event, data };
};
