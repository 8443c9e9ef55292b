import { writeFileSync } from 'node:fs';
import { IsoDate, Period } from '@jamsos/domain';
import { coverageAsOf, fundAsOf, fundMonthly, type CoverageReport } from '@jamsos/projections';
import { checkOptions, optionOf, UsageError, type ParsedArgs } from '../args.js';
import { openContext, storeTargetOf } from '../context/index.js';
import { catchUp } from '../projections.js';
import { renderHtmlReport } from '../report/index.js';
import { asOfDate, STORE_HELP, STORE_OPTIONS, STORE_USAGE, type Output } from './shared.js';

/** What `jamsos report --help` prints. */
export const reportHelp = `jamsos report --html FILE [--as-of DATE] [--months N] ${STORE_USAGE}

Writes one self-contained HTML page (no network needed to open it) with charts of coverage against
target per region over time and of contributions against claims per branch per month, and the
coverage and fund tables beneath them. --months is how far back the charts go (default 24).

${STORE_HELP}`;

/** `jamsos report --html`: the HTML report. */
export const reportCommand = async (args: ParsedArgs, output: Output): Promise<number> => {
  checkOptions(args, ['html', 'as-of', 'months', ...STORE_OPTIONS]);
  const file = optionOf(args, 'html');
  if (file === undefined) throw new UsageError('give the page to write: jamsos report --html report.html');
  const months = Number(optionOf(args, 'months') ?? 24);
  if (!Number.isInteger(months) || months < 1 || months > 240) throw new UsageError(`--months takes a whole number from 1 to 240 (got ${optionOf(args, 'months')})`);
  const context = await openContext(storeTargetOf(args), { create: false });
  try {
    const models = await catchUp(context);
    const asOf = asOfDate(args, models.fund, context.clock());
    const series: CoverageReport[] = [];
    const last = IsoDate.period(asOf);
    for (const period of Period.range(Period.add(last, -(months - 1)), last)) {
      const day = period === last ? asOf : Period.lastDay(period);
      series.push(coverageAsOf(models.coverage, day, context.policy.at(day)));
    }
    const html = renderHtmlReport({
      title: 'jamsos: coverage and fund balance',
      generatedAt: context.clock(),
      policyId: `${context.policy.name} ${context.policy.id}`,
      coverageSeries: series,
      latestCoverage: coverageAsOf(models.coverage, asOf, context.policy.at(asOf)),
      fund: fundAsOf(models.fund, asOf),
      fundMonthly: fundMonthly(models.fund, asOf).filter((m) => m.period >= Period.add(last, -(months - 1))),
      note: context.syntheticNote() ?? `Store ${context.where}.`,
    });
    writeFileSync(file, html);
    output.out(`wrote ${file} (${Math.round(html.length / 1024)} KiB): coverage as of ${asOf} over ${months} months`);
    return 0;
  } finally {
    await context.close();
  }
};
