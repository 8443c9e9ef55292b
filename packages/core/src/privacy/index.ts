/**
 * Crypto-shredding of personal data (UU PDP 27/2022): a store decorator encrypting each participant's
 * personal-data fields under their own key, a keyring port, forgetting (destroying the key) and
 * exporting everything held about a participant. See README.md here and docs/privacy.md.
 */
/** The envelope format: AES-256-GCM with the field's place as AAD. */
export { ENVELOPE_VERSION, IV_BYTES, KEY_BYTES, TAG_BYTES, additionalData, isEnvelope, openEnvelope, sealEnvelope } from './envelope.js';
export type { Envelope, FieldPlace, OpenFailure } from './envelope.js';
/** The keyring port, the in-memory keyring and random sources. */
export { createInMemoryKeyring, cryptoRandomBytes, seededRandomBytes } from './keyring.js';
export type { ActiveKey, AbsentKey, ForgottenKey, InMemoryKeyringOptions, KeyDestruction, KeyState, Keyring, RandomBytes } from './keyring.js';
/** Where personal data is, whose it is, and what it reads back as once redacted. */
export {
  REDACTED_BIRTH_DATE,
  REDACTED_NIK,
  REDACTED_TEXT,
  REDACTION_CANDIDATES,
  jamsosPersonalData,
  participantIdOf,
  personalCodecs,
  personalDataSchema,
  personalField,
  placeholderFor,
  schemaOfDefinitions,
} from './schema.js';
export type { PersonalDataSchema, PersonalField } from './schema.js';
export { mapAtPath, parsePath } from './paths.js';
export type { FieldRewrite, PathSegment } from './paths.js';
/** Sealing a batch and revealing an event, for adapters and tools that work on stored events. */
export { redactEvent, revealEvent, sealBatch } from './fields.js';
export type { FieldStatus, RevealOptions, RevealedEvent, SealDependencies } from './fields.js';
/** The typed problems of reading personal data, and the error reads throw with them. */
export { PersonalDataReadError, describePersonalDataProblem } from './errors.js';
export type { CiphertextRejected, FieldRef, KeyMissing, KeyringUnavailable, MalformedEnvelope, PersonalDataProblem } from './errors.js';
/** The store decorator, and a subscription that reads as it does. */
export { withPersonalDataEncryption } from './with-personal-data-encryption.js';
export type { PersonalDataOptions, PersonalDataStore } from './with-personal-data-encryption.js';
export { revealingSubscription } from './subscription.js';
/** Forgetting a participant, and exporting everything held about one. */
export { forgetParticipant } from './forget.js';
export type { AlreadyForgotten, ForgetOptions, ForgetOutcome, Forgotten } from './forget.js';
export { PARTICIPANT_EXPORT_FORMAT, exportParticipant } from './export.js';
export type { ExportError, ExportedEvent, ParticipantExport } from './export.js';
export { subjectFootprint } from './subject.js';
export type { SubjectFootprint, UnknownParticipant } from './subject.js';
