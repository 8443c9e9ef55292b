import { checkOptions, flagOf, openContext, optionOf, parseArgs, STORE_HELP, STORE_OPTIONS, STORE_USAGE, StoreOpenError, storeTargetOf, UsageError } from '@jamsos/cli';
import { CONFIG_ENV, ConfigError, loadConfig } from './auth/tokens.js';
import { startService } from './service.js';

const HELP = `jamsos-http: jamsos over HTTP for other government systems

Usage: node examples/http-service/dist/serve.js --config FILE [--port N] [--host H] [--create] ${STORE_USAGE}

  --config FILE   the tokens and roles (JSON; or the file named by ${CONFIG_ENV}); see docs/embedding.md
  --port N        the port (default 8080; 0: any free port)
  --host H        the address to listen on (default 127.0.0.1)
  --create        allow a new, empty SQLite store (else the store must exist)

Prints the URL it listens on and where the OpenAPI document is; stops cleanly on Ctrl-C (SIGINT) or SIGTERM.
On EventStoreDB, the key that turns NIKs into participant ids comes from JAMSOS_PARTICIPANT_ID_KEY.

${STORE_HELP}`;

const portOf = (text: string | undefined): number => {
  if (text === undefined) return 8080;
  const port = Number(text);
  if (!/^\d{1,5}$/.test(text) || port > 65_535) throw new UsageError(`--port takes 0-65535 (got "${text}")`);
  return port;
};

const main = async (argv: ReadonlyArray<string>): Promise<number> => {
  const args = parseArgs(['serve', ...argv], new Set(['help', 'create']));
  if (flagOf(args, 'help')) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  checkOptions(args, ['config', 'port', 'host', 'create', ...STORE_OPTIONS]);
  if (args.positional.length > 0) throw new UsageError(`unexpected argument ${args.positional[0]}`);
  const configPath = optionOf(args, 'config') ?? process.env[CONFIG_ENV];
  if (configPath === undefined || configPath === '') throw new UsageError(`give --config FILE (or ${CONFIG_ENV}): the tokens and roles the service accepts`);
  const callers = loadConfig(configPath);
  const port = portOf(optionOf(args, 'port'));
  const host = optionOf(args, 'host') ?? '127.0.0.1';
  const target = storeTargetOf(args, { participantIds: true });
  // Listen for the signals before anything is printed: whoever reads the URL may ask it to stop at once.
  const stopRequested = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  const context = await openContext(target, { create: flagOf(args, 'create') });
  const service = await startService({ context, callers, host, port, onBug: (error, request) => process.stderr.write(`jamsos-http: bug on ${request}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`) }).catch(async (error: unknown) => {
    await context.close();
    throw error;
  });
  const synthetic = context.syntheticNote();
  process.stdout.write(
    [
      `jamsos http service listening on ${service.url}`,
      `  OpenAPI document: ${service.url}/openapi.json (the same as docs/schemas/openapi.json)`,
      `  store: ${context.where} (${context.backend}${synthetic === undefined ? '' : `; ${synthetic}`})`,
      `  tokens: ${callers.size} roles from ${configPath}`,
      '  stop with Ctrl-C',
      '',
    ].join('\n'),
  );
  await stopRequested;
  await service.close();
  process.stdout.write('jamsos http service stopped\n');
  return 0;
};

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof ConfigError) {
      process.stderr.write(`jamsos-http: ${error.message}\n(see --help)\n`);
      process.exitCode = 2;
    } else if (error instanceof StoreOpenError) {
      process.stderr.write(`jamsos-http: ${error.message}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(`jamsos-http: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    }
  },
);
