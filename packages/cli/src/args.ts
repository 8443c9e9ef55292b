/** Parsed command-line arguments: the command, its positional arguments and its --options. */
export interface ParsedArgs {
  readonly command: string | undefined;
  readonly positional: ReadonlyArray<string>;
  readonly options: ReadonlyMap<string, string | true>;
}

/** A usage problem: exit code 2 and a message that says how to fix it. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Splits argv into a command, positionals and options (`--db x`, `--db=x`, flags like `--json`). */
export const parseArgs = (argv: ReadonlyArray<string>, flags: ReadonlySet<string>): ParsedArgs => {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '-h') options.set('help', true);
    else if (arg.startsWith('--')) {
      const [name = '', inline] = arg.slice(2).split(/=(.*)/s, 2);
      if (flags.has(name)) {
        if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
        options.set(name, true);
      } else if (inline !== undefined) options.set(name, inline);
      else {
        const value = argv[i + 1];
        if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
        options.set(name, value);
        i++;
      }
    } else positional.push(arg);
  }
  const [command, ...rest] = positional;
  return { command, positional: rest, options };
};

/** The string value of an option, or undefined. */
export const optionOf = (args: ParsedArgs, name: string): string | undefined => {
  const value = args.options.get(name);
  return typeof value === 'string' ? value : undefined;
};

/** True when a flag was given. */
export const flagOf = (args: ParsedArgs, name: string): boolean => args.options.get(name) === true;

/** Refuses options a command does not know, naming them and the ones it does. */
export const checkOptions = (args: ParsedArgs, allowed: ReadonlyArray<string>): void => {
  const unknown = [...args.options.keys()].filter((name) => !allowed.includes(name) && name !== 'help');
  if (unknown.length > 0) throw new UsageError(`unknown option ${unknown.map((n) => `--${n}`).join(', ')} (this command takes ${allowed.map((n) => `--${n}`).join(', ')})`);
};
