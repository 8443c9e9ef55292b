import { ReplayParticipant, type ParticipantState } from '@jamsos/domain';
import type { RecordedLog } from './recorded-log.js';
import { ParticipantStates } from './states.js';

/** A participant's counterfactual state (payments of the amount due applied in place, the contribution due kept per enrolment and policy interval: see ReplayParticipant). */
export class ParticipantSlot extends ReplayParticipant {
  /** @param id the participant's id */
  constructor(readonly id: string) {
    super();
  }

  /** A scenario injection paid for this participant (then a recorded payment's reference may be in the state). */
  paidByInjection = false;
}

/**
 * The replay's participants: by the number a RecordedLog gives each (an array index), else by id (the
 * injected workers, and any log given as events), with the one asked for last at hand (a log holds
 * runs of one participant's events, and a compare with its id is cheaper than a map lookup).
 */
export class ParticipantSlots {
  private readonly byId = new Map<string, ParticipantSlot>();
  private log: RecordedLog | undefined = undefined;
  private byNumber: Array<ParticipantSlot | undefined> = [];
  private lastSlot: ParticipantSlot | undefined = undefined;

  /** Replays a RecordedLog: its participants' slots are kept by number. */
  useLog(log: RecordedLog): void {
    this.log = log;
    // Sized once for every participant of the log (filled as they are met), not grown step by step.
    if (this.byNumber.length === 0) this.byNumber = new Array<ParticipantSlot | undefined>(log.participantIds.length);
  }

  /** The slot of a participant, if it has one. */
  find(participantId: string): ParticipantSlot | undefined {
    const last = this.lastSlot;
    if (last !== undefined && last.id === participantId) return last;
    const number = this.log?.participantNumbers.get(participantId);
    return number === undefined ? this.byId.get(participantId) : this.byNumber[number];
  }

  /** The slot of a participant, made on first use; it becomes the one asked for last. */
  get(participantId: string): ParticipantSlot {
    const last = this.lastSlot;
    if (last !== undefined && last.id === participantId) return last;
    const number = this.log?.participantNumbers.get(participantId);
    if (number !== undefined && this.log !== undefined) return this.focus(this.log, number);
    let slot = this.byId.get(participantId);
    if (slot === undefined) {
      slot = new ParticipantSlot(participantId);
      this.byId.set(participantId, slot);
    }
    this.lastSlot = slot;
    return slot;
  }

  /** The slot of the log's participant of a number, made on first use; it becomes the one asked for last, so lookups by its id need no map. */
  focus(log: RecordedLog, number: number): ParticipantSlot {
    if (log !== this.log) throw new Error('bug: focus on a log that is not the one replayed');
    let slot = this.byNumber[number];
    if (slot === undefined) {
      slot = new ParticipantSlot(log.participantIds[number] as string);
      this.byNumber[number] = slot;
    }
    this.lastSlot = slot;
    return slot;
  }

  /** Every participant's state, each built when read. */
  states(): ReadonlyMap<string, ParticipantState> {
    const { byId, byNumber, log } = this;
    let numbered = 0;
    for (const slot of byNumber) if (slot !== undefined) numbered++;
    function* slots(): Generator<readonly [string, ParticipantSlot]> {
      if (log !== undefined) for (const [n, slot] of byNumber.entries()) if (slot !== undefined) yield [log.participantIds[n] as string, slot];
      yield* byId;
    }
    return new ParticipantStates(slots, (id) => this.find(id), numbered + byId.size);
  }
}
