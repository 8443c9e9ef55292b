import * as E from 'fp-ts/lib/Either.js';
import type * as TE from 'fp-ts/lib/TaskEither.js';
import { applyReforms, decodeReform, Period, PeriodC, type IsoDate, type Policy, type Reform, type ReformError } from '@jamsos/domain';
import type { EventStore } from '../store/types.js';
import { replayLog } from './engine.js';
import { validDateOf } from '@jamsos/domain';
import { streamOf } from './events.js';
import { decodeInjections, resolveInjections, type ScenarioInjection } from './injections.js';
import { knownBy, parseKnowledgeTime, type KnowledgeTime } from './knowledge-time.js';
import { loadRecordedLog, type LoadLogOptions } from './load.js';
import { compareSides, emptySide, foldIntoSide, monthsSpanned } from './report.js';
import type { InvalidInjection, InvalidWhatIfOption, LoggedEvent, WhatIfError, WhatIfResult } from './types.js';

/** A what-if scenario: the policy the log was recorded under, the reformed policy, and synthetic facts. */
export interface WhatIfScenario {
  readonly baseline: Policy;
  readonly counterfactual: Policy;
  /** The reforms' names, in the order applied. */
  readonly reforms: ReadonlyArray<string>;
  readonly injections: ReadonlyArray<ScenarioInjection>;
}

/** What a scenario is built from: reforms and injections as read from files (unknown data, validated here). */
export interface ScenarioInput {
  readonly baseline: Policy;
  readonly reforms?: ReadonlyArray<unknown>;
  readonly injections?: unknown;
}

/** Which months to report and what the scheme knew: all optional ("YYYY-MM"; a date or an instant for K). */
export interface WhatIfWindow {
  readonly from?: string;
  readonly to?: string;
  readonly knowledgeTime?: string;
}

/** Builds a scenario: validates and chains the reforms (a ReformError names the bad one) and validates the injections. */
export const prepareScenario = (input: ScenarioInput): E.Either<ReformError | InvalidInjection, WhatIfScenario> => {
  const reforms: Reform[] = [];
  for (const [i, data] of (input.reforms ?? []).entries()) {
    const decoded = decodeReform(data, i);
    if (E.isLeft(decoded)) return decoded;
    reforms.push(decoded.right);
  }
  const counterfactual = applyReforms(input.baseline, reforms);
  if (E.isLeft(counterfactual)) return counterfactual;
  const injections = decodeInjections(input.injections);
  if (E.isLeft(injections)) return injections;
  return E.right({ baseline: input.baseline, counterfactual: counterfactual.right, reforms: reforms.map((r) => r.name), injections: injections.right });
};

const period = (option: 'from' | 'to', value: string | undefined): E.Either<InvalidWhatIfOption, Period | undefined> => {
  if (value === undefined) return E.right(undefined);
  const decoded = PeriodC.decode(value);
  return E.isRight(decoded) ? decoded : E.left({ _tag: 'InvalidWhatIfOption', option, message: `${option} is a month, YYYY-MM; got ${JSON.stringify(value)}` });
};

interface Options {
  readonly from: Period | undefined;
  readonly to: Period | undefined;
  readonly knowledgeTime: KnowledgeTime | undefined;
}

const readWindow = (window: WhatIfWindow): E.Either<InvalidWhatIfOption, Options> => {
  const from = period('from', window.from);
  if (E.isLeft(from)) return from;
  const to = period('to', window.to);
  if (E.isLeft(to)) return to;
  if (from.right !== undefined && to.right !== undefined && to.right < from.right)
    return E.left({ _tag: 'InvalidWhatIfOption', option: 'to', message: `to (${to.right}) is before from (${from.right})` });
  if (window.knowledgeTime === undefined) return E.right({ from: from.right, to: to.right, knowledgeTime: undefined });
  const k = parseKnowledgeTime(window.knowledgeTime);
  return E.isLeft(k) ? k : E.right({ from: from.right, to: to.right, knowledgeTime: k.right });
};

/**
 * A what-if over a loaded log: folds the recorded events known by K into the baseline's fund and
 * coverage projections, replays the log under the counterfactual policy with the injections (see
 * engine.ts) folding its events into the same projections, and compares them per branch, programme
 * and month, and per region at each month-end. The report window defaults to the months the log spans.
 */
export const whatIfOverLog = (log: Iterable<LoggedEvent>, scenario: WhatIfScenario, window: WhatIfWindow = {}): E.Either<WhatIfError, WhatIfResult> => {
  const options = readWindow(window);
  if (E.isLeft(options)) return options;
  const { knowledgeTime } = options.right;
  const known = knowledgeTime === undefined ? undefined : knownBy(knowledgeTime);
  const baseline = emptySide();
  let first: IsoDate | undefined;
  let last: IsoDate | undefined;
  for (const logged of log) {
    if (known !== undefined) {
      const isKnown = known(logged.recordedAt);
      if (isKnown === undefined)
        return E.left({ _tag: 'UndecodableEvent', globalPosition: logged.globalPosition, streamName: streamOf(logged.event), type: logged.event.type, reason: `recordedAt ${JSON.stringify(logged.recordedAt)} is not an instant` });
      if (!isKnown) continue;
    }
    foldIntoSide(baseline, logged.event, logged.globalPosition, logged.recordedAt);
    const date = validDateOf(logged.event);
    if (first === undefined || date < first) first = date;
    if (last === undefined || date > last) last = date;
  }
  const injections = resolveInjections(scenario.injections, log, known === undefined ? undefined : (logged) => known(logged.recordedAt) === true, scenario.baseline);
  if (E.isLeft(injections)) return injections;
  const counterfactual = emptySide();
  const replayed = replayLog(log, { policy: scenario.counterfactual, injections: injections.right, ...(knowledgeTime === undefined ? {} : { knowledgeTime }) }, (event, position, recordedAt) =>
    foldIntoSide(counterfactual, event, position, recordedAt),
  );
  if (E.isLeft(replayed)) return replayed;
  for (const injection of injections.right) {
    const [start, end] = [Period.firstDay(injection.fromPeriod), Period.lastDay(injection.toPeriod)];
    if (first === undefined || start < first) first = start;
    if (last === undefined || end > last) last = end;
  }
  const spanned = monthsSpanned(first, last);
  const from = options.right.from ?? spanned?.from ?? options.right.to;
  const to = options.right.to ?? spanned?.to ?? from;
  if (from === undefined || to === undefined) return E.left({ _tag: 'InvalidWhatIfOption', option: 'from', message: 'the log holds no event to report on: give from and to' });
  if (to < from) return E.left({ _tag: 'InvalidWhatIfOption', option: 'to', message: `to (${to}) is before the first month reported, ${from}` });
  const policies = { baseline: scenario.baseline, counterfactual: scenario.counterfactual };
  return E.right({
    baselinePolicy: { id: scenario.baseline.id, name: scenario.baseline.name },
    counterfactualPolicy: { id: scenario.counterfactual.id, name: scenario.counterfactual.name },
    reforms: scenario.reforms,
    injections: injections.right,
    knowledgeTime: knowledgeTime?.given,
    from,
    to,
    ...compareSides(baseline, counterfactual, policies, from, to),
    replay: replayed.right.counts,
  });
};

/** A what-if over a store: loads the log (see loadRecordedLog), then whatIfOverLog. Never writes to the store. */
export const runWhatIf =
  (store: EventStore, scenario: WhatIfScenario, window: WhatIfWindow = {}, load: LoadLogOptions = {}): TE.TaskEither<WhatIfError, WhatIfResult> =>
  async () => {
    const log = await loadRecordedLog(store, load)();
    return E.isLeft(log) ? log : whatIfOverLog(log.right, scenario, window);
  };
