/** The most entries one V8 Map holds (2^24); beyond it `set` throws. */
const MAX_MAP_SIZE = 16_777_216;

/**
 * A string-keyed map that grows past one Map's limit of 2^24 entries by chaining Maps: a lookup asks
 * each in turn (one Map per 16.7 million keys). Insert-only, which is all the audit's indexes need.
 */
export class ChunkedMap<V> {
  private readonly chunks: Array<Map<string, V>> = [new Map()];

  constructor(private readonly chunkSize: number = MAX_MAP_SIZE - 1) {}

  /** The value of a key, if present. */
  get(key: string): V | undefined {
    for (const chunk of this.chunks) {
      const value = chunk.get(key);
      if (value !== undefined) return value;
    }
    return undefined;
  }

  /** Adds a key that is not present yet (the caller checked with `get`). */
  add(key: string, value: V): void {
    let last = this.chunks[this.chunks.length - 1] as Map<string, V>;
    if (last.size >= this.chunkSize) {
      last = new Map();
      this.chunks.push(last);
    }
    last.set(key, value);
  }

  /** How many keys it holds. */
  get size(): number {
    return this.chunks.reduce((n, c) => n + c.size, 0);
  }
}
