import * as E from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import { storeFailure, type StoreFailure } from '../../store/errors.js';
import type { EventStore, RecordedEvent } from '../../store/types.js';
import { createChainChecker, type StreamHead } from './checker.js';
import { findingPosition, type ChainFinding, type ChainFindingTag } from './findings.js';

/** Options of a verification. */
export interface VerifyOptions {
  /** Only streams whose names start with this. */
  readonly streamPrefix?: string;
  /**
   * Stream heads from an earlier report (`includeHeads`), kept where the store's writers cannot change
   * them: a stream that now ends before its anchor lost events at its end, and one whose event at the
   * anchored revision hashes differently was rewritten. Without anchors neither can be seen.
   */
  readonly anchors?: Iterable<StreamHead>;
  /** Return each stream's head (its last revision and hash), to anchor a later verification. */
  readonly includeHeads?: boolean;
  /** Events, over all streams, that may wait for a missing earlier revision before it counts as removed (default 50,000). */
  readonly maxPending?: number;
  /** Findings kept in the report (default 10,000); the rest are only counted. */
  readonly maxFindings?: number;
}

/** What a verification found. */
export interface ChainReport {
  readonly streams: number;
  readonly events: number;
  /** The findings kept (see maxFindings), in order of the global position of the event each names. */
  readonly findings: ReadonlyArray<ChainFinding>;
  /** How many findings of each kind there were, kept or not. */
  readonly counts: Readonly<Record<ChainFindingTag, number>>;
  /** How many findings were counted but not kept. */
  readonly omittedFindings: number;
  readonly heads?: ReadonlyArray<StreamHead>;
}

const DEFAULT_MAX_PENDING = 50_000;
const DEFAULT_MAX_FINDINGS = 10_000;

/** Feeds events in global order to a checker and builds the report; reading failures become a StoreFailure. */
const run = (events: () => AsyncIterable<RecordedEvent> | Promise<Iterable<RecordedEvent>>, what: string, options: VerifyOptions): TaskEither<StoreFailure, ChainReport> => async () => {
  const maxFindings = options.maxFindings ?? DEFAULT_MAX_FINDINGS;
  const findings: ChainFinding[] = [];
  const counts: Record<ChainFindingTag, number> = { EventAltered: 0, EventRemoved: 0, EventsReordered: 0, ChainMissing: 0, ChainBroken: 0 };
  const emit = (finding: ChainFinding): void => {
    counts[finding._tag]++;
    if (findings.length < maxFindings) findings.push(finding);
  };
  const anchors = new Map<string, StreamHead>();
  for (const anchor of options.anchors ?? [])
    if (options.streamPrefix === undefined || anchor.streamName.startsWith(options.streamPrefix)) anchors.set(anchor.streamName, anchor);
  const checker = createChainChecker(emit, { maxPending: options.maxPending ?? DEFAULT_MAX_PENDING, anchors });
  let count = 0;
  try {
    for await (const event of await events()) {
      count++;
      checker.accept(event);
    }
  } catch (error) {
    return E.left(storeFailure(`reading ${what} to verify the hash chains`, error));
  }
  checker.finish();
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
  return E.right({
    streams: checker.streamCount(),
    events: count,
    findings: findings.sort((a, b) => findingPosition(a) - findingPosition(b)),
    counts,
    omittedFindings: total - findings.length,
    ...(options.includeHeads === true ? { heads: checker.heads() } : {}),
  });
};

/**
 * Verifies every stream's hash chain in one pass over the global log (readAll), keeping per stream
 * only its next revision and the hash that revision must link to: altered events (content that no
 * longer hashes to the stored hash), removed ones (gaps in revisions; with anchors, cut-off ends),
 * reordered ones (relabelled revisions, positions out of revision order), events without a chain,
 * and other breaks (a prev that does not link, a duplicate revision, a malformed chain).
 */
export const verifyChains = (store: EventStore, options: VerifyOptions = {}): TaskEither<StoreFailure, ChainReport> =>
  run(() => store.readAll(options.streamPrefix === undefined ? {} : { filter: { streamPrefix: options.streamPrefix } }), 'the log', options);

/**
 * Verifies one stream's hash chain as verifyChains would: its events are read (the one stream is held
 * in memory) and checked in global order, so that moved events are told apart from altered ones.
 */
export const verifyStream = (store: EventStore, streamName: string, options: Omit<VerifyOptions, 'streamPrefix'> = {}): TaskEither<StoreFailure, ChainReport> =>
  run(
    async () => {
      const events: RecordedEvent[] = [];
      for await (const event of store.readStream(streamName)) events.push(event);
      return events.sort((a, b) => a.globalPosition - b.globalPosition);
    },
    `stream ${streamName}`,
    { ...options, anchors: [...(options.anchors ?? [])].filter((anchor) => anchor.streamName === streamName) },
  );
