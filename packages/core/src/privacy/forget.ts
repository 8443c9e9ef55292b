import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { participantStreamName } from '@jamsos/domain';
import type { StoreFailure } from '../store/errors.js';
import { subjectFootprint, type UnknownParticipant } from './subject.js';
import type { PersonalDataStore } from './with-personal-data-encryption.js';

/** The participant's key is destroyed (or, if none was ever made, a tombstone now refuses one). */
export interface Forgotten {
  readonly _tag: 'Forgotten';
  readonly participantId: string;
  readonly forgottenAt: string;
  /** False when no key existed (no personal data of theirs was ever encrypted). */
  readonly keyDestroyed: boolean;
  /** Whether the keyring confirmed the key bytes are overwritten on its storage (see KeyDestruction). */
  readonly wiped: boolean;
  /** Fields of theirs still stored in plaintext (written before encryption): not shredded; see docs/privacy.md. */
  readonly plaintextFields: number;
}

/** The participant was forgotten before: nothing changed. */
export interface AlreadyForgotten {
  readonly _tag: 'AlreadyForgotten';
  readonly participantId: string;
  readonly forgottenAt: string;
}

/** What forgetting a participant answers. */
export type ForgetOutcome = Forgotten | AlreadyForgotten | UnknownParticipant;

/** Options of forgetParticipant. */
export interface ForgetOptions {
  /** The instant recorded on the tombstone. */
  readonly clock: () => string;
  /** Count the participant's fields still in plaintext (one filtered pass over the log; default true). */
  readonly countPlaintext?: boolean;
}

/**
 * Forgets a participant (UU PDP 27/2022, the right to erasure) by destroying their key: their personal
 * data, wherever it is stored (their stream, their claims' streams, copies and backups of the log),
 * reads back redacted from then on, while every other field, and so every count and amount, is
 * unchanged, and the hash chain still verifies (it covers the ciphertext). Idempotent: a second call
 * answers AlreadyForgotten; a participant with neither a stream nor a key is UnknownParticipant.
 */
export const forgetParticipant =
  (store: PersonalDataStore, participantId: string, options: ForgetOptions): TE.TaskEither<StoreFailure, ForgetOutcome> =>
  async () => {
    const state = await store.keyring.lookup(participantId)();
    if (E.isLeft(state)) return state;
    if (state.right._tag === 'Forgotten') return E.right({ _tag: 'AlreadyForgotten', participantId, forgottenAt: state.right.forgottenAt });
    if (state.right._tag === 'Absent') {
      const revision = await store.stored.streamRevision(participantStreamName(participantId))();
      if (E.isLeft(revision)) return revision;
      if (revision.right === 'no_stream') return E.right({ _tag: 'UnknownParticipant', participantId });
    }
    const destroyed = await store.keyring.forget(participantId, options.clock())();
    if (E.isLeft(destroyed)) return destroyed;
    const done = destroyed.right;
    if (done._tag === 'AlreadyForgotten') return E.right({ _tag: 'AlreadyForgotten', participantId, forgottenAt: done.forgottenAt });
    let plaintextFields = 0;
    if (options.countPlaintext !== false) {
      const footprint = await subjectFootprint(store, participantId);
      if (E.isLeft(footprint)) return footprint;
      plaintextFields = footprint.right.plaintextFields;
    }
    return E.right({
      _tag: 'Forgotten',
      participantId,
      forgottenAt: done.forgottenAt,
      keyDestroyed: done._tag === 'KeyDestroyed',
      wiped: done._tag === 'KeyDestroyed' ? done.wiped : true,
      plaintextFields,
    });
  };
