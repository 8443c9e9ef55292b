import { relative } from 'node:path';
import { writeFileSync } from 'node:fs';
import { checkOptions, flagOf, optionOf, UsageError, type ParsedArgs } from '../args.js';
import { findingLine } from '../audit/describe.js';
import { AuditFailed } from '../audit/errors.js';
import { explainOne, renderExplanation } from '../audit/explain.js';
import { renderAuditHtml } from '../audit/html.js';
import { foldFundForAudit, runAudit } from '../audit/run.js';
import { renderAuditText, renderFindingsCsv } from '../audit/text.js';
import { chainFindingLine, readHeads, renderVerification, saveHeads, verifyStore } from '../audit/verify.js';
import { openContext, redactConnectionString, storeTargetOf, type Context, type StoreTarget } from '../context/index.js';
import { asOfDate, formatOf, STORE_HELP, STORE_OPTIONS, STORE_USAGE, type Output } from './shared.js';
import { policyLine } from './tables.js';

/** What `jamsos audit --help` prints. */
export const auditHelp = `jamsos audit [--branch ID] [--as-of DATE] [--json|--csv|--html FILE] ${STORE_USAGE}
jamsos audit explain <claimId> <reference> [--json] ${STORE_USAGE}
jamsos audit verify [--json] [--save-heads FILE] [--heads FILE] ${STORE_USAGE}

audit: claims against contributions, from the events themselves (not the saved read models). Per branch
and programme as of a date (by default the last day with activity): contributions received, benefits
approved and disbursed, approved-but-unpaid, balance (received minus disbursed) and the claims ratio,
and the month-by-month history; then every anomaly in the log up to that date, one per line (kind,
claim or participant, what happened, the event as stream@revision and its position), counted by kind:
disbursements without approval, over-disbursement, approvals of workers who were not protected,
reused payment references, contributions after a lapse without reinstatement, events that cannot be
read or applied. --branch limits the report to one branch (every event is still checked). --json
prints everything; --csv prints the findings, one row each (the balance as CSV: jamsos fund --csv);
--html FILE writes one self-contained page with a chart of the monthly balance per programme.
Exit code 0 when there are no findings, 1 when there are (or the audit could not run), 2 for a usage
mistake.

audit explain: why, by whom and under which law one disbursement was paid: the claim, the approval, each
policy parameter the decision read with its value and legal reference, the decision recomputed, and
the worker's contribution record at the incident date. An unknown claim or reference exits 1.

audit verify: checks every stream's hash chain (metadata.chain, written on every jamsos write): prints
"N streams, M events: chain intact", or each event altered, removed or reordered and exits 1.
--save-heads FILE (when intact) writes each stream's last revision and hash; keep that file where the
store's writers cannot change it, and later --heads FILE also finds events cut off a stream's end
and rewritten histories. See docs/audit.md.

${STORE_HELP}`;

/** A path relative to the working directory when it is under it, else the absolute path. */
const shown = (path: string): string => {
  const short = relative(process.cwd(), path);
  return short === '' || short.startsWith('..') ? path : short;
};

/** The store options to repeat in a suggested command. */
const storeArgs = (target: StoreTarget): string =>
  target.kind === 'sqlite' ? `--db ${shown(target.path)}` : `--store '${redactConnectionString(target.connectionString).replace(/'/g, `'\\''`)}' --read-models ${shown(target.readModelsPath)}`;

/** Opens the context, runs the work and closes it whatever happens. */
const withContext = async (target: StoreTarget, work: (context: Context) => Promise<number>): Promise<number> => {
  const context = await openContext(target, { create: false });
  try {
    return await work(context);
  } finally {
    await context.close();
  }
};

/** `jamsos audit`: the balance, its history, the anomalies and the disbursements to explain. */
const balanceCommand = async (args: ParsedArgs, output: Output): Promise<number> => {
  checkOptions(args, ['branch', 'as-of', 'json', 'csv', 'html', ...STORE_OPTIONS]);
  const format = formatOf(args);
  const html = optionOf(args, 'html');
  if (html !== undefined && format !== 'table') throw new UsageError('choose one of --json, --csv and --html FILE');
  const branch = optionOf(args, 'branch')?.toUpperCase();
  const target = storeTargetOf(args);
  return withContext(target, async (context) => {
    // The audit reads no personal data (explanations keep heirs as ids and relationships): read redacted.
    const folded = await foldFundForAudit(context.store.redacted);
    const asOf = asOfDate(args, folded.fund, context.clock());
    const result = await runAudit(context.store.redacted, folded, asOf, branch);
    const policy = policyLine(context.policy);
    const code = result.findings.length === 0 ? 0 : 1;
    if (html !== undefined) {
      const page = renderAuditHtml(result, { generatedAt: context.clock(), policy, where: context.where, syntheticNote: context.syntheticNote() });
      try {
        writeFileSync(html, page);
      } catch (error) {
        throw new AuditFailed(`cannot write ${html}: ${error instanceof Error ? error.message : String(error)}`);
      }
      output.out(`wrote ${html} (${Math.round(page.length / 1024)} KiB): audit as of ${asOf}, ${result.findings.length} finding(s)`);
    } else if (format === 'json') {
      const findings = result.findings.map((finding) => ({ ...finding, text: findingLine(finding) }));
      const example = result.disbursements.example;
      const explain = example === undefined ? undefined : `jamsos audit explain ${example.claimId} ${example.reference}`;
      output.out(JSON.stringify({ policy: { name: context.policy.name, id: context.policy.id }, store: context.where, syntheticNote: context.syntheticNote(), ...result, findings, explain }, null, 2));
    } else if (format === 'csv') output.out(renderFindingsCsv(result.findings).trimEnd());
    else output.out(renderAuditText(result, { policy, storeArgs: storeArgs(target) }));
    return code;
  });
};

/** `jamsos audit explain <claimId> <reference>`. */
const explainCommand = async (args: ParsedArgs, operands: ReadonlyArray<string>, output: Output): Promise<number> => {
  checkOptions(args, ['json', ...STORE_OPTIONS]);
  const [claimId, reference, ...extra] = operands;
  if (claimId === undefined || reference === undefined || extra.length > 0) throw new UsageError('give one claim and one transfer reference: jamsos audit explain KLM-3672-2025-000001 TRF-20250317-3672-2025-000001-1');
  return withContext(storeTargetOf(args), async (context) => {
    const explanation = await explainOne(context.store.redacted, claimId, reference);
    output.out(flagOf(args, 'json') ? JSON.stringify(explanation, null, 2) : renderExplanation(explanation));
    return 0;
  });
};

/** `jamsos audit verify`: the hash chains, optionally against saved heads, optionally saving new ones. */
const verifyCommand = async (args: ParsedArgs, operands: ReadonlyArray<string>, output: Output): Promise<number> => {
  checkOptions(args, ['json', 'save-heads', 'heads', ...STORE_OPTIONS]);
  if (operands.length > 0) throw new UsageError(`jamsos audit verify takes no operands (got ${operands.join(' ')})`);
  const saveTo = optionOf(args, 'save-heads');
  const headsFrom = optionOf(args, 'heads');
  const anchors = headsFrom === undefined ? undefined : readHeads(headsFrom);
  return withContext(storeTargetOf(args), async (context) => {
    const report = await verifyStore(context.store.stored, anchors, saveTo !== undefined);
    const intact = report.findings.length + report.omittedFindings === 0;
    const saved = saveTo !== undefined && intact;
    if (saved) saveHeads(saveTo, report, context.where, context.clock());
    if (flagOf(args, 'json')) {
      const { heads: _heads, ...rest } = report;
      output.out(JSON.stringify({ ...rest, intact, anchored: anchors?.length, findings: report.findings.map((f) => ({ ...f, text: chainFindingLine(f) })), headsSavedTo: saved ? saveTo : undefined }, null, 2));
    } else output.out(renderVerification(report, anchors?.length));
    if (saved) output.err(`saved ${(report.heads?.length ?? 0).toLocaleString('en')} stream heads to ${saveTo}: keep it where the store's writers cannot change it`);
    if (saveTo !== undefined && !intact) output.err(`heads not saved to ${saveTo}: the chain is broken, and its heads would anchor the tampering`);
    return intact ? 0 : 1;
  });
};

/** `jamsos audit`, `jamsos audit explain`, `jamsos audit verify`. */
export const auditCommand = async (args: ParsedArgs, output: Output): Promise<number> => {
  const [sub, ...operands] = args.positional;
  try {
    if (sub === 'explain') return await explainCommand(args, operands, output);
    if (sub === 'verify') return await verifyCommand(args, operands, output);
    if (sub !== undefined) throw new UsageError(`unknown audit subcommand "${sub}": try jamsos audit, jamsos audit explain <claimId> <reference>, or jamsos audit verify`);
    return await balanceCommand(args, output);
  } catch (error) {
    if (!(error instanceof AuditFailed)) throw error;
    output.err(`jamsos: ${error.message}`);
    return 1;
  }
};
