import * as E from 'fp-ts/lib/Either.js';
import data from './baseline.json' with { type: 'json' };
import { loadPolicy, type Policy } from './policy.js';

const load = (): Policy => {
  const loaded = loadPolicy(data);
  if (E.isLeft(loaded)) throw new Error(`the baseline policy file is invalid (a bug in baseline.json): ${loaded.left.message}`);
  return loaded.right;
};

/** The real scheme's baseline policy, loaded and validated from baseline.json (its id is its content hash). */
export const baselinePolicy: Policy = load();
