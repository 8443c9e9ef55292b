/** Parsed command-line arguments: the command, its positional arguments and its --options. */
export interface ParsedArgs {
  readonly command: string | undefined;
  readonly positional: ReadonlyArray<string>;
  /** The last value of each option (a repeated option keeps its last value, as it always has). */
  readonly options: ReadonlyMap<string, string | true>;
  /** Every value of each option given with a value, in the order given (for options a command allows to repeat). */
  readonly repeated?: ReadonlyMap<string, ReadonlyArray<string>>;
}

/** A usage problem: exit code 2 and a message that says how to fix it. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Splits argv into a command, positionals and options (`--db x`, `--db=x`, flags like `--json`). */
export const parseArgs = (argv: ReadonlyArray<string>, flags: ReadonlySet<string>): ParsedArgs => {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  const repeated = new Map<string, string[]>();
  const set = (name: string, value: string): void => {
    options.set(name, value);
    repeated.set(name, [...(repeated.get(name) ?? []), value]);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '-h') options.set('help', true);
    else if (arg.startsWith('--')) {
      const [name = '', inline] = arg.slice(2).split(/=(.*)/s, 2);
      if (flags.has(name)) {
        if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
        options.set(name, true);
      } else if (inline !== undefined) set(name, inline);
      else {
        const value = argv[i + 1];
        if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
        set(name, value);
        i++;
      }
    } else positional.push(arg);
  }
  const [command, ...rest] = positional;
  return { command, positional: rest, options, repeated };
};

/** The string value of an option, or undefined. */
export const optionOf = (args: ParsedArgs, name: string): string | undefined => {
  const value = args.options.get(name);
  return typeof value === 'string' ? value : undefined;
};

/** Every value of an option, in the order given (`--reform a.json --reform b.yaml`); empty when not given. */
export const valuesOf = (args: ParsedArgs, name: string): ReadonlyArray<string> => {
  const all = args.repeated?.get(name);
  if (all !== undefined) return all;
  const value = optionOf(args, name);
  return value === undefined ? [] : [value];
};

/** The value of an option that may be given once only; a usage error names it when repeated. */
export const singleOptionOf = (args: ParsedArgs, name: string): string | undefined => {
  if (valuesOf(args, name).length > 1) throw new UsageError(`--${name} is given more than once: give it once`);
  return optionOf(args, name);
};

/** True when a flag was given. */
export const flagOf = (args: ParsedArgs, name: string): boolean => args.options.get(name) === true;

/** Refuses options a command does not know, naming them and the ones it does. */
export const checkOptions = (args: ParsedArgs, allowed: ReadonlyArray<string>): void => {
  const unknown = [...args.options.keys()].filter((name) => !allowed.includes(name) && name !== 'help');
  if (unknown.length > 0) throw new UsageError(`unknown option ${unknown.map((n) => `--${n}`).join(', ')} (this command takes ${allowed.map((n) => `--${n}`).join(', ')})`);
};
