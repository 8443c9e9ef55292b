import { writeFileSync } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import { describePersonalDataProblem, exportParticipant, type ExportError } from '@jamsos/core';
import { checkOptions, optionOf, type ParsedArgs } from '../args.js';
import { openContext, storeTargetOf } from '../context/index.js';
import { participantOperand } from './forget.js';
import { STORE_HELP, STORE_OPTIONS, STORE_USAGE, type Output } from './shared.js';

/** What `jamsos export --help` prints. */
export const exportHelp = `jamsos export <participantId> [--out FILE] ${STORE_USAGE} [--keys FILE]

Everything the store holds about one participant, for a data-subject access request (UU PDP 27/2022):
every event of their stream and of their claims' streams, in log order, personal data decrypted (or
"[redacted]" once forgotten), each personal field marked decrypted, redacted or plaintext, as JSON on
stdout or in FILE (created readable by its owner only). Exit code 1 for a participant the store does
not know. See docs/privacy.md.

${STORE_HELP}`;

const reason = (error: ExportError): string => {
  switch (error._tag) {
    case 'UnknownParticipant':
      return 'no stream and no key';
    case 'StoreFailure':
      return error.message;
    default:
      return describePersonalDataProblem(error);
  }
};

/** `jamsos export <participantId>`: the data-subject export as JSON. */
export const exportCommand = async (args: ParsedArgs, output: Output): Promise<number> => {
  checkOptions(args, ['out', ...STORE_OPTIONS]);
  const participantId = participantOperand(args, 'export');
  const out = optionOf(args, 'out');
  const context = await openContext(storeTargetOf(args), { create: false });
  try {
    const exported = await exportParticipant(context.store, participantId)();
    if (E.isLeft(exported)) {
      output.err(`jamsos: cannot export ${participantId} from ${context.where}: ${reason(exported.left)}`);
      return 1;
    }
    const json = JSON.stringify(exported.right, null, 2);
    if (out === undefined) output.out(json);
    else {
      writeFileSync(out, `${json}\n`, { mode: 0o600 });
      output.err(`exported ${exported.right.events.length} events of ${participantId} (${exported.right.streams.length} streams) to ${out}`);
    }
    return 0;
  } finally {
    await context.close();
  }
};
