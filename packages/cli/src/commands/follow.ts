import * as E from 'fp-ts/lib/Either.js';
import { startLiveProjection, type LiveProjection, type LiveStats, type LiveStatus, type ProjectionError } from '@jamsos/core';
import { coverageProjection, fundProjection } from '@jamsos/projections';
import { checkOptions, optionOf, UsageError, type ParsedArgs } from '../args.js';
import { openContext, storeTargetOf } from '../context/index.js';
import { STORE_HELP, STORE_OPTIONS, STORE_USAGE, type Output } from './shared.js';

/** What `jamsos follow --help` prints. */
export const followHelp = `jamsos follow [--for SECONDS] [--stall-after SECONDS] ${STORE_USAGE}

Keeps the coverage and fund read models current while the log grows: catches up from their
checkpoints, then follows every new event (on EventStoreDB a catch-up subscription to $all filtered on
the server by event type; on SQLite by polling every 0.5 s), committing each change together with its
checkpoint in the read-model file within a second. After a dropped connection or a server restart it
resubscribes with backoff (0.1 s doubling to 5 s) and skips events delivered twice; a subscription
silent for --stall-after seconds (default 30) before catching up is reported and replaced. Status lines
go to stderr. Stops on Ctrl-C or SIGTERM (or after --for seconds), committing what it has folded, and
prints what each read model did. Other commands (coverage, fund, report) then start from these read
models.

${STORE_HELP}`;

/** A status change in words, for stderr. */
const describeStatus = (name: string, status: LiveStatus): string => {
  switch (status.kind) {
    case 'subscribing':
      return `${name}: subscribing after position ${status.fromPosition ?? 'start'}${status.attempt > 1 ? ` (attempt ${status.attempt})` : ''}`;
    case 'caught-up':
      return `${name}: caught up at position ${status.position ?? 'start'} (${status.processed.toLocaleString('en')} events folded); following`;
    case 'disconnected':
      return `${name}: disconnected (${status.reason}); retrying in ${status.retryInMs} ms`;
    case 'stalled':
      return `${name}: stalled, no message for ${Math.round(status.silentForMs / 1000)} s before catching up; resubscribing`;
    case 'stopped':
      return `${name}: stopped at position ${status.position ?? 'start'}`;
  }
};

/** A projection error in words. */
const describeError = (error: ProjectionError): string =>
  error._tag === 'StoreFailure' ? error.message : `${error.type} at position ${error.globalPosition} cannot be read (${error.reason})`;

/** One summary line of a stopped read model. */
const summary = (name: string, stats: LiveStats): string =>
  `${name}: ${stats.processed.toLocaleString('en')} events folded, ${stats.duplicatesSkipped} redelivered and skipped, ${stats.subscriptions} subscription(s), ${stats.disconnects} reconnection(s), ${stats.stalls} stall(s), ${stats.commits} commit(s)`;

/** Seconds from an option, checked. */
const secondsOf = (args: ParsedArgs, name: string): number | undefined => {
  const text = optionOf(args, name);
  if (text === undefined) return undefined;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError(`--${name} takes a number of seconds above 0 (got "${text}")`);
  return seconds;
};

/** Resolves on SIGINT or SIGTERM, or after `seconds` when given. */
const untilStopped = (seconds: number | undefined): Promise<string> =>
  new Promise((resolve) => {
    const done = (why: string) => () => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      clearTimeout(timer);
      resolve(why);
    };
    const onInt = done('SIGINT');
    const onTerm = done('SIGTERM');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
    const timer = seconds === undefined ? undefined : setTimeout(done(`${seconds} s elapsed`), seconds * 1000);
  });

/** `jamsos follow`: live coverage and fund read models until stopped. */
export const followCommand = async (args: ParsedArgs, output: Output): Promise<number> => {
  checkOptions(args, ['for', 'stall-after', ...STORE_OPTIONS]);
  const seconds = secondsOf(args, 'for');
  const stallAfter = secondsOf(args, 'stall-after') ?? 30;
  const context = await openContext(storeTargetOf(args), { create: false });
  try {
    const start = <S>(projection: Parameters<typeof startLiveProjection<S>>[0]['projection']): LiveProjection<S> =>
      startLiveProjection({
        subscribe: context.subscribe,
        readModels: context.readModels,
        projection,
        commitDelayMs: 1_000,
        stallAfterMs: stallAfter * 1000,
        onStatus: (status) => output.err(`${new Date().toISOString()} ${describeStatus(projection.name, status)}`),
      });
    output.err(`following ${context.where}; read models in ${context.readModelsPath}; Ctrl-C to stop`);
    const followers = [start(coverageProjection), start(fundProjection)] as const;
    const failed = Promise.race(followers.map((f) => f.done.then((result) => (E.isLeft(result) ? result : new Promise<never>(() => undefined)))));
    const why = await Promise.race([untilStopped(seconds), failed]);
    const results = await Promise.all(followers.map((f) => f.stop()));
    let code = 0;
    for (const [k, result] of results.entries()) {
      const name = k === 0 ? coverageProjection.name : fundProjection.name;
      if (E.isLeft(result)) {
        output.err(`jamsos: the ${name} read model stopped: ${describeError(result.left)}`);
        code = 1;
      } else output.out(summary(name, result.right));
    }
    if (typeof why === 'string') output.err(`stopped (${why})`);
    return code;
  } finally {
    await context.close();
  }
};
