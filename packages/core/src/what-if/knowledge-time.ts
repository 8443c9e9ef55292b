import * as E from 'fp-ts/lib/Either.js';
import { IsoDate, IsoDateC, IsoDateTimeC } from '@jamsos/domain';
import type { InvalidWhatIfOption } from './types.js';

/** A knowledge time: events recorded at or before it take part (to the millisecond). */
export interface KnowledgeTime {
  /** As given: a date ("2025-06-30", the end of that day UTC) or an instant ("2025-06-30T12:00:00+07:00"). */
  readonly given: string;
  /** The last millisecond that counts, since the epoch. */
  readonly lastMillisecond: number;
}

/** Reads a knowledge time: a date means the end of that day UTC; an instant must carry seconds and a zone. */
export const parseKnowledgeTime = (given: string): E.Either<InvalidWhatIfOption, KnowledgeTime> => {
  if (E.isRight(IsoDateC.decode(given))) {
    const nextDay = IsoDate.addDays(given as IsoDate, 1);
    return E.right({ given, lastMillisecond: Date.parse(`${nextDay}T00:00:00.000Z`) - 1 });
  }
  const ms = E.isRight(IsoDateTimeC.decode(given)) ? Date.parse(given) : Number.NaN;
  if (Number.isNaN(ms))
    return E.left({ _tag: 'InvalidWhatIfOption', option: 'knowledgeTime', message: `a knowledge time is a date (2025-06-30, the end of that day UTC) or an instant with a zone (2025-06-30T12:00:00Z); got ${JSON.stringify(given)}` });
  return E.right({ given, lastMillisecond: ms });
};

/**
 * A test "recorded at or before K" for a stream of recordedAt values. Consecutive events usually
 * share their recordedAt (one append, one clock reading), so the last answer is remembered and
 * Date.parse runs once per distinct value. Returns undefined for a recordedAt that is no instant.
 */
export const knownBy = (k: KnowledgeTime): ((recordedAt: string) => boolean | undefined) => {
  let last = '';
  let lastAnswer: boolean | undefined = undefined;
  return (recordedAt) => {
    if (recordedAt === last) return lastAnswer;
    const ms = Date.parse(recordedAt);
    last = recordedAt;
    lastAnswer = Number.isNaN(ms) ? undefined : ms <= k.lastMillisecond;
    return lastAnswer;
  };
};
