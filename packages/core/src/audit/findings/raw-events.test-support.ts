/** Test helpers for the audit: raw appends that bypass the deciders, and a paid-up worker through the real command service. */
import * as E from 'fp-ts/lib/Either.js';
import {
  baselinePolicy,
  claimDecider,
  encodeEvent,
  evolveParticipant,
  initialParticipantState,
  Period,
  type ClaimEventOf,
  type JamsosEvent,
  type ParticipantEvent,
  type PolicyLookup,
} from '@jamsos/domain';
import { deterministicEventId } from '../../command/event-ids.js';
import { createCommandService, type CommandService } from '../../services/command-service.js';
import { createInMemoryEventStore } from '../../store/memory/memory-store.js';
import type { EventStore } from '../../store/types.js';

/** A stored event the catalogue may not read: any type, version and data. */
export interface UnreadableEvent {
  readonly unreadable: true;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
}

/** Appends events to a stream as another system would: encoded by the catalogue (or as given), no decider asked. */
export const rawAppender = (store: EventStore) => {
  let counter = 0;
  return async (streamName: string, ...events: ReadonlyArray<JamsosEvent | UnreadableEvent>) => {
    const toAppend = events.map((event) => {
      const stored = 'unreadable' in event ? event : encodeEvent(event);
      counter++;
      return {
        id: deterministicEventId(streamName, `raw-${counter}`, 0),
        type: stored.type,
        data: stored.data,
        metadata: { schemaVersion: stored.schemaVersion, recordedAt: '2025-06-01T00:00:00.000Z' },
      };
    });
    const result = await store.appendToStream(streamName, toAppend, { expectedRevision: 'any' })();
    if (E.isLeft(result)) throw new Error(`raw append failed: ${JSON.stringify(result.left)}`);
    return result.right;
  };
};

/** The approval the real claim decider gives a filed claim on a participant history (to append raw elsewhere). */
export const approvalFor = (
  filed: ClaimEventOf<'ClaimFiled'>,
  history: ReadonlyArray<ParticipantEvent>,
  decidedOn: string,
  policy: PolicyLookup = baselinePolicy,
): ClaimEventOf<'ClaimApproved'> => {
  const participant = history.reduce(evolveParticipant, initialParticipantState);
  const decided = claimDecider(policy).decide({ type: 'DecideClaim', claimId: filed.data.claimId, decidedOn: decidedOn as never, participant }, { status: 'filed', filed: filed.data });
  const event = E.isRight(decided) ? decided.right[0] : undefined;
  if (event?.type !== 'ClaimApproved') throw new Error(`expected an approval, got ${JSON.stringify(decided)}`);
  return event;
};

/** GEMET SEKUL, Cilegon's regional-budget sponsorship. */
export const gemetSekul = { type: 'regional-budget', regionId: '3672', programme: 'GEMET SEKUL', legalBasis: 'Perwal Cilegon 41/2024' } as const;

/** An in-memory store and the real command service over it. */
export const serviceOverMemory = (policy: PolicyLookup = baselinePolicy) => {
  const store = createInMemoryEventStore();
  return { store, service: createCommandService({ store, clock: () => '2025-06-01T00:00:00.000Z', policy }) };
};

const ok = async (task: () => Promise<E.Either<unknown, unknown>>): Promise<void> => {
  const result = await task();
  if (E.isLeft(result)) throw new Error(`command refused: ${JSON.stringify(result.left)}`);
};

/** Registers and enrols a BPU fisher and pays every month by the 10th through a month, through the command service. */
export const enrolPaidUp = async (
  service: CommandService,
  who: { readonly participantId: string; readonly nik: string; readonly branchId: string; readonly regionId: string; readonly self?: boolean },
  from: string,
  through: string,
): Promise<void> => {
  const { participantId, nik, branchId, regionId } = who;
  const payer = who.self === true ? { type: 'self' } : gemetSekul;
  await ok(service.execute({ type: 'RegisterParticipant', participantId, nik, name: 'Ahmad Fauzi', birthDate: '1985-07-15', domicileRegionId: regionId, registeredOn: `${from}-05` }));
  await ok(
    service.execute({
      type: 'EnrolParticipant',
      participantId,
      terms: { segment: 'BPU', declaredIncome: 1_000_000 },
      programmes: ['JKK', 'JKM'],
      branchId,
      regionId,
      category: 'fisher',
      enrolledOn: `${from}-05`,
      firstPeriod: from,
      ...(who.self === true ? {} : { sponsor: gemetSekul }),
    }),
  );
  for (const period of Period.range(from as Period, through as Period))
    await ok(service.execute({ type: 'PayContribution', participantId, period, total: 16_800, payer, paymentReference: `PAY-${participantId}-${period}`, paidOn: Period.day(period, 10) }));
};

/** Executes commands through the service, failing the test on any refusal. */
export const executeAll = async (service: CommandService, commands: ReadonlyArray<unknown>): Promise<void> => {
  for (const command of commands) await ok(service.execute(command));
};
