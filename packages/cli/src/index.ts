export { runCli } from './main.js';
// For programs that embed jamsos the way the CLI does (examples/http-service): argument parsing, opening
// a store on SQLite or EventStoreDB, and the helpers the CLI's queries use.
export { checkOptions, flagOf, optionOf, parseArgs, UsageError, type ParsedArgs } from './args.js';
export { openContext, StoreOpenError, storeTargetOf, type Context } from './context/index.js';
export { latestActivity, STORE_HELP, STORE_OPTIONS, STORE_USAGE } from './commands/shared.js';
export { participantIdsUnder } from './context/meta.js';
