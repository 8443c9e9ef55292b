/**
 * The envelope a personal-data field is stored in: AES-256-GCM of the field's JSON under the
 * participant's key, with a fresh 96-bit IV, and the field's place (stream, event id, path) bound
 * as additional authenticated data, so a ciphertext moved to another event or field does not open.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';

/** The envelope format version, the value of `$pdp`. */
export const ENVELOPE_VERSION = 1;

/** The bytes of an AES-256 key, of a GCM IV and of a GCM tag. */
export const KEY_BYTES = 32;
export const IV_BYTES = 12;
export const TAG_BYTES = 16;

/** A personal-data field as stored: `{ $pdp: 1, kid, iv, ct, tag }`, binary parts in base64. */
export interface Envelope {
  readonly $pdp: typeof ENVELOPE_VERSION;
  /** The key id: the participant id whose key encrypted the field. */
  readonly kid: string;
  readonly iv: string;
  readonly ct: string;
  readonly tag: string;
}

/** Where a field sits, bound into its ciphertext. */
export interface FieldPlace {
  readonly streamName: string;
  readonly eventId: string;
  /** The concrete path, with array indexes: "heirs[1].name". */
  readonly path: string;
}

/** Why an envelope did not open: its parts are malformed, or the GCM tag does not verify (tampered, moved, or another key). */
export type OpenFailure = 'MalformedEnvelope' | 'TagMismatch';

/** True for a value shaped like an envelope (`$pdp: 1` and string parts); whether it opens is another matter. */
export const isEnvelope = (value: unknown): value is Envelope => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return v['$pdp'] === ENVELOPE_VERSION && typeof v['kid'] === 'string' && typeof v['iv'] === 'string' && typeof v['ct'] === 'string' && typeof v['tag'] === 'string';
};

/** The additional authenticated data of a field: format, stream, event id and path, NUL-separated. */
export const additionalData = (place: FieldPlace): Buffer => Buffer.from(`jamsos-pdp/${ENVELOPE_VERSION}\u0000${place.streamName}\u0000${place.eventId}\u0000${place.path}`, 'utf8');

/**
 * Encrypts a JSON value into an envelope. Throws (a TypeError from JSON.stringify) for a value that
 * is not JSON, e.g. a bigint: callers turn that into a refusal that does not quote the value.
 */
export const sealEnvelope = (value: unknown, key: Uint8Array, kid: string, iv: Uint8Array, place: FieldPlace): Envelope => {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError('the value has no JSON form');
  if (iv.length !== IV_BYTES) throw new Error(`bug: an AES-GCM IV has ${IV_BYTES} bytes, got ${iv.length}`);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(additionalData(place));
  const ct = Buffer.concat([cipher.update(json, 'utf8'), cipher.final()]);
  return { $pdp: ENVELOPE_VERSION, kid, iv: Buffer.from(iv).toString('base64'), ct: ct.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
};

/** Decrypts an envelope at its place: the JSON value, or why it does not open. Never throws. */
export const openEnvelope = (envelope: Envelope, key: Uint8Array, place: FieldPlace): E.Either<OpenFailure, unknown> => {
  // Base64 is decoded leniently: a ciphertext altered that way fails the tag; the IV and tag must have their sizes.
  const iv = Buffer.from(envelope.iv, 'base64');
  const tag = Buffer.from(envelope.tag, 'base64');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES || key.length !== KEY_BYTES) return E.left('MalformedEnvelope');
  let plain: string;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(tag);
    decipher.setAAD(additionalData(place));
    plain = Buffer.concat([decipher.update(Buffer.from(envelope.ct, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    return E.left('TagMismatch');
  }
  try {
    return E.right(JSON.parse(plain) as unknown);
  } catch {
    // Authentic but not JSON: only a writer with the key could have made it; still not a crash.
    return E.left('MalformedEnvelope');
  }
};
