/**
 * The hash chain's format: a canonical JSON of each event's content, SHA-256 over the previous hash
 * and that JSON, and the `chain` entry of the event's metadata. The writer (withHashChain) and the
 * verifier (verifyChains) both use only what is here, so they cannot disagree.
 */
import { createHash } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import type { EventMetadata } from '../../store/types.js';

/** Why a value has no canonical JSON form: where in the value (a JSON pointer-like path) and what was found there. */
export interface NotJson {
  readonly _tag: 'NotJson';
  readonly path: string;
  readonly found: string;
}

const notJson = (path: string, found: string): NotJson => ({ _tag: 'NotJson', path: path === '' ? '/' : path, found });

const isPlainObject = (value: object): boolean => {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

/** Characters JSON.stringify escapes: quote, backslash, controls, and surrogates (escaped when unpaired). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what JSON escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A string as JSON.stringify writes it, without calling it for the usual plain strings. */
const quote = (text: string): string => (NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`);

/** A failure found below `step`: its path gets the step in front (paths are built only on failure). */
const under = (step: string | number, failure: NotJson): NotJson => ({ ...failure, path: `/${step}${failure.path === '/' ? '' : failure.path}` });

/**
 * The canonical JSON text of a value, or what is not JSON in it; `ancestors` guards against cycles,
 * `skipKey` leaves one member of a top-level object out.
 */
const write = (value: unknown, ancestors: Set<object>, skipKey?: string): string | NotJson => {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      // A finite number's JSON is its ECMAScript string form (and -0 is "0"), as JSON.stringify writes it.
      return Number.isFinite(value) ? String(value) : notJson('', String(value));
    case 'object': {
      if (value === null) return 'null';
      if (ancestors.has(value)) return notJson('', 'a cycle');
      const isArray = Array.isArray(value);
      if (!isArray && !isPlainObject(value)) return notJson('', `an instance of ${value.constructor?.name ?? 'a class'}`);
      ancestors.add(value);
      let out: string;
      if (isArray) {
        out = '[';
        for (let i = 0; i < value.length; i++) {
          const item: unknown = value[i];
          if (item === undefined) return under(i, notJson('', 'undefined (or a hole) in an array'));
          const text = write(item, ancestors);
          if (typeof text !== 'string') return under(i, text);
          out += i === 0 ? text : ',' + text;
        }
        out += ']';
      } else {
        const record = value as Record<string, unknown>;
        out = '{';
        for (const key of Object.keys(record).sort()) {
          const member = record[key];
          if (member === undefined || key === skipKey) continue; // undefined members are left out, as JSON.stringify and every JSON store do
          const text = write(member, ancestors);
          if (typeof text !== 'string') return under(key, text);
          out += (out.length === 1 ? '' : ',') + quote(key) + ':' + text;
        }
        out += '}';
      }
      ancestors.delete(value);
      return out;
    }
    default:
      return notJson('', typeof value);
  }
};

/**
 * The canonical JSON of a value: object keys sorted (by UTF-16 code units), no whitespace, numbers and
 * strings as JSON.stringify writes them. Object members that are undefined are left out (as JSON does);
 * anything else that is not JSON (undefined in an array, NaN, Infinity, bigint, functions, symbols,
 * class instances such as Date, cycles) is refused.
 */
export const canonicalJson = (value: unknown): E.Either<NotJson, string> => {
  const text = write(value, new Set());
  return typeof text === 'string' ? E.right(text) : E.left(text);
};

/** The SHA-256 of a text (UTF-8), as 64 lowercase hex digits. */
export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The metadata key that holds an event's chain link. */
export const CHAIN_KEY = 'chain';

/** The version of the chain format described here. */
export const CHAIN_VERSION = 1;

/** The `prev` of a stream's first event (revision 0): 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** An event's chain link, stored as `metadata.chain`: the format version, the previous event's hash and its own. */
export interface ChainLink {
  readonly v: 1;
  readonly prev: string;
  readonly hash: string;
}

/** What an event is hashed over: its place (stream and revision), identity, type, data and metadata. */
export interface ChainedContent {
  readonly streamName: string;
  readonly revision: number;
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

/** The metadata without the chain key: the part of the metadata that is hashed. */
export const metadataWithoutChain = (metadata: EventMetadata): EventMetadata => {
  if (!(CHAIN_KEY in metadata)) return metadata;
  const { [CHAIN_KEY]: _chain, ...rest } = metadata;
  return rest;
};

/**
 * An event's hash: sha256hex(prev + '\n' + canonicalJson({ streamName, revision, id, type, data, metadata })),
 * with the metadata's chain key left out. The global position is not hashed: the store assigns it.
 */
export const eventHash = (prev: string, content: ChainedContent): E.Either<NotJson, string> => {
  // canonicalJson({ data, id, metadata, revision, streamName, type }), written field by field in that
  // (sorted) order, so that the metadata is not copied to leave its chain key out.
  const ancestors = new Set<object>();
  const fields: ReadonlyArray<readonly [string, unknown, string?]> = [
    ['data', content.data],
    ['id', content.id],
    ['metadata', content.metadata, CHAIN_KEY],
    ['revision', content.revision],
    ['streamName', content.streamName],
    ['type', content.type],
  ];
  let json = '{';
  for (const [key, value, skipKey] of fields) {
    const text = value === undefined ? notJson('', 'undefined') : write(value, ancestors, skipKey);
    if (typeof text !== 'string') return E.left(under(key, text));
    json += `${json.length === 1 ? '' : ','}"${key}":${text}`;
  }
  return E.right(sha256Hex(`${prev}\n${json}}`));
};

/** What an event's metadata holds under the chain key: a well-formed v1 link, nothing, or something else. */
export type ChainEntry = { readonly _tag: 'Chained'; readonly link: ChainLink } | { readonly _tag: 'Unchained' } | { readonly _tag: 'Malformed'; readonly found: string };

const HEX_64 = /^[0-9a-f]{64}$/;

/** Reads the chain entry of an event's metadata. */
export const readChain = (metadata: EventMetadata): ChainEntry => {
  if (!(CHAIN_KEY in metadata)) return { _tag: 'Unchained' };
  const chain = metadata[CHAIN_KEY];
  if (typeof chain !== 'object' || chain === null) return { _tag: 'Malformed', found: JSON.stringify(chain) ?? typeof chain };
  const { v, prev, hash } = chain as Record<string, unknown>;
  if (v !== CHAIN_VERSION || typeof prev !== 'string' || typeof hash !== 'string' || !HEX_64.test(prev) || !HEX_64.test(hash))
    return { _tag: 'Malformed', found: JSON.stringify(chain) ?? 'an unserialisable value' };
  return { _tag: 'Chained', link: { v: CHAIN_VERSION, prev, hash } };
};

/**
 * The hash the next event of a stream links to (its `prev`): the event's chain hash; for an event
 * without a well-formed chain (written before the chain, or by another system), its hash from genesis.
 */
export const linkOf = (event: ChainedContent): E.Either<NotJson, string> => {
  const entry = readChain(event.metadata);
  return entry._tag === 'Chained' ? E.right(entry.link.hash) : eventHash(GENESIS_HASH, event);
};

/** A NotJson as a sentence. */
export const describeNotJson = (problem: NotJson): string => `${problem.found} at ${problem.path} is not JSON`;
