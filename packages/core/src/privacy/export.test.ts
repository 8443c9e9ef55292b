import { describe, expect, it } from 'vitest';
import { baselinePolicy, claimStreamName, participantStreamName } from '@jamsos/domain';
import { withHashChain } from '../audit/chain/with-hash-chain.js';
import { createCommandService } from '../services/command-service.js';
import { createInMemoryEventStore } from '../store/memory/memory-store.js';
import type { EventStore } from '../store/types.js';
import { leftOf, rightOf } from '../testing/helpers.js';
import { exportParticipant, PARTICIPANT_EXPORT_FORMAT } from './export.js';
import { forgetParticipant } from './forget.js';
import { createInMemoryKeyring } from './keyring.js';
import { withPersonalDataEncryption } from './with-personal-data-encryption.js';

const clock = () => '2025-03-20T02:00:00.000Z';
const gemetSekul = { type: 'regional-budget', regionId: '3672', programme: 'GEMET SEKUL', legalBasis: 'Perwal Cilegon 41/2024' };
const person = (participantId: string, nik: string, name: string) => ({ type: 'RegisterParticipant', participantId, nik, name, birthDate: '1985-07-15', domicileRegionId: '3672', registeredOn: '2024-01-05' });
const enrol = (participantId: string) => ({
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
});
const claim = {
  type: 'FileClaim',
  claimId: 'KLM-0001',
  participantId: 'p-0001',
  programme: 'JKM',
  incident: { type: 'death', date: '2024-03-10', cause: 'not-work-related' },
  filedOn: '2024-03-12',
  branchId: 'KC-CILEGON',
  regionId: '3672',
  claimantName: 'Siti Aminah',
  heirs: [{ heirId: 'h1', name: 'Siti Aminah', relationship: 'spouse', bankAccount: 'BRI 0123' }],
};

/** Two participants, the first with payments and a decided, paid claim. */
const setup = async () => {
  const inner = createInMemoryEventStore();
  const store = withPersonalDataEncryption(withHashChain(inner), createInMemoryKeyring());
  const service = createCommandService({ store, clock, policy: baselinePolicy });
  const commands = [
    person('p-0001', '3672011507850003', 'Ahmad Fauzi'),
    enrol('p-0001'),
    ...['2024-01', '2024-02', '2024-03'].map((period) => ({ type: 'PayContribution', participantId: 'p-0001', period, total: 16_800, payer: gemetSekul, paymentReference: `GEMET-${period}-0001`, paidOn: `${period}-10` })),
    person('p-0002', '3672011507850004', 'Budi Santoso'),
    claim,
    { type: 'DecideClaim', claimId: 'KLM-0001', decidedOn: '2024-03-14' },
  ];
  for (const command of commands) rightOf(await service.execute(command)());
  return { inner, store };
};

describe('exportParticipant (data-subject access)', () => {
  it('given a participant with a claim, when exported, then their stream and their claim stream, every event in log order, personal fields decrypted and marked, nothing of anyone else', async () => {
    const { store } = await setup();
    const exported = rightOf(await exportParticipant(store, 'p-0001')());
    expect(exported).toMatchObject({ format: PARTICIPANT_EXPORT_FORMAT, participantId: 'p-0001', key: { state: 'active' }, streams: [participantStreamName('p-0001'), claimStreamName('KLM-0001')] });
    expect(exported.events.map((e) => e.type)).toEqual(['ParticipantRegistered', 'ParticipantEnrolled', 'SponsorshipStarted', 'ContributionPaid', 'ContributionPaid', 'ContributionPaid', 'ClaimFiled', 'ClaimApproved']);
    const positions = exported.events.map((e) => e.globalPosition);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(exported.events[0]).toMatchObject({ data: { nik: '3672011507850003', name: 'Ahmad Fauzi', birthDate: '1985-07-15' }, personalData: { nik: 'decrypted', name: 'decrypted', birthDate: 'decrypted' } });
    expect(exported.events[6]).toMatchObject({ data: { claimantName: 'Siti Aminah', heirs: [{ name: 'Siti Aminah', bankAccount: 'BRI 0123' }] }, personalData: { claimantName: 'decrypted', 'heirs[0].name': 'decrypted', 'heirs[0].bankAccount': 'decrypted' } });
    expect(exported.events[0]?.metadata).toEqual({ schemaVersion: 1, recordedAt: clock() });
    expect(JSON.stringify(exported)).not.toContain('Budi');
  });

  it('given the participant forgotten, when exported, then the same events, every personal field "[redacted]" and marked redacted, and the key forgotten with its date', async () => {
    const { store } = await setup();
    const before = rightOf(await exportParticipant(store, 'p-0001')());
    rightOf(await forgetParticipant(store, 'p-0001', { clock })());
    const after = rightOf(await exportParticipant(store, 'p-0001')());
    expect(after.key).toEqual({ state: 'forgotten', forgottenAt: clock() });
    expect(after.events.map((e) => e.id)).toEqual(before.events.map((e) => e.id));
    expect(after.events[0]).toMatchObject({ data: { nik: '[redacted]', name: '[redacted]', birthDate: '[redacted]', domicileRegionId: '3672' }, personalData: { nik: 'redacted', name: 'redacted', birthDate: 'redacted' } });
    expect(JSON.stringify(after)).not.toMatch(/Ahmad|Siti|3672011507850003|BRI 0123/);
    expect(after.events.slice(1, 6)).toEqual(before.events.slice(1, 6));
  });

  it('given a stored ciphertext altered, when exported, then the typed problem as a value, naming the field', async () => {
    const { inner, store } = await setup();
    const altered: EventStore = {
      ...inner,
      readStream: (name, options) =>
        (async function* () {
          for await (const event of inner.readStream(name, options)) {
            if (event.type !== 'ParticipantRegistered') yield event;
            else {
              const data = event.data as { nik: { tag: string } };
              yield { ...event, data: { ...data, nik: { ...data.nik, tag: Buffer.alloc(16).toString('base64') } } };
            }
          }
        })(),
    };
    const tampered = withPersonalDataEncryption(altered, store.keyring);
    expect(leftOf(await exportParticipant(tampered, 'p-0001')())).toMatchObject({ _tag: 'CiphertextRejected', path: 'nik', kid: 'p-0001', streamName: 'participant-p-0001' });
  });

  it('given an id the store does not know, when exported, then UnknownParticipant', async () => {
    const { store } = await setup();
    expect(leftOf(await exportParticipant(store, 'p-9999')())).toEqual({ _tag: 'UnknownParticipant', participantId: 'p-9999' });
  });

  it('given a participant stored in plaintext before encryption, when exported, then the fields are marked plaintext and the key none', async () => {
    const inner = createInMemoryEventStore();
    rightOf(await createCommandService({ store: inner, clock, policy: baselinePolicy }).execute(person('p-0003', '3672011507850005', 'Citra Dewi'))());
    const exported = rightOf(await exportParticipant(withPersonalDataEncryption(inner, createInMemoryKeyring()), 'p-0003')());
    expect(exported.key).toEqual({ state: 'none' });
    expect(exported.events[0]).toMatchObject({ data: { name: 'Citra Dewi' }, personalData: { nik: 'plaintext', name: 'plaintext', birthDate: 'plaintext' } });
  });
});
