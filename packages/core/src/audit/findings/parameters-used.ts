import type { IsoDate, ParameterName, ParameterTypes, Policy, PolicyLookup, ResolvedSnapshot } from '@jamsos/domain';

/** One parameter a decision read: its value on the day it was read, and where that value comes from. */
export type ParameterUsed = {
  readonly [K in ParameterName]: {
    readonly name: K;
    /** The day the decision read it (the incident date, for a claim). */
    readonly at: IsoDate;
    /** undefined when the policy has no value for it on that day. */
    readonly value: ParameterTypes[K] | undefined;
    readonly legalRef: string | undefined;
    /** The day this value took effect. */
    readonly from: IsoDate | undefined;
    /** The confidence note of the value, when the policy file gives one. */
    readonly note: string | undefined;
  };
}[ParameterName];

/** A policy lookup that remembers every parameter read through it, and the list of what was read. */
export interface RecordingPolicy {
  readonly lookup: PolicyLookup;
  /** Each (parameter, day) read, in the order first read, with its value and source from the policy. */
  readonly used: () => ReadonlyArray<ParameterUsed>;
}

const describe = <K extends ParameterName>(snapshot: ResolvedSnapshot, name: K): ParameterUsed => {
  const source = snapshot.trySource(name);
  return { name, at: snapshot.at, value: snapshot.tryGet(name), legalRef: source?.legalRef, from: source?.from, note: source?.note } as ParameterUsed;
};

/**
 * Wraps a policy so that running a decider through it shows which parameters the decision needed: every
 * `get`, `source`, `tryGet` and `trySource` on a snapshot is recorded with the snapshot's day. The
 * values and sources are the policy's own; nothing is recomputed.
 */
export const recordingPolicy = (policy: Policy): RecordingPolicy => {
  const reads = new Map<string, { readonly name: ParameterName; readonly snapshot: ResolvedSnapshot }>();
  const note = (snapshot: ResolvedSnapshot, name: ParameterName): void => {
    const key = `${snapshot.at}|${name}`;
    if (!reads.has(key)) reads.set(key, { name, snapshot });
  };
  const at = (date: IsoDate): ResolvedSnapshot => {
    const snapshot = policy.at(date);
    return Object.freeze({
      ...snapshot,
      get: <K extends ParameterName>(name: K): ParameterTypes[K] => {
        note(snapshot, name);
        return snapshot.get(name);
      },
      source: (name: ParameterName) => {
        note(snapshot, name);
        return snapshot.source(name);
      },
      tryGet: <K extends ParameterName>(name: K): ParameterTypes[K] | undefined => {
        note(snapshot, name);
        return snapshot.tryGet(name);
      },
      trySource: (name: ParameterName) => {
        note(snapshot, name);
        return snapshot.trySource(name);
      },
    });
  };
  return {
    lookup: { id: policy.id, at },
    used: () => [...reads.values()].map(({ name, snapshot }) => describe(snapshot, name)),
  };
};
