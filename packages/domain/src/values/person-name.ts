import * as t from 'io-ts';
import { describeValue, RefinedType } from '../shared/codec.js';
import { personalData } from './personal-data.js';

/** The longest name accepted, in UTF-16 code units (a roster's name column; BPJS forms allow far less). */
export const PERSON_NAME_MAX = 200;

/** Why a text cannot be a person's name, or undefined when it can. */
const nameProblem = (name: string): string | undefined =>
  name.trim() === '' ? 'a name must not be empty or blank' : name.length > PERSON_NAME_MAX ? `a name must be at most ${PERSON_NAME_MAX} characters, got ${name.length}` : undefined;

/** A person's name: personal data, 1-200 characters, not blank (a plain string, not branded). */
export const PersonNameC = personalData(
  new RefinedType<string, string>(
    'PersonName',
    (u): u is string => typeof u === 'string' && nameProblem(u) === undefined,
    (u, c) => (typeof u !== 'string' ? t.failure(u, c, `a name must be text, got ${describeValue(u)}`) : nameProblem(u) === undefined ? t.success(u) : t.failure(u, c, nameProblem(u))),
    (a) => a,
    t.string,
    // \S is what trim() removes, negated; JSON Schema counts code points where .length counts UTF-16 units (docs/contracts.md).
    { pattern: '\\S', maxLength: PERSON_NAME_MAX },
  ),
);
