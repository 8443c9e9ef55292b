import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { baselinePolicy, claimStreamName, decodeEvent, participantStreamName } from '@jamsos/domain';
import { verifyChains } from '../audit/chain/verify.js';
import { withHashChain } from '../audit/chain/with-hash-chain.js';
import { createCommandService } from '../services/command-service.js';
import { createInMemoryEventStore } from '../store/memory/memory-store.js';
import type { EventStore, RecordedEvent } from '../store/types.js';
import { eventStoreContractSuite } from '../testing/contract-suite.js';
import { collect, leftOf, makeEvent, rightOf } from '../testing/helpers.js';
import { isEnvelope, type Envelope } from './envelope.js';
import { PersonalDataReadError } from './errors.js';
import { createInMemoryKeyring, seededRandomBytes } from './keyring.js';
import { personalDataSchema, REDACTED_BIRTH_DATE, REDACTED_NIK, REDACTED_TEXT } from './schema.js';
import { withPersonalDataEncryption } from './with-personal-data-encryption.js';

eventStoreContractSuite('personal-data store over the memory store (jamsos schema)', async () => ({
  store: withPersonalDataEncryption(withHashChain(createInMemoryEventStore()), createInMemoryKeyring({ random: seededRandomBytes(1) }), { random: seededRandomBytes(2) }),
}));

// The contract's own events carry no jamsos personal data: here their fields are declared personal, so
// every contract test also runs through encryption on append and decryption on read.
const contractSchema = personalDataSchema({ ContributionPaid: ['period', 'lines[].amount'], Tick: ['n'], A: ['lines[].amount'] }, () => 'p-contract');
eventStoreContractSuite('personal-data store over the memory store (contract fields declared personal)', async () => ({
  store: withPersonalDataEncryption(createInMemoryEventStore(), createInMemoryKeyring(), { schema: contractSchema }),
}));

const NIK = '3672011507850003';
const NAME = 'Ahmad Fauzi';
const HEIR = 'Siti Aminah';
const clock = () => '2025-03-20T02:00:00.000Z';
const register = { type: 'RegisterParticipant', participantId: 'p-0001', nik: NIK, name: NAME, birthDate: '1985-07-15', domicileRegionId: '3672', registeredOn: '2024-01-05' };
const fileClaim = {
  type: 'FileClaim',
  claimId: 'KLM-1',
  participantId: 'p-0001',
  programme: 'JKM',
  incident: { type: 'death', date: '2025-03-10', cause: 'not-work-related' },
  filedOn: '2025-03-12',
  branchId: 'KC-CILEGON',
  regionId: '3672',
  claimantName: HEIR,
  heirs: [{ heirId: 'h1', name: HEIR, relationship: 'spouse', nik: '3672015507870002', bankAccount: 'BRI 0123-01-000111-50-9' }],
};

/** A store with the decorator outside the hash chain, a keyring, and the command service writing through it. */
const setup = () => {
  const inner = createInMemoryEventStore();
  const keyring = createInMemoryKeyring({ random: seededRandomBytes(11) });
  const store = withPersonalDataEncryption(withHashChain(inner), keyring, { random: seededRandomBytes(12) });
  return { inner, keyring, store, service: createCommandService({ store, clock, policy: baselinePolicy }) };
};

/** The store with the stored event at (stream, revision) replaced by `edit` of it. */
const editedStore = (base: EventStore, streamName: string, revision: number, edit: (event: RecordedEvent) => RecordedEvent): EventStore => {
  const change = (event: RecordedEvent) => (event.streamName === streamName && event.revision === revision ? edit(event) : event);
  const mapped = async function* (events: AsyncIterable<RecordedEvent>) {
    for await (const event of events) yield change(event);
  };
  return { ...base, readStream: (name, options) => mapped(base.readStream(name, options)), readAll: (options) => mapped(base.readAll(options)) };
};

describe('withPersonalDataEncryption', () => {
  it('given a registration and a claim, when stored, then every personal field is an envelope keyed by the participant and no plaintext reaches the store', async () => {
    const { inner, service } = setup();
    rightOf(await service.execute(register)());
    rightOf(await service.execute(fileClaim)());
    const stored = await collect(inner.readAll());
    const registered = stored[0]?.data as Record<string, unknown>;
    for (const field of ['nik', 'name', 'birthDate']) expect(registered[field]).toMatchObject({ $pdp: 1, kid: 'p-0001' });
    expect(registered).toMatchObject({ participantId: 'p-0001', domicileRegionId: '3672', registeredOn: '2024-01-05' });
    const filed = stored[1]?.data as { claimantName: unknown; heirs: ReadonlyArray<Record<string, unknown>> };
    expect(isEnvelope(filed.claimantName)).toBe(true);
    expect(filed.heirs[0]).toMatchObject({ heirId: 'h1', relationship: 'spouse' });
    for (const field of ['name', 'nik', 'bankAccount']) expect(isEnvelope(filed.heirs[0]?.[field])).toBe(true);
    const bytes = JSON.stringify(stored);
    for (const secret of [NIK, NAME, HEIR, '1985-07-15', '3672015507870002', '0123-01-000111']) expect(bytes).not.toContain(secret);
  });

  it('given encrypted events, when read through the decorator, then they read back exactly as written and decode with the catalogue', async () => {
    const { store, service } = setup();
    rightOf(await service.execute(register)());
    rightOf(await service.execute(fileClaim)());
    const [registered] = await collect(store.readStream(participantStreamName('p-0001')));
    expect(registered?.data).toEqual({ participantId: 'p-0001', nik: NIK, name: NAME, birthDate: '1985-07-15', domicileRegionId: '3672', registeredOn: '2024-01-05' });
    const [filed] = await collect(store.readStream(claimStreamName('KLM-1')));
    const { type: _type, ...claimData } = fileClaim;
    expect(filed?.data).toEqual(claimData);
    for (const event of await collect(store.readAll())) expect(E.isRight(decodeEvent({ type: event.type, schemaVersion: event.metadata.schemaVersion, data: event.data }))).toBe(true);
  });

  it('given the decorator outside the hash chain, when a key is destroyed, then the chain verifies before and after, over the ciphertext', async () => {
    const { inner, keyring, store, service } = setup();
    rightOf(await service.execute(register)());
    rightOf(await service.execute(fileClaim)());
    expect(rightOf(await verifyChains(inner)()).findings).toEqual([]);
    const before = JSON.stringify(await collect(inner.readAll()));
    rightOf(await keyring.forget('p-0001', clock())());
    expect(JSON.stringify(await collect(inner.readAll()))).toBe(before);
    expect(rightOf(await verifyChains(inner)()).findings).toEqual([]);
    expect(rightOf(await verifyChains(store.stored)()).findings).toEqual([]);
  });

  it('given a forgotten participant, when read, then personal fields are codec-valid placeholders and every other field is unchanged', async () => {
    const { keyring, store, service } = setup();
    rightOf(await service.execute(register)());
    rightOf(await service.execute(fileClaim)());
    rightOf(await keyring.forget('p-0001', clock())());
    const [registered, filed] = await collect(store.readAll());
    expect(registered?.data).toEqual({ participantId: 'p-0001', nik: REDACTED_NIK, name: REDACTED_TEXT, birthDate: REDACTED_BIRTH_DATE, domicileRegionId: '3672', registeredOn: '2024-01-05' });
    expect(filed?.data).toMatchObject({ claimantName: REDACTED_TEXT, heirs: [{ heirId: 'h1', name: REDACTED_TEXT, relationship: 'spouse', nik: REDACTED_NIK, bankAccount: REDACTED_TEXT }], programme: 'JKM', branchId: 'KC-CILEGON' });
    for (const event of [registered, filed]) expect(E.isRight(decodeEvent({ type: event?.type ?? '', schemaVersion: 1, data: event?.data }))).toBe(true);
  });

  it('given a retried command (same deterministic ids, fresh random IVs), when executed again, then nothing is appended twice', async () => {
    const { inner, store, service } = setup();
    const first = rightOf(await service.execute(register)());
    expect(first.appended).toBe(true);
    expect(rightOf(await service.execute(register)()).appended).toBe(false);
    // The same events appended again directly, re-encrypted under new IVs: acknowledged by id, stored once.
    const [stored] = await collect(store.readAll());
    const again = { id: stored?.id ?? '', type: 'ParticipantRegistered', data: stored?.data, metadata: { schemaVersion: 1, recordedAt: clock() } };
    const ack = rightOf(await store.appendToStream(participantStreamName('p-0001'), [again], { expectedRevision: 'no_stream' })());
    expect(ack.nextExpectedRevision).toBe(0);
    expect(rightOf(await store.appendToStream(participantStreamName('p-0001'), [again], { expectedRevision: 'any' })()).nextExpectedRevision).toBe(0);
    expect(await collect(inner.readAll())).toHaveLength(1);
  });

  it('given a forgotten participant, when a command needs their identity or adds personal data of theirs, then it is refused with a typed error, not a crash', async () => {
    const { keyring, service } = setup();
    rightOf(await service.execute(register)());
    rightOf(await keyring.forget('p-0001', clock())());
    // The registration cannot be compared any more: the decider answers AlreadyRegistered.
    expect(leftOf(await service.execute(register)())).toMatchObject({ _tag: 'AlreadyRegistered' });
    const refused = leftOf(await service.execute(fileClaim)());
    expect(refused).toMatchObject({ _tag: 'InvalidAppend' });
    expect(JSON.stringify(refused)).toContain('forgotten');
    expect(JSON.stringify(refused)).not.toContain(HEIR);
  });

  it('given a stored ciphertext altered, when read, then a PersonalDataReadError with CiphertextRejected names the field, without any value', async () => {
    const { inner, keyring } = setup();
    const chained = withPersonalDataEncryption(inner, keyring);
    rightOf(await createCommandService({ store: chained, clock, policy: baselinePolicy }).execute(register)());
    const tampered = editedStore(inner, participantStreamName('p-0001'), 0, (event) => {
      const data = event.data as { name: Envelope };
      const ct = Buffer.from(data.name.ct, 'base64');
      ct[0] = (ct[0] ?? 0) ^ 0xff;
      return { ...event, data: { ...data, name: { ...data.name, ct: ct.toString('base64') } } };
    });
    const read = withPersonalDataEncryption(tampered, keyring);
    const error = await collect(read.readAll()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PersonalDataReadError);
    expect((error as PersonalDataReadError).problem).toMatchObject({ _tag: 'CiphertextRejected', streamName: 'participant-p-0001', revision: 0, path: 'name', kid: 'p-0001' });
    expect((error as Error).message).not.toContain(NAME);
  });

  it('given a ciphertext copied from one event into another, when read, then it is rejected (the event id and path are bound)', async () => {
    const { inner, keyring } = setup();
    const store = withPersonalDataEncryption(inner, keyring);
    const service = createCommandService({ store, clock, policy: baselinePolicy });
    rightOf(await service.execute(register)());
    rightOf(await service.execute(fileClaim)());
    const [registered] = await collect(inner.readAll());
    const moved = editedStore(inner, claimStreamName('KLM-1'), 0, (event) => ({ ...event, data: { ...(event.data as object), claimantName: (registered?.data as { name: Envelope }).name } }));
    const error = await collect(withPersonalDataEncryption(moved, keyring).readStream(claimStreamName('KLM-1'))).catch((e: unknown) => e);
    expect((error as PersonalDataReadError).problem).toMatchObject({ _tag: 'CiphertextRejected', path: 'claimantName' });
  });

  it('given an envelope whose key the keyring never had (a foreign key file), when read, then KeyMissing, not a silent redaction', async () => {
    const { inner, service } = setup();
    rightOf(await service.execute(register)());
    const error = await collect(withPersonalDataEncryption(inner, createInMemoryKeyring()).readAll()).catch((e: unknown) => e);
    expect((error as PersonalDataReadError).problem).toMatchObject({ _tag: 'KeyMissing', kid: 'p-0001' });
  });

  it('given events stored in plaintext before encryption, when read, then they read as they are, and new events of the same participant are encrypted', async () => {
    const inner = createInMemoryEventStore();
    rightOf(await createCommandService({ store: inner, clock, policy: baselinePolicy }).execute(register)());
    const store = withPersonalDataEncryption(inner, createInMemoryKeyring());
    const [legacy] = await collect(store.readAll());
    expect(legacy?.data).toMatchObject({ nik: NIK, name: NAME });
    rightOf(await createCommandService({ store, clock, policy: baselinePolicy }).execute(fileClaim)());
    const [, filed] = await collect(inner.readAll());
    expect(isEnvelope((filed?.data as { claimantName: unknown }).claimantName)).toBe(true);
  });

  it('given personal data without a participant id, or a value that is not JSON, when appended, then InvalidAppend without the value, and nothing is stored', async () => {
    const inner = createInMemoryEventStore();
    const store = withPersonalDataEncryption(inner, createInMemoryKeyring());
    const noSubject = leftOf(await store.appendToStream('participant-x', [makeEvent('ParticipantRegistered', { nik: NIK, name: NAME })], { expectedRevision: 'any' })());
    expect(noSubject).toMatchObject({ _tag: 'InvalidAppend' });
    expect(JSON.stringify(noSubject)).not.toContain(NIK);
    const notJson = leftOf(await store.appendToStream('participant-x', [makeEvent('ParticipantRegistered', { participantId: 'p-000x', nik: NIK, name: 10n })], { expectedRevision: 'any' })());
    expect(notJson).toMatchObject({ _tag: 'InvalidAppend', message: 'event 0 (ParticipantRegistered): the personal-data field name is not JSON' });
    expect(await collect(inner.readAll())).toEqual([]);
  });

  it('given an invalid batch, when appended, then no key is made for it', async () => {
    const keyring = createInMemoryKeyring();
    const store = withPersonalDataEncryption(createInMemoryEventStore(), keyring);
    const event = makeEvent('ParticipantRegistered', { participantId: 'p-000x', name: NAME });
    expect(leftOf(await store.appendToStream('participant-x', [event, event], { expectedRevision: 'any' })())._tag).toBe('InvalidAppend');
    expect(keyring.size()).toEqual({ keys: 0, forgotten: 0 });
  });

  it('given the redacted view, when read, then every personal field is its placeholder, without asking the keyring, and appends still encrypt', async () => {
    const { inner, keyring, store, service } = setup();
    rightOf(await service.execute(register)());
    let lookups = 0;
    const counting = { ...keyring, lookup: (id: string) => ((lookups += 1), keyring.lookup(id)) };
    const view = withPersonalDataEncryption(withHashChain(inner), counting).redacted;
    rightOf(await createCommandService({ store: view, clock, policy: baselinePolicy }).execute(fileClaim)());
    const [registered, filed] = await collect(view.readAll());
    expect(registered?.data).toEqual({ participantId: 'p-0001', nik: REDACTED_NIK, name: REDACTED_TEXT, birthDate: REDACTED_BIRTH_DATE, domicileRegionId: '3672', registeredOn: '2024-01-05' });
    expect(filed?.data).toMatchObject({ claimantName: REDACTED_TEXT });
    expect(lookups).toBe(0);
    expect((await collect(store.readAll()))[1]?.data).toMatchObject({ claimantName: HEIR });
    expect(JSON.stringify(await collect(inner.readAll()))).not.toContain(HEIR);
  });

  it("given reads: 'redact', when read, then the store reads as its redacted view, and reveal redacts too", async () => {
    const { inner, keyring, service } = setup();
    rightOf(await service.execute(register)());
    const store = withPersonalDataEncryption(inner, keyring, { reads: 'redact' });
    const [registered] = await collect(store.readAll());
    expect(registered?.data).toMatchObject({ nik: REDACTED_NIK, name: REDACTED_TEXT });
    expect(await collect(store.readAll())).toEqual(await collect(store.redacted.readAll()));
    expect((await store.reveal((await collect(inner.readAll()))[0] as RecordedEvent)).data).toEqual(registered?.data);
  });

  it('given batched reads, then the decrypting view reveals in batches and offers no fold read (it could not open envelopes), and the redacted views fold placeholders, never envelopes', async () => {
    const { inner, keyring, store, service } = setup();
    rightOf(await service.execute(register)());
    rightOf(await service.execute(fileClaim)());
    const flat = async <T>(batches: AsyncIterable<ReadonlyArray<T>> | undefined): Promise<T[]> => (await collect(batches as AsyncIterable<ReadonlyArray<T>>)).flat();
    const toFold = ({ type, data, metadata, globalPosition }: RecordedEvent) => ({ type, data, metadata, globalPosition });
    expect(await flat(store.readAllBatches?.({ batchSize: 1 }))).toEqual(await collect(store.readAll()));
    expect(store.readAllToFold).toBeUndefined();
    const redactOnly = withPersonalDataEncryption(inner, keyring, { reads: 'redact' });
    for (const view of [store.redacted, redactOnly]) {
      // A fold read may yield whole events (a store without its own readAllToFold): compared as folds.
      const folded = await flat(view.readAllToFold?.({ batchSize: 1 }));
      expect(folded.map((e) => toFold(e as RecordedEvent))).toEqual((await collect(store.redacted.readAll())).map(toFold));
      expect(await flat(view.readAllBatches?.())).toEqual(await collect(store.redacted.readAll()));
      expect(JSON.stringify(folded)).not.toContain('$pdp');
      expect(folded[0]?.data).toMatchObject({ nik: REDACTED_NIK, name: REDACTED_TEXT });
    }
  });

  it('given a read broken off early, then the stored read is released (a later append goes through)', async () => {
    const { store, service } = setup();
    rightOf(await service.execute(register)());
    for await (const _ of store.readAll()) break;
    rightOf(await service.execute(fileClaim)());
    expect(await collect(store.readAll())).toHaveLength(2);
  });
});
