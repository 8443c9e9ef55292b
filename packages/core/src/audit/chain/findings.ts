/** An event as a finding names it: its stream, its revision as stored, its id and its global position. */
export interface ChainEventRef {
  readonly streamName: string;
  readonly revision: number;
  readonly eventId: string;
  readonly globalPosition: number;
}

/** The event's stored hash does not match its content: its data, type, id, metadata or prev were edited. */
export interface EventAltered extends ChainEventRef {
  readonly _tag: 'EventAltered';
  readonly storedHash: string;
  /** The hash of the content as stored now. */
  readonly computedHash: string;
}

/**
 * Revisions `revision`..`toRevision` of a stream are missing. `next` is the first event after the gap,
 * whose prev is the hash of a missing event; without `next`, the stream's end was cut off (detected
 * against an anchor).
 */
export interface EventRemoved {
  readonly _tag: 'EventRemoved';
  readonly streamName: string;
  readonly revision: number;
  readonly toRevision: number;
  readonly next?: ChainEventRef;
}

/**
 * An event stored out of its place, intact: under another revision than the one it was hashed at
 * (`hashedAtRevision`: rows' revisions swapped or renumbered), or in the global log after an event of
 * a later revision of its stream (`storedAfter`: positions swapped, or an event moved).
 */
export interface EventsReordered extends ChainEventRef {
  readonly _tag: 'EventsReordered';
  readonly hashedAtRevision?: number;
  readonly storedAfter?: ChainEventRef;
}

/** An event without chain metadata: written before the chain, by another system, or its chain was deleted. */
export interface ChainMissing extends ChainEventRef {
  readonly _tag: 'ChainMissing';
}

/**
 * Why a chain is broken in another way:
 * - PrevMismatch: the event is intact and follows its predecessor's revision, but its prev is not the
 *   predecessor's hash (the predecessor or this event was rewritten and re-hashed, or events were
 *   removed and the stream renumbered);
 * - DuplicateRevision: a second event at a revision already seen;
 * - MalformedChain: metadata.chain is not a v1 link;
 * - NotHashable: the content is not JSON;
 * - AnchorMismatch: the event at an anchored revision no longer has the anchored hash (history rewritten).
 */
export type ChainBrokenReason = 'PrevMismatch' | 'DuplicateRevision' | 'MalformedChain' | 'NotHashable' | 'AnchorMismatch';

/** Anything else wrong with a chain, with the reason and a sentence of detail. */
export interface ChainBroken extends ChainEventRef {
  readonly _tag: 'ChainBroken';
  readonly reason: ChainBrokenReason;
  readonly detail: string;
}

/** What verifying the hash chains finds. */
export type ChainFinding = EventAltered | EventRemoved | EventsReordered | ChainMissing | ChainBroken;

/** The tags of the findings. */
export type ChainFindingTag = ChainFinding['_tag'];

const at = (e: ChainEventRef): string => `${e.streamName}@${e.revision} (event ${e.eventId}, position ${e.globalPosition})`;

/** A finding as one sentence, for reports. */
export const describeFinding = (finding: ChainFinding): string => {
  switch (finding._tag) {
    case 'EventAltered':
      return `${at(finding)} was altered: its content hashes to ${finding.computedHash}, not the stored ${finding.storedHash}`;
    case 'EventRemoved': {
      const which = finding.revision === finding.toRevision ? `revision ${finding.revision}` : `revisions ${finding.revision}..${finding.toRevision}`;
      return finding.next === undefined
        ? `${which} of ${finding.streamName} were removed from the stream's end (it ends before its anchor)`
        : `${which} of ${finding.streamName} were removed: ${at(finding.next)} links to a missing event`;
    }
    case 'EventsReordered':
      return finding.hashedAtRevision !== undefined
        ? `${at(finding)} is stored as revision ${finding.revision} but was hashed as revision ${finding.hashedAtRevision}`
        : `${at(finding)} is stored after ${finding.storedAfter === undefined ? 'a later event of its stream' : at(finding.storedAfter)}`;
    case 'ChainMissing':
      return `${at(finding)} has no hash chain`;
    case 'ChainBroken':
      return `${at(finding)}: ${finding.reason}: ${finding.detail}`;
  }
};

/** The global position a finding is sorted by: of the event it names, or of the event after a gap. */
export const findingPosition = (finding: ChainFinding): number =>
  finding._tag === 'EventRemoved' ? (finding.next?.globalPosition ?? Number.POSITIVE_INFINITY) : finding.globalPosition;
