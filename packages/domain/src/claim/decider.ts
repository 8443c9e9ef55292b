import type { Decider } from '../shared/decider.js';
import type { PolicyLookup } from '../participant/decide.js';
import type { ClaimCommand } from './commands.js';
import { decideClaim } from './decide.js';
import type { ClaimEvent } from './events.js';
import { evolveClaim } from './evolve.js';
import type { ClaimCommandRejection } from './rejections.js';
import { initialClaimState, type ClaimState } from './state.js';

/** The claim decider under a policy: filing, approval or rejection, and disbursement to payees. */
export const claimDecider = (policy: PolicyLookup): Decider<ClaimCommand, ClaimEvent, ClaimState, ClaimCommandRejection> => ({
  initialState: initialClaimState,
  decide: decideClaim(policy),
  evolve: evolveClaim,
});

/** The stream of one claim: "claim-<claim id>". */
export const claimStreamName = (claimId: string): string => `claim-${claimId}`;
