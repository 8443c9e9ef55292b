import * as E from 'fp-ts/lib/Either.js';
import type { RecordedEvent } from '../../store/types.js';
import { GENESIS_HASH, describeNotJson, eventHash, readChain } from './canonical.js';
import type { ChainFinding, ChainEventRef } from './findings.js';

/** A stream's last verified revision and the hash its next event must link to: an anchor for a later verification. */
export interface StreamHead {
  readonly streamName: string;
  readonly revision: number;
  readonly hash: string;
}

/** An event as the checker keeps it: where it is, the revision its hash attests, and its links. */
interface Entry {
  readonly ref: ChainEventRef;
  readonly revision: number;
  /** Its chain's prev; undefined for an event without a chain (nothing to check). */
  readonly prev: string | undefined;
  /** The hash the next event links to; undefined when unknown (nothing to check it against). */
  readonly link: string | undefined;
}

/** A gap settled as a removal before the end of the log; events arriving later in it were moved, not removed. */
interface Gap {
  from: number;
  to: number;
  readonly next: ChainEventRef;
}

/** What the checker keeps per stream: O(1) in a clean stream. */
interface StreamState {
  /** The lowest revision not yet accounted for. */
  next: number;
  /** The hash revision next - 1 links to (genesis before revision 0), undefined after a gap. */
  lastLink: string | undefined;
  last: ChainEventRef | undefined;
  /** Events read ahead of a missing revision, by the revision they attest: empty unless tampered with. */
  early: Map<number, Entry> | undefined;
  gaps: Gap[] | undefined;
}

/** Limits and anchors of a chain checker. */
export interface CheckerOptions {
  /** How many events, over all streams, may wait for a missing earlier revision before it is taken as removed. */
  readonly maxPending: number;
  /** Stream heads from an earlier verification: cut-off ends and rewritten histories are found against them. */
  readonly anchors?: ReadonlyMap<string, StreamHead>;
}

/** The chain checker: fed events in global order, it reports findings as it goes and at the end. */
export interface ChainChecker {
  readonly accept: (event: RecordedEvent) => void;
  /** Settles what is still open (removals, anchors); call once, after the last event. */
  readonly finish: () => void;
  readonly streamCount: () => number;
  readonly heads: () => StreamHead[];
}

const refOf = (event: RecordedEvent): ChainEventRef => ({ streamName: event.streamName, revision: event.revision, eventId: event.id, globalPosition: event.globalPosition });

/**
 * A checker that walks the log in global order keeping, per stream, only the next expected revision
 * and the hash it must link to. Events that arrive ahead of a missing revision wait (bounded by
 * `maxPending`): if the missing event arrives, it was stored out of order; if not, it was removed.
 */
export const createChainChecker = (emit: (finding: ChainFinding) => void, options: CheckerOptions): ChainChecker => {
  const streams = new Map<string, StreamState>();
  let pending = 0;

  const advance = (state: StreamState, entry: Entry): void => {
    if (entry.prev !== undefined && state.lastLink !== undefined && entry.prev !== state.lastLink) {
      const before = state.last === undefined ? 'genesis' : `the hash of revision ${state.last.revision} (event ${state.last.eventId})`;
      emit({ _tag: 'ChainBroken', ...entry.ref, reason: 'PrevMismatch', detail: `its prev ${entry.prev} is not ${before}, ${state.lastLink}` });
    }
    const anchor = options.anchors?.get(entry.ref.streamName);
    if (anchor !== undefined && anchor.revision === entry.revision && entry.link !== anchor.hash)
      emit({ _tag: 'ChainBroken', ...entry.ref, reason: 'AnchorMismatch', detail: `the anchor says revision ${anchor.revision} hashes to ${anchor.hash}, the stream now to ${entry.link ?? 'nothing'}` });
    state.next = entry.revision + 1;
    state.lastLink = entry.link;
    state.last = entry.ref;
  };

  const drain = (state: StreamState): void => {
    for (let entry = state.early?.get(state.next); entry !== undefined; entry = state.early?.get(state.next)) {
      state.early?.delete(state.next);
      pending--;
      advance(state, entry);
    }
  };

  /** Takes every revision still missing before the waiting events as removed (tentatively: a late arrival undoes it). */
  const settle = (state: StreamState): void => {
    while (state.early !== undefined && state.early.size > 0) {
      let lowest = Number.POSITIVE_INFINITY;
      for (const revision of state.early.keys()) if (revision < lowest) lowest = revision;
      const entry = state.early.get(lowest) as Entry;
      (state.gaps ??= []).push({ from: state.next, to: lowest - 1, next: entry.ref });
      state.next = lowest;
      state.lastLink = undefined; // its prev is the hash of a missing event: the gap is the finding
      drain(state);
    }
  };

  const earliestStored = (early: Map<number, Entry>): ChainEventRef => {
    let earliest: ChainEventRef | undefined;
    for (const entry of early.values()) if (earliest === undefined || entry.ref.globalPosition < earliest.globalPosition) earliest = entry.ref;
    return earliest as ChainEventRef;
  };

  const place = (state: StreamState, entry: Entry): void => {
    if (entry.revision === state.next) {
      if (state.early !== undefined && state.early.size > 0) emit({ _tag: 'EventsReordered', ...entry.ref, storedAfter: earliestStored(state.early) });
      advance(state, entry);
      drain(state);
    } else if (entry.revision > state.next) {
      const early = (state.early ??= new Map());
      const holder = early.get(entry.revision);
      if (holder !== undefined) {
        emit({ _tag: 'ChainBroken', ...entry.ref, reason: 'DuplicateRevision', detail: `revision ${entry.revision} is also held by event ${holder.ref.eventId} at position ${holder.ref.globalPosition}` });
        return;
      }
      early.set(entry.revision, entry);
      if (++pending > options.maxPending) settle(state);
    } else {
      const gap = state.gaps?.find((g) => g.from <= entry.revision && entry.revision <= g.to);
      if (gap === undefined) {
        emit({ _tag: 'ChainBroken', ...entry.ref, reason: 'DuplicateRevision', detail: `revision ${entry.revision} of the stream was already seen at a lower position` });
        return;
      }
      // Taken as removed, it turns up far from its place: moved. Its links are not checked (nothing was kept).
      emit({ _tag: 'EventsReordered', ...entry.ref, storedAfter: gap.next });
      if (gap.from === gap.to) state.gaps = state.gaps?.filter((g) => g !== gap);
      else if (entry.revision === gap.from) gap.from++;
      else if (entry.revision === gap.to) gap.to--;
      else {
        state.gaps?.push({ from: entry.revision + 1, to: gap.to, next: gap.next });
        gap.to = entry.revision - 1;
      }
    }
  };

  const accept = (event: RecordedEvent): void => {
    let state = streams.get(event.streamName);
    if (state === undefined) {
      state = { next: 0, lastLink: GENESIS_HASH, last: undefined, early: undefined, gaps: undefined };
      streams.set(event.streamName, state);
    }
    const ref = refOf(event);
    const entry = readChain(event.metadata);
    if (entry._tag !== 'Chained') {
      if (entry._tag === 'Malformed') {
        // What it linked to and what links to it are unknown: neither neighbour's link is checked.
        emit({ _tag: 'ChainBroken', ...ref, reason: 'MalformedChain', detail: `metadata.chain is ${entry.found}` });
        place(state, { ref, revision: event.revision, prev: undefined, link: undefined });
        return;
      }
      emit({ _tag: 'ChainMissing', ...ref });
      // What the writer links the next event to when this one has no chain: its hash from genesis.
      const legacy = eventHash(GENESIS_HASH, event);
      place(state, { ref, revision: event.revision, prev: undefined, link: E.isRight(legacy) ? legacy.right : undefined });
      return;
    }
    const { prev, hash } = entry.link;
    const computed = eventHash(prev, event);
    if (E.isLeft(computed)) {
      emit({ _tag: 'ChainBroken', ...ref, reason: 'NotHashable', detail: describeNotJson(computed.left) });
      place(state, { ref, revision: event.revision, prev, link: hash });
      return;
    }
    let revision = event.revision;
    if (computed.right !== hash) {
      // Intact but relabelled: the content hashes right at the revision this stream expects next.
      const relabelled = state.next !== event.revision ? eventHash(prev, { ...event, revision: state.next }) : undefined;
      if (relabelled !== undefined && E.isRight(relabelled) && relabelled.right === hash) {
        revision = state.next;
        emit({ _tag: 'EventsReordered', ...ref, hashedAtRevision: revision });
      } else emit({ _tag: 'EventAltered', ...ref, storedHash: hash, computedHash: computed.right });
    }
    place(state, { ref, revision, prev, link: hash });
  };

  const finish = (): void => {
    for (const [streamName, state] of streams) {
      settle(state);
      for (const gap of state.gaps ?? []) emit({ _tag: 'EventRemoved', streamName, revision: gap.from, toRevision: gap.to, next: gap.next });
    }
    for (const anchor of options.anchors?.values() ?? []) {
      const next = streams.get(anchor.streamName)?.next ?? 0;
      if (next <= anchor.revision) emit({ _tag: 'EventRemoved', streamName: anchor.streamName, revision: next, toRevision: anchor.revision });
    }
  };

  const heads = (): StreamHead[] => {
    const out: StreamHead[] = [];
    for (const [streamName, state] of streams) if (state.lastLink !== undefined && state.next > 0) out.push({ streamName, revision: state.next - 1, hash: state.lastLink });
    return out;
  };

  return { accept, finish, streamCount: () => streams.size, heads };
};
