/** A projection's saved read model: its state as JSON, the projection version, and the last position folded. */
export interface ReadModelSnapshot {
  readonly version: number;
  readonly position: number;
  readonly state: unknown;
}

/**
 * Where read models and their checkpoints live. `save` writes the read model and its checkpoint in
 * one atomic step: after a crash either both are the new ones or both are the old ones.
 */
export interface ReadModelStore {
  load(name: string): Promise<ReadModelSnapshot | undefined>;
  save(name: string, snapshot: ReadModelSnapshot): Promise<void>;
}

/** Read models in memory, stored as JSON text so that they behave as a persisted copy would. */
export const createInMemoryReadModelStore = (): ReadModelStore & { readonly names: () => string[] } => {
  const saved = new Map<string, string>();
  return {
    load: async (name) => {
      const text = saved.get(name);
      return text === undefined ? undefined : (JSON.parse(text) as ReadModelSnapshot);
    },
    save: async (name, snapshot) => {
      saved.set(name, JSON.stringify(snapshot));
    },
    names: () => [...saved.keys()],
  };
};
