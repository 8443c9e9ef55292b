import { coverageAsOf, type RegionCoverage } from '@jamsos/projections';
import { checkOptions, optionOf, UsageError, type ParsedArgs } from '../args.js';
import { openContext, storeTargetOf } from '../context/index.js';
import { renderCsv } from '../format/table.js';
import { catchUp } from '../projections.js';
import { asOfDate, formatOf, STORE_HELP, STORE_OPTIONS, STORE_USAGE, type Output } from './shared.js';
import { countColumns, coverageTables, regionColumns } from './tables.js';

/** What `jamsos coverage --help` prints. */
export const coverageHelp = `jamsos coverage [--as-of DATE] [--region CODE] [--by region|branch|segment|category|sponsor] [--json|--csv]
                ${STORE_USAGE}

Who was protected on a date (by default the last day with activity), by the policy's rules on
contributions, arrears and grace periods: per region with UCJ against the recorded labour force and
progress against the target, and per branch. --by picks one grouping for --csv; --json prints all.

${STORE_HELP}`;

const GROUPS = { region: 'byRegion', branch: 'byBranch', segment: 'bySegment', category: 'byCategory', sponsor: 'bySponsorType' } as const;

/** `jamsos coverage`: coverage tables as of a date. */
export const coverageCommand = async (args: ParsedArgs, output: Output): Promise<number> => {
  checkOptions(args, ['as-of', 'region', 'by', 'json', 'csv', ...STORE_OPTIONS]);
  const by = optionOf(args, 'by') ?? 'region';
  if (!(by in GROUPS)) throw new UsageError(`--by takes one of ${Object.keys(GROUPS).join(', ')} (got "${by}")`);
  const format = formatOf(args);
  const context = await openContext(storeTargetOf(args), { create: false });
  try {
    const models = await catchUp(context);
    const asOf = asOfDate(args, models.fund, context.clock());
    const region = optionOf(args, 'region');
    const report = coverageAsOf(models.coverage, asOf, context.policy.at(asOf), region === undefined ? {} : { regionId: region });
    if (format === 'json') output.out(JSON.stringify({ policy: { name: context.policy.name, id: context.policy.id }, ...report }, null, 2));
    else if (format === 'csv') {
      const rows = report[GROUPS[by as keyof typeof GROUPS]] as ReadonlyArray<RegionCoverage>;
      output.out(renderCsv(rows, by === 'region' ? regionColumns : countColumns(by)));
    } else output.out(coverageTables(report, context.policy));
    return 0;
  } finally {
    await context.close();
  }
};
