import type { ParticipantState } from '@jamsos/domain';

/** What holds a participant's state in a replay. */
interface Slot {
  readonly state: ParticipantState;
}

/**
 * The participant states a replay leaves behind, as a read-only map whose states are built when read
 * (the replay notes payments and builds a state only when asked: see ReplayParticipant), so a replay
 * whose states nobody reads never builds them.
 */
export class ParticipantStates implements ReadonlyMap<string, ParticipantState> {
  /**
   * @param slots every participant's slot, by id (in no particular order)
   * @param find the slot of one participant
   * @param size how many there are
   */
  constructor(
    private readonly slots: () => Iterable<readonly [string, Slot]>,
    private readonly find: (participantId: string) => Slot | undefined,
    readonly size: number,
  ) {}

  get(participantId: string): ParticipantState | undefined {
    return this.find(participantId)?.state;
  }

  has(participantId: string): boolean {
    return this.find(participantId) !== undefined;
  }

  forEach(callback: (state: ParticipantState, participantId: string, map: ReadonlyMap<string, ParticipantState>) => void, thisArg?: unknown): void {
    for (const [id, slot] of this.slots()) callback.call(thisArg, slot.state, id, this);
  }

  *entries(): MapIterator<[string, ParticipantState]> {
    for (const [id, slot] of this.slots()) yield [id, slot.state];
  }

  *keys(): MapIterator<string> {
    for (const [id] of this.slots()) yield id;
  }

  *values(): MapIterator<ParticipantState> {
    for (const [, slot] of this.slots()) yield slot.state;
  }

  [Symbol.iterator](): MapIterator<[string, ParticipantState]> {
    return this.entries();
  }
}
