import * as E from 'fp-ts/lib/Either.js';
import type { EventStore } from '@jamsos/core';
import {
  decodeEventTrusted,
  evolveParticipant,
  explainRejection,
  initialParticipantState,
  participantStreamName,
  protectionOn,
  type IsoDate,
  type ParticipantEvent,
  type ParticipantState,
  type Policy,
  type ProtectionEvidence,
  type ProtectionGap,
} from '@jamsos/domain';

/** A participant's state folded from their stream (an event that cannot be read is a thrown bug: the log is corrupt). */
export const participantState = async (store: EventStore, participantId: string): Promise<ParticipantState> => {
  let state = initialParticipantState;
  for await (const recorded of store.readStream(participantStreamName(participantId))) {
    const decoded = decodeEventTrusted({ type: recorded.type, schemaVersion: Number(recorded.metadata.schemaVersion), data: recorded.data });
    if (E.isLeft(decoded)) throw new Error(`${recorded.streamName}@${recorded.revision} cannot be read: ${decoded.left._tag}`);
    state = evolveParticipant(state, decoded.right as ParticipantEvent);
  }
  return state;
};

/** Whether one programme protected the worker on the date: the evidence, or the gap with a sentence. */
export type ProgrammeProtection =
  | { readonly programme: string; readonly protected: true; readonly evidence: ProtectionEvidence }
  | { readonly programme: string; readonly protected: false; readonly gap: ProtectionGap; readonly explanation: string };

/** GET /participants/{id}/protection: the participant's status, membership and protection per programme on a date. */
export interface ProtectionAnswer {
  readonly participantId: string;
  readonly asOf: IsoDate;
  readonly policy: { readonly id: string; readonly name: string };
  readonly status: ParticipantState['status'];
  /** Personal data (NIK, birth date) only for a caller allowed to read it; domicile and registration date always. */
  readonly identity?: { readonly nik?: string; readonly birthDate?: string; readonly domicileRegionId: string; readonly registeredOn: string };
  readonly enrolment?: {
    readonly segment: string;
    readonly terms: unknown;
    readonly programmes: ReadonlyArray<string>;
    readonly branchId: string;
    readonly regionId: string;
    readonly category: string;
    readonly enrolledOn: string;
    readonly firstPeriod: string;
  };
  readonly memberships: ReadonlyArray<{ readonly from: string; readonly since: string; readonly lapsedOn: string | null }>;
  readonly sponsorships: ReadonlyArray<{ readonly sponsor: unknown; readonly fromPeriod: string; readonly lastPeriod: string | null }>;
  readonly protection: ReadonlyArray<ProgrammeProtection>;
}

/** The protection answer for a folded state on a date, under the policy in force that day. */
export const protectionAnswer = (participantId: string, state: ParticipantState, asOf: IsoDate, policy: Policy, personalData: boolean): ProtectionAnswer => {
  const base = { participantId, asOf, policy: { id: policy.id, name: policy.name }, status: state.status };
  if (state.status === 'unregistered') return { ...base, memberships: [], sponsorships: [], protection: [] };
  const { nik, birthDate, domicileRegionId, registeredOn } = state.identity;
  const identity = personalData ? { nik, birthDate, domicileRegionId, registeredOn } : { domicileRegionId, registeredOn };
  if (state.status === 'registered') return { ...base, identity, memberships: [], sponsorships: [], protection: [] };
  const snapshot = policy.at(asOf);
  const { enrolment } = state;
  return {
    ...base,
    identity,
    enrolment: {
      segment: enrolment.terms.segment,
      terms: enrolment.terms,
      programmes: enrolment.programmes,
      branchId: enrolment.branchId,
      regionId: enrolment.regionId,
      category: enrolment.category,
      enrolledOn: enrolment.enrolledOn,
      firstPeriod: enrolment.firstPeriod,
    },
    memberships: state.memberships.map((m) => ({ from: m.from, since: m.since, lapsedOn: m.lapsedOn })),
    sponsorships: state.sponsorships.map((s) => ({ sponsor: s.sponsor, fromPeriod: s.fromPeriod, lastPeriod: s.lastPeriod })),
    protection: enrolment.programmes.map((programme): ProgrammeProtection => {
      const found = protectionOn(state, asOf, snapshot, programme);
      return E.isRight(found) ? { programme, protected: true, evidence: found.right } : { programme, protected: false, gap: found.left, explanation: explainRejection(found.left) };
    }),
  };
};
