import { describe, expect, it } from 'vitest';
import { checkOptions, flagOf, optionOf, parseArgs, singleOptionOf, UsageError, valuesOf } from './args.js';

const FLAGS = new Set(['help', 'json', 'csv']);

describe('parseArgs', () => {
  it('splits the command, positionals, options with a value (--db x, --db=x) and flags', () => {
    const args = parseArgs(['import', 'roster.csv', '--db', 'a.db', '--as-of=2025-01-31', '--json'], FLAGS);
    expect(args.command).toBe('import');
    expect(args.positional).toEqual(['roster.csv']);
    expect(optionOf(args, 'db')).toBe('a.db');
    expect(optionOf(args, 'as-of')).toBe('2025-01-31');
    expect(flagOf(args, 'json')).toBe(true);
    expect(flagOf(args, 'csv')).toBe(false);
  });

  it('keeps the last value of a repeated option in options, as before, and every value in order for valuesOf', () => {
    const args = parseArgs(['what-if', '--reform', 'a.json', '--db', 'x.db', '--reform=b.yaml', '--reform', 'c.yml'], FLAGS);
    expect(optionOf(args, 'reform')).toBe('c.yml');
    expect(valuesOf(args, 'reform')).toEqual(['a.json', 'b.yaml', 'c.yml']);
    expect(valuesOf(args, 'db')).toEqual(['x.db']);
    expect(valuesOf(args, 'inject')).toEqual([]);
  });

  it('reads valuesOf from options alone when parsed arguments come without the repeated values', () => {
    expect(valuesOf({ command: 'x', positional: [], options: new Map([['reform', 'a.json']]) }, 'reform')).toEqual(['a.json']);
    expect(valuesOf({ command: 'x', positional: [], options: new Map([['json', true]]) }, 'json')).toEqual([]);
  });

  it('refuses an option given twice where only one is allowed, a flag with a value, and an option without one', () => {
    expect(() => singleOptionOf(parseArgs(['x', '--db', 'a', '--db', 'b'], FLAGS), 'db')).toThrow(/--db is given more than once/);
    expect(singleOptionOf(parseArgs(['x', '--db', 'a'], FLAGS), 'db')).toBe('a');
    expect(() => parseArgs(['x', '--json=yes'], FLAGS)).toThrow(UsageError);
    expect(() => parseArgs(['x', '--reform'], FLAGS)).toThrow(/--reform needs a value/);
    expect(() => parseArgs(['x', '--reform', '--json'], FLAGS)).toThrow(/--reform needs a value/);
  });

  it('checkOptions names unknown options and the known ones', () => {
    expect(() => checkOptions(parseArgs(['x', '--colour', 'red'], FLAGS), ['db'])).toThrow(/unknown option --colour \(this command takes --db\)/);
    expect(() => checkOptions(parseArgs(['x', '--db', 'a', '--help'], FLAGS), ['db'])).not.toThrow();
  });
});
