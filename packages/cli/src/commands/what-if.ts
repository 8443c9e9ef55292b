import { UsageError, type ParsedArgs } from '../args.js';
import type { Output } from './shared.js';

/** What `jamsos what-if --help` prints. */
export const whatIfHelp = `jamsos what-if (being built)`;

/** `jamsos what-if` (being built). */
export const whatIfCommand = async (_args: ParsedArgs, _output: Output): Promise<number> => {
  throw new UsageError('jamsos what-if is being built');
};
