import { UsageError, type ParsedArgs } from '../args.js';
import type { Output } from './shared.js';

/** What `jamsos audit --help` prints. */
export const auditHelp = `jamsos audit (being built)`;

/** `jamsos audit` (being built). */
export const auditCommand = async (_args: ParsedArgs, _output: Output): Promise<number> => {
  throw new UsageError('jamsos audit is being built');
};
