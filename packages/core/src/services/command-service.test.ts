import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { baselinePolicy, IsoDate, Period } from '@jamsos/domain';
import { createInMemoryEventStore } from '../store/memory/memory-store.js';
import { collect, leftOf, rightOf } from '../testing/helpers.js';
import { createCommandService, decodeCommand } from './command-service.js';

const gemetSekul = { type: 'regional-budget', regionId: '3672', programme: 'GEMET SEKUL', legalBasis: 'Perwal Cilegon 41/2024' };
const participantId = 'p-cilegon-0001';
const setup = () => {
  const store = createInMemoryEventStore();
  return { store, service: createCommandService({ store, clock: () => '2025-03-20T02:00:00.000Z', policy: baselinePolicy }) };
};

const enrolPaidUp = async (service: ReturnType<typeof setup>['service'], through: string) => {
  rightOf(await service.execute({ type: 'RegisterParticipant', participantId, nik: '3672011507850003', name: 'Ahmad Fauzi', birthDate: '1985-07-15', domicileRegionId: '3672', registeredOn: '2024-01-05' })());
  rightOf(
    await service.execute({
      type: 'EnrolParticipant',
      participantId,
      terms: { segment: 'BPU', declaredIncome: 1_000_000 },
      programmes: ['JKK', 'JKM'],
      branchId: 'KC-CILEGON',
      regionId: '3672',
      category: 'fisher',
      enrolledOn: '2024-01-05',
      firstPeriod: '2024-01',
      sponsor: gemetSekul,
    })(),
  );
  for (const period of Period.range(Period.of(2024, 1), through as Period))
    rightOf(await service.execute({ type: 'PayContribution', participantId, period, total: 16_800, payer: gemetSekul, paymentReference: `GEMET-${period}-0001`, paidOn: Period.day(period, 10) })());
};

describe('the command service', () => {
  it('carries a sponsored worker from enrolment to Rp42,000,000 paid to the widow', async () => {
    const { store, service } = setup();
    await enrolPaidUp(service, '2025-03');
    const heirs = [{ heirId: 'h1', name: 'Siti Aminah', relationship: 'spouse' }];
    rightOf(
      await service.execute({
        type: 'FileClaim',
        claimId: 'KLM-3672-2025-000001',
        participantId,
        programme: 'JKM',
        incident: { type: 'death', date: '2025-03-10', cause: 'not-work-related' },
        filedOn: '2025-03-12',
        branchId: 'KC-CILEGON',
        regionId: '3672',
        claimantName: 'Siti Aminah',
        heirs,
      })(),
    );
    const decided = rightOf(await service.execute({ type: 'DecideClaim', claimId: 'KLM-3672-2025-000001', decidedOn: '2025-03-14' })());
    expect(decided.events[0]).toMatchObject({ type: 'ClaimApproved', data: { total: 42_000_000 } });
    rightOf(await service.execute({ type: 'DisburseBenefit', claimId: 'KLM-3672-2025-000001', payee: { kind: 'heir', heirId: 'h1' }, amount: 42_000_000, reference: 'TRF-0001', disbursedOn: '2025-03-17' })());
    const disbursed = (await collect(store.readAll({ filter: { eventTypes: ['BenefitDisbursed'] } }))).map((e) => e.data);
    expect(disbursed).toEqual([expect.objectContaining({ amount: 42_000_000, payee: { kind: 'heir', heirId: 'h1' } })]);
    expect(await collect(store.readAll({ filter: { streamPrefix: 'participant-' } }))).toHaveLength(3 + 15);
  });

  it('is idempotent end to end: a repeated payment file appends nothing', async () => {
    const { store, service } = setup();
    await enrolPaidUp(service, '2024-06');
    const before = (await collect(store.readAll())).length;
    for (const period of Period.range(Period.of(2024, 1), Period.of(2024, 6)))
      expect(rightOf(await service.execute({ type: 'PayContribution', participantId, period, total: 16_800, payer: gemetSekul, paymentReference: `GEMET-${period}-0001`, paidOn: Period.day(period, 10) })()).appended).toBe(false);
    expect(await collect(store.readAll())).toHaveLength(before);
  });

  it('refuses a decision on a claim that was never filed', async () => {
    const { service } = setup();
    expect(leftOf(await service.execute({ type: 'DecideClaim', claimId: 'KLM-0000', decidedOn: '2025-01-01' })())).toEqual({ _tag: 'ClaimNotFiled' });
  });

  it('passes the decider\'s rejection through, and stores nothing', async () => {
    const { store, service } = setup();
    await enrolPaidUp(service, '2024-01');
    const before = (await collect(store.readAll())).length;
    const rejection = leftOf(await service.execute({ type: 'PayContribution', participantId, period: '2024-02', total: 15_000, payer: gemetSekul, paymentReference: 'GEMET-X', paidOn: '2024-02-10' })());
    expect(rejection).toMatchObject({ _tag: 'AmountDoesNotMatchPolicy', paid: 15_000 });
    expect(await collect(store.readAll())).toHaveLength(before);
  });
});

describe('several commands to one participant', () => {
  const register = { type: 'RegisterParticipant', participantId, nik: '3672011507850003', name: 'A', birthDate: '1985-07-15', domicileRegionId: '3672', registeredOn: '2024-01-05' };
  const enrol = { type: 'EnrolParticipant', participantId, terms: { segment: 'BPU', declaredIncome: 1_000_000 }, programmes: ['JKK', 'JKM'], branchId: 'KC-CILEGON', regionId: '3672', category: 'fisher', enrolledOn: '2024-01-05', firstPeriod: '2024-01' };
  const valid = (input: unknown) => rightOf(decodeCommand(input)) as Parameters<ReturnType<typeof setup>['service']['participants']>[0];
  it('appends all their events in one append, and recognises the repeat', async () => {
    const { store, service } = setup();
    const result = rightOf(await service.participantSequence([valid(register), valid(enrol)])());
    expect(result.events.map((e) => e.type)).toEqual(['ParticipantRegistered', 'ParticipantEnrolled']);
    expect(rightOf(await service.participantSequence([valid(register), valid(enrol)])()).appended).toBe(false);
    expect(await collect(store.readAll())).toHaveLength(2);
  });
  it('writes nothing when a later command is refused', async () => {
    const { store, service } = setup();
    const rejection = leftOf(await service.participantSequence([valid(register), valid({ ...enrol, firstPeriod: '2023-12' })])());
    expect(rejection).toMatchObject({ _tag: 'RejectedInSequence', index: 1, rejection: { _tag: 'FirstPeriodBeforeEnrolment' } });
    expect(await collect(store.readAll())).toEqual([]);
  });
});

describe('validating commands at the boundary', () => {
  const register = { type: 'RegisterParticipant', participantId, nik: '3672011507850003', name: 'A', birthDate: '1985-07-15', domicileRegionId: '3672', registeredOn: '2024-01-05' };
  it('names the field and the problem', () => {
    expect(leftOf(decodeCommand({ ...register, nik: '36720115078500' }))).toMatchObject({ _tag: 'InvalidCommand', problems: [{ path: 'nik', message: 'a NIK has 16 digits, got 14' }] });
    expect(leftOf(decodeCommand({ ...register, birthDate: '1985-02-30' })).message).toBe('birthDate: 1985-02-30 does not exist: 1985-02 has 28 days');
  });
  it('refuses a negative or fractional amount', () => {
    const pay = { type: 'PayContribution', participantId, period: '2024-02', payer: { type: 'self' }, paymentReference: 'REF-1', paidOn: '2024-02-10' };
    expect(leftOf(decodeCommand({ ...pay, total: -16_800 })).message).toContain('total: an amount of rupiah must be greater than zero');
    expect(leftOf(decodeCommand({ ...pay, total: 16_800.5 })).message).toContain('total: an amount of rupiah must be a whole number');
  });
  it('names an unknown command type', () => {
    expect(leftOf(decodeCommand({ type: 'PayEverything' })).message).toMatch(/^type: unknown command "PayEverything"; expected one of RegisterParticipant, /);
    expect(E.isLeft(decodeCommand(null))).toBe(true);
  });
  it('accepts every well-formed command', () => {
    expect(E.isRight(decodeCommand(register))).toBe(true);
    expect(E.isRight(decodeCommand({ type: 'RecordLabourForce', regionId: '3672', year: 2024, labourForce: 174_897, informalWorkers: 60_000, source: 'BPS Kota Cilegon', publishedOn: IsoDate.of(2024, 11, 5) }))).toBe(true);
  });
});
