import { IsoDate, IsoDateC } from '@jamsos/domain';
import type { FundState } from '@jamsos/projections';
import { optionOf, UsageError, type ParsedArgs } from '../args.js';

/** Where a command writes: stdout for results, stderr for messages. */
export interface Output {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** The last day with money moving in the fund read model: the natural default for "as of". */
export const latestActivity = (fund: FundState): IsoDate | undefined => {
  let last = -Infinity;
  for (const days of fund.days.values()) for (const day of days.keys()) if (day > last) last = day;
  return last === -Infinity ? undefined : IsoDate.fromDayNumber(last);
};

/** The --as-of date, checked; by default the last day with activity (or today if the store is quiet). */
export const asOfDate = (args: ParsedArgs, fund: FundState, today: string): IsoDate => {
  const given = optionOf(args, 'as-of');
  if (given !== undefined) {
    if (!IsoDateC.is(given)) throw new UsageError(`--as-of needs a date that exists, written YYYY-MM-DD (got "${given}")`);
    return given;
  }
  const todayDate = today.slice(0, 10) as IsoDate;
  const last = latestActivity(fund);
  return last === undefined || last > todayDate ? todayDate : last;
};

/** The output format chosen with --json or --csv (table by default). */
export const formatOf = (args: ParsedArgs): 'table' | 'json' | 'csv' => {
  const json = args.options.get('json') === true;
  const csv = args.options.get('csv') === true;
  if (json && csv) throw new UsageError('choose one of --json and --csv');
  return json ? 'json' : csv ? 'csv' : 'table';
};
