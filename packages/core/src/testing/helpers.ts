import * as E from 'fp-ts/lib/Either.js';
import { v4 as uuidv4 } from 'uuid';
import type { EventToAppend } from '../store/types.js';

export { collect } from '../store/read.js';

/** An event to append with a fresh random id: for tests only (production ids are deterministic). */
export const makeEvent = (type: string, data: unknown = {}, id: string = uuidv4()): EventToAppend => ({
  id,
  type,
  data,
  metadata: { schemaVersion: 1, recordedAt: '2025-01-01T00:00:00.000Z' },
});

/** The right side of an Either, or a thrown error describing the left: for tests. */
export const rightOf = <L, R>(either: E.Either<L, R>): R => {
  if (E.isLeft(either)) throw new Error(`expected Right, got Left ${JSON.stringify(either.left)}`);
  return either.right;
};

/** The left side of an Either, or a thrown error describing the right: for tests. */
export const leftOf = <L, R>(either: E.Either<L, R>): L => {
  if (E.isRight(either)) throw new Error(`expected Left, got Right ${JSON.stringify(either.right)}`);
  return either.left;
};
