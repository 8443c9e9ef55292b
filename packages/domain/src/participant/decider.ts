import type { Decider } from '../shared/decider.js';
import type { ParticipantCommand } from './commands.js';
import { decideParticipant, type PolicyLookup } from './decide.js';
import type { ParticipantEvent } from './events.js';
import { evolveParticipant } from './evolve.js';
import type { ParticipantRejection } from './rejections.js';
import { initialParticipantState, type ParticipantState } from './state.js';

/** The participant decider under a policy: registration, enrolment, sponsorship, contributions, arrears and lapses. */
export const participantDecider = (policy: PolicyLookup): Decider<ParticipantCommand, ParticipantEvent, ParticipantState, ParticipantRejection> => ({
  initialState: initialParticipantState,
  decide: decideParticipant(policy),
  evolve: evolveParticipant,
});

/** The stream of one participant: "participant-<opaque id>" (never a NIK). */
export const participantStreamName = (participantId: string): string => `participant-${participantId}`;
