import { IsoDate, IsoDateC } from '@jamsos/domain';
import type { FundState } from '@jamsos/projections';
import { optionOf, UsageError, type ParsedArgs } from '../args.js';
import { DEFAULT_DB, DEFAULT_READ_MODELS } from '../context/index.js';

/** The options every command takes to say where its store is. */
export const STORE_OPTIONS = ['db', 'store', 'read-models', 'keys'] as const;

/** The usage of the store options, for each command's help line. */
export const STORE_USAGE = '[--db PATH | --store WHERE [--read-models PATH]]';

/** What every command's help says about the store options. */
export const STORE_HELP = `Store: --db PATH, a SQLite file (default ./${DEFAULT_DB}); or --store WHERE, an EventStoreDB connection
string (esdb://host:2113?tls=false, esdb+discover://host:2113, esdb://h1:2113,h2:2113,h3:2113?tls=false)
or a SQLite path. On EventStoreDB the events live on the server and the read models and local
metadata in the SQLite file --read-models PATH (default ./${DEFAULT_READ_MODELS}).
Personal data is encrypted with each participant's key, kept in a key file apart from the events:
--keys FILE or JAMSOS_KEYS (default: "<store>-keys.db" beside a SQLite store; jamsos-esdb-keys.db beside
the read-model file for EventStoreDB).`;

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
