import * as E from 'fp-ts/lib/Either.js';
import { runProjection } from '@jamsos/core';
import { coverageProjection, fundProjection, type CoverageState, type FundState } from '@jamsos/projections';
import type { Context } from './context/index.js';
import { progressBar } from './format/progress.js';

/** The read models, caught up with the store. */
export interface ReadModels {
  readonly coverage: CoverageState;
  readonly fund: FundState;
  /** The newest date any event speaks of: the default "as of" date. */
  readonly processed: number;
}

/** A projection that could not catch up, in words. */
export class ProjectionFailed extends Error {
  override readonly name = 'ProjectionFailed';
}

/** Catches the coverage and fund read models up with the store (with a progress bar on a terminal). */
export const catchUp = async (context: Context): Promise<ReadModels> => {
  const progress = progressBar('updating read models');
  const run = async <S>(projection: Parameters<typeof runProjection<S>>[0]['projection']) => {
    // The read models hold no personal data: read redacted (no key lookups, no decryption, and the
    // store's batched reads for folding).
    const result = await runProjection({ store: context.store.redacted, readModels: context.readModels, projection, onProgress: (n) => progress.update(n), progressEvery: 5_000 })();
    if (E.isLeft(result)) {
      const error = result.left;
      const why = error._tag === 'StoreFailure' ? `${error.message}${error.cause instanceof Error ? `: ${error.cause.message.replace(/\s+/g, ' ').trim()}` : ''}` : `${error.type} at position ${error.globalPosition}: ${error.reason}`;
      throw new ProjectionFailed(`the ${projection.name} read model could not catch up: ${why}`);
    }
    return result.right;
  };
  const coverage = await run(coverageProjection);
  const fund = await run(fundProjection);
  progress.finish();
  return { coverage: coverage.state, fund: fund.state, processed: coverage.processed + fund.processed };
};
