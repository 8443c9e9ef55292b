import * as E from 'fp-ts/lib/Either.js';
import { forgetParticipant, type ForgetOutcome } from '@jamsos/core';
import { ParticipantIdC } from '@jamsos/domain';
import { checkOptions, flagOf, UsageError, type ParsedArgs } from '../args.js';
import { openContext, storeTargetOf } from '../context/index.js';
import { STORE_HELP, STORE_OPTIONS, STORE_USAGE, type Output } from './shared.js';

/** What `jamsos forget --help` prints. */
export const forgetHelp = `jamsos forget <participantId> [--json] ${STORE_USAGE} [--keys FILE]

Forgets a participant (UU PDP 27/2022, the right to erasure) by destroying the key their personal data
is encrypted with: from then on their name, NIK and birth date, and the claimant's and heirs' details
on their claims, read back as "[redacted]" everywhere the log is (copies and backups too), while every
count, contribution, claim and balance stays the same and \`jamsos audit verify\` still passes. New
personal data for them is refused. Running it again changes nothing. Exit code 0 when forgotten (now or
before), 1 for a participant the store does not know. See docs/privacy.md.

${STORE_HELP}`;

/** The participant id operand, checked without ever echoing it (a NIK typed by mistake must not reach a log). */
export const participantOperand = (args: ParsedArgs, command: string): string => {
  const operands = args.positional;
  if (operands.length !== 1) throw new UsageError(`jamsos ${command} takes one participant id (got ${operands.length} operands)`);
  const id = operands[0] as string;
  if (!ParticipantIdC.is(id))
    throw new UsageError(`jamsos ${command} takes a participant id (an opaque id such as p-3f2a..., as in the events), and the operand is not one; a NIK is never a participant id`);
  return id;
};

/** The outcome in words, and any warning (to stderr). */
const describe = (outcome: ForgetOutcome, keysPath: string): { readonly text: string; readonly warnings: ReadonlyArray<string> } => {
  switch (outcome._tag) {
    case 'AlreadyForgotten':
      return { text: `${outcome.participantId} was already forgotten on ${outcome.forgottenAt}: nothing changed.`, warnings: [] };
    case 'UnknownParticipant':
      return { text: '', warnings: [] };
    case 'Forgotten': {
      const warnings: string[] = [];
      if (!outcome.wiped) warnings.push(`the key file's WAL could not be checkpointed (another process is reading ${keysPath}): the destroyed key's bytes may stay in its -wal file until the next write to it`);
      if (outcome.plaintextFields > 0)
        warnings.push(`${outcome.plaintextFields} personal-data field(s) of theirs were stored in plaintext before encryption and are NOT shredded by this: see docs/privacy.md ("Stores written before encryption")`);
      const key = outcome.keyDestroyed ? `their key was destroyed in ${keysPath}` : `no key existed (none of their personal data was encrypted); a tombstone in ${keysPath} now refuses any`;
      return { text: `Forgot ${outcome.participantId} on ${outcome.forgottenAt}: ${key}. Their personal data now reads as [redacted]; counts and amounts are unchanged.`, warnings };
    }
  }
};

/** `jamsos forget <participantId>`: destroys a participant's personal-data key. */
export const forgetCommand = async (args: ParsedArgs, output: Output): Promise<number> => {
  checkOptions(args, ['json', ...STORE_OPTIONS]);
  const participantId = participantOperand(args, 'forget');
  const context = await openContext(storeTargetOf(args), { create: false });
  try {
    const outcome = await forgetParticipant(context.store, participantId, { clock: context.clock })();
    if (E.isLeft(outcome)) {
      output.err(`jamsos: could not forget ${participantId}: ${outcome.left.message}`);
      return 1;
    }
    const { text, warnings } = describe(outcome.right, context.keysPath);
    if (flagOf(args, 'json')) output.out(JSON.stringify({ ...outcome.right, keys: context.keysPath }, null, 2));
    else if (text !== '') output.out(text);
    for (const warning of warnings) output.err(`jamsos: warning: ${warning}`);
    if (outcome.right._tag === 'UnknownParticipant') {
      output.err(`jamsos: no participant ${participantId} in ${context.where}: no stream and no key`);
      return 1;
    }
    return 0;
  } finally {
    await context.close();
  }
};
