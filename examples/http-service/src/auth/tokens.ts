import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { BranchIdC, describeErrors, formatProblems, oneOf, refined } from '@jamsos/domain';
import { ROLES, type Caller } from './roles.js';

/** A bearer token as configured: at least 16 printable characters, no spaces. */
const TokenC = refined(t.string, 'Token', (s) => (/^[\x21-\x7e]{16,200}$/.test(s) ? undefined : 'a token is 16-200 printable characters without spaces'));

/** The SHA-256 of a token, hex: lets a configuration hold no token in the clear. */
const TokenSha256C = refined(t.string, 'TokenSha256', (s) => (/^[0-9a-f]{64}$/.test(s) ? undefined : 'tokenSha256 is 64 lower-case hex digits'));

/** One token: who holds it, their role, a clerk's branch; the token itself or its SHA-256. */
const TokenEntryC = t.intersection([
  t.type({ name: refined(t.string, 'TokenName', (s) => (s.trim() !== '' && s.length <= 100 ? undefined : 'a name is 1-100 characters')), role: oneOf('Role', ROLES) }),
  t.partial({ token: TokenC, tokenSha256: TokenSha256C, branchId: BranchIdC }),
]);

/** The service's configuration file: the tokens it accepts. */
export const ServiceConfigC = t.intersection([t.type({ tokens: t.readonlyArray(TokenEntryC) }), t.partial({ note: t.string })]);
export type ServiceConfig = t.TypeOf<typeof ServiceConfigC>;

/** The environment variable naming the configuration file (when --config is not given). */
export const CONFIG_ENV = 'JAMSOS_HTTP_CONFIG';

/** A configuration that cannot be used, in words an operator can act on. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** The hex SHA-256 of a token. */
export const tokenDigest = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** Who holds each token, by the token's SHA-256; a ConfigError names what is wrong with the configuration. */
export const callersOf = (config: ServiceConfig): ReadonlyMap<string, Caller> => {
  const callers = new Map<string, Caller>();
  const names = new Set<string>();
  config.tokens.forEach((entry, i) => {
    const where = `tokens[${i}] (${entry.name})`;
    if ((entry.token === undefined) === (entry.tokenSha256 === undefined)) throw new ConfigError(`${where}: give either token or tokenSha256`);
    if (entry.role === 'clerk' && entry.branchId === undefined) throw new ConfigError(`${where}: a clerk needs the branchId they write for`);
    if (entry.role !== 'clerk' && entry.branchId !== undefined) throw new ConfigError(`${where}: only a clerk has a branchId (a ${entry.role} reads every branch)`);
    if (names.has(entry.name)) throw new ConfigError(`${where}: the name ${entry.name} is used twice (names key idempotency records and logs)`);
    names.add(entry.name);
    const digest = entry.tokenSha256 ?? tokenDigest(entry.token as string);
    if (callers.has(digest)) throw new ConfigError(`${where}: the same token is given twice`);
    callers.set(digest, { name: entry.name, role: entry.role, branchId: entry.branchId });
  });
  if (callers.size === 0) throw new ConfigError('the configuration has no tokens: nobody could call the service');
  return callers;
};

/** Reads and checks a configuration file (JSON). */
export const loadConfig = (path: string): ReadonlyMap<string, Caller> => {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`cannot read the configuration ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const decoded = ServiceConfigC.decode(json);
  if (E.isLeft(decoded)) throw new ConfigError(`the configuration ${path} is not valid: ${formatProblems(describeErrors(decoded.left))}`);
  return callersOf(decoded.right);
};

/** The caller a request's Authorization header names, or undefined (no header, not Bearer, unknown token). */
export const callerOf = (callers: ReadonlyMap<string, Caller>, authorization: string | undefined): Caller | undefined => {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match === null ? undefined : callers.get(tokenDigest(match[1] as string));
};
