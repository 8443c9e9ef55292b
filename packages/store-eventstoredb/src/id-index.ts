/**
 * Where each event id of the store sits, kept by this adapter: EventStoreDB only de-duplicates ids
 * within a stream at an expected revision, while the port refuses an id used anywhere else.
 */
import type { EventStoreDBClient } from '@eventstore/db-client';
import type { StoredEventLocation } from '@jamsos/core';
import { readAll } from './read.js';

/** An in-memory index of event ids, caught up from `$all` before each append (ids and positions only). */
export class EventIdIndex {
  readonly #locations = new Map<string, StoredEventLocation>();
  #lastPosition: number | undefined;

  /** The position of the last (non-system) event indexed, or 0 for an empty log. */
  get lastPosition(): number {
    return this.#lastPosition ?? 0;
  }

  /** Where the id is stored, if it is. */
  get(id: string): StoredEventLocation | undefined {
    return this.#locations.get(id);
  }

  /** Reads `$all` strictly after the last indexed position and indexes what it finds. */
  async catchUp(client: EventStoreDBClient): Promise<void> {
    for await (const event of readAll(client, this.#lastPosition === undefined ? {} : { fromPosition: this.#lastPosition })) {
      this.#locations.set(event.id, { id: event.id, streamName: event.streamName, revision: event.revision, globalPosition: event.globalPosition });
      this.#lastPosition = event.globalPosition;
    }
  }
}
