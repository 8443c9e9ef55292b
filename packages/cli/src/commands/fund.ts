import { fundAsOf, fundMonthly, type FundMonth } from '@jamsos/projections';
import { checkOptions, flagOf, optionOf, type ParsedArgs } from '../args.js';
import { openContext, storeTargetOf } from '../context/index.js';
import { renderCsv, renderTable, rupiah } from '../format/table.js';
import { catchUp } from '../projections.js';
import { asOfDate, formatOf, STORE_HELP, STORE_OPTIONS, STORE_USAGE, type Output } from './shared.js';
import { fundColumns, fundTables, monthColumns } from './tables.js';

/** What `jamsos fund --help` prints. */
export const fundHelp = `jamsos fund [--branch ID] [--as-of DATE] [--monthly] [--json|--csv] ${STORE_USAGE}

Contributions received, benefits approved and disbursed, approved-but-unpaid, balance (received minus
disbursed) and the claims-to-contributions ratio per branch and programme, as of a date (by default
the last day with activity). --monthly gives the month-by-month series instead. Amounts in rupiah.

${STORE_HELP}`;

/** `jamsos fund`: fund balance per branch and programme as of a date. */
export const fundCommand = async (args: ParsedArgs, output: Output): Promise<number> => {
  checkOptions(args, ['branch', 'as-of', 'monthly', 'json', 'csv', ...STORE_OPTIONS]);
  const format = formatOf(args);
  const context = await openContext(storeTargetOf(args), { create: false });
  try {
    const models = await catchUp(context);
    const asOf = asOfDate(args, models.fund, context.clock());
    const branch = optionOf(args, 'branch');
    const filter = branch === undefined ? {} : { branchId: branch.toUpperCase() };
    if (flagOf(args, 'monthly')) {
      const months = fundMonthly(models.fund, asOf, filter);
      if (format === 'json') output.out(JSON.stringify(months, null, 2));
      else if (format === 'csv') output.out(renderCsv(months, monthColumns));
      else output.out(`Fund by month up to ${asOf}\n\n${renderTable(months, monthColumns.map((c) => (c.numeric === true ? { ...c, value: (m: FundMonth) => rupiah(c.value(m) as number) } : c)))}`);
      return 0;
    }
    const report = fundAsOf(models.fund, asOf, filter);
    if (format === 'json') output.out(JSON.stringify({ policy: { name: context.policy.name, id: context.policy.id }, ...report }, null, 2));
    else if (format === 'csv') output.out(renderCsv(report.rows, fundColumns));
    else output.out(fundTables(report, context.policy));
    return 0;
  } finally {
    await context.close();
  }
};
