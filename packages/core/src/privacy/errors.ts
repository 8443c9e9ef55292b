/**
 * Why a stored personal-data field could not be read. None of these carries a value, plaintext or
 * ciphertext: only where the field is (stream, revision, event id, path) and whose key it names.
 */

/** Where a field is in the store. */
export interface FieldRef {
  readonly streamName: string;
  readonly revision: number;
  readonly eventId: string;
  /** The concrete path, e.g. "heirs[1].name". */
  readonly path: string;
  /** The key id the envelope names (the participant id). */
  readonly kid: string;
}

/** The GCM tag did not verify: the ciphertext, its IV or tag was altered, moved from another event or field, or made under another key. */
export interface CiphertextRejected extends FieldRef {
  readonly _tag: 'CiphertextRejected';
}

/** The envelope's parts are not base64 of the right sizes, or what it holds is not JSON. */
export interface MalformedEnvelope extends FieldRef {
  readonly _tag: 'MalformedEnvelope';
}

/** The keyring has neither a key nor a tombstone for the envelope's key id: a lost or foreign key file, not a forgotten participant. */
export interface KeyMissing extends FieldRef {
  readonly _tag: 'KeyMissing';
}

/** The keyring could not be reached while reading. */
export interface KeyringUnavailable {
  readonly _tag: 'KeyringUnavailable';
  readonly message: string;
}

/** Everything that can stop a personal-data field from reading back (decrypted or redacted). */
export type PersonalDataProblem = CiphertextRejected | MalformedEnvelope | KeyMissing | KeyringUnavailable;

/** One sentence for a problem, without any value of the field. */
export const describePersonalDataProblem = (problem: PersonalDataProblem): string => {
  if (problem._tag === 'KeyringUnavailable') return `the keyring could not be read: ${problem.message}`;
  const where = `${problem.path} of event ${problem.eventId} (${problem.streamName} revision ${problem.revision}, key ${problem.kid})`;
  switch (problem._tag) {
    case 'CiphertextRejected':
      return `the personal data in ${where} does not authenticate: altered, moved from another event or field, or encrypted under another key`;
    case 'MalformedEnvelope':
      return `the personal data in ${where} is not a well-formed envelope`;
    case 'KeyMissing':
      return `no key and no record of forgetting for ${where}: is this the store's key file?`;
  }
};

/**
 * Thrown by the reads of the personal-data decorator (reads are async iterables, and a read that
 * cannot go on throws, as for IO failures); the typed problem is in `problem`. The projection runners
 * turn it into a typed failure; `exportParticipant` answers it as a value.
 */
export class PersonalDataReadError extends Error {
  override readonly name = 'PersonalDataReadError';
  constructor(readonly problem: PersonalDataProblem) {
    super(describePersonalDataProblem(problem));
  }
}
