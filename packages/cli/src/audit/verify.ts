import { readFileSync, writeFileSync } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import { describeFinding, verifyChains, type ChainFinding, type ChainReport, type EventStore, type StreamHead } from '@jamsos/core';
import { progressBar } from '../format/progress.js';
import { AuditFailed, describeStoreFailure } from './errors.js';
import { tapFirstReadAll } from './tap.js';

/** The format of a heads file, so a file of something else is refused. */
export const HEADS_FORMAT = 'jamsos-chain-heads/1';

/** A heads file: each stream's last revision and hash when the store was verified intact, to anchor a later verification. */
export interface HeadsFile {
  readonly format: typeof HEADS_FORMAT;
  readonly savedAt: string;
  readonly store: string;
  readonly streams: number;
  readonly events: number;
  readonly heads: ReadonlyArray<StreamHead>;
}

const HEX_64 = /^[0-9a-f]{64}$/;

const isHead = (value: unknown): value is StreamHead => {
  if (typeof value !== 'object' || value === null) return false;
  const { streamName, revision, hash } = value as Record<string, unknown>;
  return typeof streamName === 'string' && streamName !== '' && Number.isSafeInteger(revision) && (revision as number) >= 0 && typeof hash === 'string' && HEX_64.test(hash);
};

/** Reads and checks a heads file written by `--save-heads`. */
export const readHeads = (path: string): ReadonlyArray<StreamHead> => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new AuditFailed(`cannot read the heads file ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const file = parsed as Partial<HeadsFile> | null;
  if (typeof file !== 'object' || file === null || file.format !== HEADS_FORMAT || !Array.isArray(file.heads)) throw new AuditFailed(`${path} is not a heads file written by jamsos audit verify --save-heads (format ${HEADS_FORMAT})`);
  const bad = file.heads.findIndex((head) => !isHead(head));
  if (bad >= 0) throw new AuditFailed(`${path}: head ${bad} is not { streamName, revision, hash } with a 64-hex hash`);
  return file.heads as ReadonlyArray<StreamHead>;
};

/** Writes the heads of an intact verification to a file. */
export const saveHeads = (path: string, report: ChainReport, where: string, now: string): void => {
  const file: Omit<HeadsFile, 'heads'> = { format: HEADS_FORMAT, savedAt: now, store: where, streams: report.streams, events: report.events };
  const heads = (report.heads ?? []).map((head) => `    ${JSON.stringify({ streamName: head.streamName, revision: head.revision, hash: head.hash })}`);
  try {
    writeFileSync(path, `${JSON.stringify(file, null, 2).slice(0, -2)},\n  "heads": [\n${heads.join(',\n')}\n  ]\n}\n`);
  } catch (error) {
    throw new AuditFailed(`cannot write the heads file ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
};

/** Verifies every stream's hash chain (against anchors when given), with a progress bar on a terminal. */
export const verifyStore = async (store: EventStore, anchors: ReadonlyArray<StreamHead> | undefined, includeHeads: boolean): Promise<ChainReport> => {
  const progress = progressBar('audit verify: checking the hash chains');
  let n = 0;
  const counted = tapFirstReadAll(store, () => {
    if (++n % 5_000 === 0) progress.update(n);
  });
  const report = await verifyChains(counted, { ...(anchors === undefined ? {} : { anchors }), includeHeads })();
  progress.finish();
  if (E.isLeft(report)) throw new AuditFailed(describeStoreFailure(report.left));
  return report.right;
};

/** A chain finding on one line: its kind, then the sentence naming the stream, the revision, the event id and its position. */
export const chainFindingLine = (finding: ChainFinding): string => `${finding._tag}: ${describeFinding(finding)}`;

/** The verification as text: "N streams, M events: chain intact", or each finding and a summary line. */
export const renderVerification = (report: ChainReport, anchored: number | undefined): string => {
  const size = `${report.streams.toLocaleString('en')} streams, ${report.events.toLocaleString('en')} events`;
  const against = anchored === undefined ? '' : ` (checked against ${anchored.toLocaleString('en')} saved heads)`;
  const total = report.findings.length + report.omittedFindings;
  if (total === 0) return `${size}: chain intact${against}`;
  const kinds = Object.entries(report.counts)
    .filter(([, n]) => n > 0)
    .map(([tag, n]) => `${tag} ${n}`)
    .join(', ');
  return [
    ...report.findings.map(chainFindingLine),
    ...(report.omittedFindings > 0 ? [`... and ${report.omittedFindings} more findings not listed`] : []),
    '',
    `${size}: ${total} finding${total === 1 ? '' : 's'} (${kinds})${against}: the chain is broken`,
  ].join('\n');
};
