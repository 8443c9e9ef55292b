/**
 * Knowledge time in the demo: when the scheme learned of each command, stored as `metadata.recordedAt`.
 *
 * The rule, simulated and deterministic (a function of the commands alone, never of the real clock):
 * - Every command is recorded on its own date (registeredOn, enrolledOn, paidOn, assessedOn, endedOn,
 *   filedOn, decidedOn, disbursedOn, publishedOn, setOn), late in the afternoon in Jakarta: the n-th
 *   command of a stream on one day at 16:00 + n minutes WIB (UTC+7), i.e. 09:00Z + n minutes (capped
 *   at 17:59 WIB), so a stream's knowledge time never goes backwards and all the events one command
 *   records share its knowledge time (one append, as the command handler does).
 * - What that means: a death or an accident becomes known only when the claim is filed, 2 to 45 days
 *   after the incident (the generator's filing delay); its decision and its payments when they are
 *   made. A sponsor's payments (GEMET SEKUL, Serang's regional budget, a civil servant) come in the
 *   sponsor's monthly file: every payment of the file carries the file's date as paidOn and is
 *   recorded that day; an employer's catch-up payments are recorded on the catch-up day; arrears
 *   assessments and lapses on the first of the month they are assessed.
 * - A knowledge time is never before the valid date (`validDateOf`) of an event the command recorded,
 *   nor before the stream's previous knowledge time: the day is the latest of the three.
 * So "as we knew it on day K" replays over a demo see what happened up to about K, and the demo's
 * last knowledge time is on its last day ({@link latestDemoKnowledge}).
 */
import { validDateOf, type IsoDate, type JamsosEvent } from '@jamsos/domain';

/** 16:00 WIB in minutes after midnight UTC. */
const FIRST_MINUTE_UTC = 9 * 60;

/** The last minute used (17:59 WIB); more commands of one stream on one day share it. */
const LAST_OFFSET = 119;

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** The knowledge time of the n-th command of a stream on a day (0-based). */
const instantOn = (day: IsoDate, n: number): string => {
  const minutes = FIRST_MINUTE_UTC + Math.min(n, LAST_OFFSET);
  return `${day}T${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}:00.000Z`;
};

/** The latest knowledge time a demo whose last day is `end` can carry: an upper bound for a check against the clock. */
export const latestDemoKnowledge = (end: IsoDate): string => instantOn(end, LAST_OFFSET);

/** Stamps a stream's commands, in the order the stream records them: given a command's date and the events it recorded, their knowledge time. */
export type KnowledgeClock = (date: IsoDate, events: ReadonlyArray<JamsosEvent>) => string;

/** A knowledge clock for one stream (see the module comment for the rule). */
export const streamKnowledgeClock = (): KnowledgeClock => {
  let day: IsoDate | undefined;
  let n = 0;
  return (date, events) => {
    let known = day !== undefined && day > date ? day : date;
    for (const event of events) {
      const valid = validDateOf(event);
      if (valid > known) known = valid;
    }
    n = known === day ? n + 1 : 0;
    day = known;
    return instantOn(known, n);
  };
};
