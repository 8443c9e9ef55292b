import { UsageError, parseArgs } from './args.js';
import { coverageCommand, coverageHelp } from './commands/coverage.js';
import { demoCommand, demoHelp } from './commands/demo.js';
import { followCommand, followHelp } from './commands/follow.js';
import { auditCommand, auditHelp } from './commands/audit.js';
import { whatIfCommand, whatIfHelp } from './commands/what-if.js';
import { exportCommand, exportHelp } from './commands/export.js';
import { forgetCommand, forgetHelp } from './commands/forget.js';
import { fundCommand, fundHelp } from './commands/fund.js';
import { importCommand, importHelp } from './commands/import.js';
import { reportCommand, reportHelp } from './commands/report.js';
import type { Output } from './commands/shared.js';
import { StoreOpenError } from './context/index.js';
import { DemoWriteFailed } from './demo/index.js';
import { ProjectionFailed } from './projections.js';

const HELP = `jamsos: the event-sourced core of worker social security (BPJS Ketenagakerjaan)

Usage: jamsos <command> [options]      (jamsos <command> --help for each)

  demo       write a synthetic multi-year history for Cilegon, Serang and Kendal and print the tables
  import     import a sponsor roster CSV (line-numbered errors; importing twice adds nothing)
  coverage   who was protected on a date: per region (UCJ, target) and per branch
  fund       contributions, claims approved and paid, balance, per branch and programme
  report     one self-contained HTML page with charts and tables
  follow     keep the coverage and fund read models current as events arrive (until Ctrl-C)
  what-if    replay the history under a reformed policy and show the difference
  audit      claims against contributions, explained disbursements, anomalies; audit verify: tamper check
  forget     forget a participant (UU PDP): destroy their personal-data key; counts and amounts unchanged
  export     everything held about one participant, decrypted, as JSON (data-subject request)

Every command takes --db PATH (a SQLite file, default ./jamsos.db), or --store WHERE: an EventStoreDB
connection string (esdb://host:2113?tls=false, esdb+discover://...) with --read-models PATH (default
./jamsos-read-models.db) for the local read models, or a SQLite path.`;

const COMMANDS: Readonly<Record<string, { readonly run: typeof demoCommand; readonly help: string }>> = {
  demo: { run: demoCommand, help: demoHelp },
  import: { run: importCommand, help: importHelp },
  coverage: { run: coverageCommand, help: coverageHelp },
  fund: { run: fundCommand, help: fundHelp },
  report: { run: reportCommand, help: reportHelp },
  follow: { run: followCommand, help: followHelp },
  'what-if': { run: whatIfCommand, help: whatIfHelp },
  audit: { run: auditCommand, help: auditHelp },
  forget: { run: forgetCommand, help: forgetHelp },
  export: { run: exportCommand, help: exportHelp },
};

const FLAGS = new Set(['help', 'json', 'csv', 'force', 'monthly']);

/** Runs the jamsos command line; returns the exit code (0 done, 1 failed or rejected input, 2 usage). */
export const runCli = async (argv: ReadonlyArray<string>, output: Output): Promise<number> => {
  try {
    const args = parseArgs(argv, FLAGS);
    if (args.command === undefined) {
      output.out(HELP);
      return args.options.get('help') === true ? 0 : 2;
    }
    const command = COMMANDS[args.command];
    if (command === undefined) throw new UsageError(`unknown command "${args.command}": try ${Object.keys(COMMANDS).join(', ')}`);
    if (args.options.get('help') === true) {
      output.out(command.help);
      return 0;
    }
    return await command.run(args, output);
  } catch (error) {
    if (error instanceof UsageError) {
      output.err(`jamsos: ${error.message}\n(see jamsos --help)`);
      return 2;
    }
    if (error instanceof StoreOpenError || error instanceof ProjectionFailed || error instanceof DemoWriteFailed) {
      output.err(`jamsos: ${error.message}`);
      return 1;
    }
    throw error;
  }
};

const isMain = process.argv[1] !== undefined && /(?:jamsos(?:\.js)?|main\.js)$/.test(process.argv[1]);
if (isMain) {
  const code = await runCli(process.argv.slice(2), { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) });
  process.exitCode = code;
}
