import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { forgetParticipant, personalDataSchema, verifyChains, withHashChain, withPersonalDataEncryption } from '@jamsos/core';
import { collect, eventStoreContractSuite, keyringContractSuite, makeEvent, rightOf } from '@jamsos/core/testing';
import { openSqliteKeyring, type SqliteKeyring } from './keyring.js';
import { createSqliteEventStore } from './sqlite-store.js';
import { removeDatabase, tempDatabasePath } from './test-support.js';

const openKeyring = (path: string): SqliteKeyring => rightOf(openSqliteKeyring({ path }));

keyringContractSuite('SQLite keyring', async () => {
  const path = tempDatabasePath('keys');
  const keyring = openKeyring(path);
  return { keyring, teardown: async () => (await keyring.close(), removeDatabase(path)) };
});

// The store contract through the decorator on SQLite, with the contract's fields declared personal so
// that every test encrypts on append and decrypts on read, keys in their own file.
const contractSchema = personalDataSchema({ ContributionPaid: ['period', 'lines[].amount'], Tick: ['n'], A: ['lines[].amount'] }, () => 'p-contract');
eventStoreContractSuite('personal-data store over SQLite, keys in a SQLite file', async () => {
  const path = tempDatabasePath('pdp-contract');
  const keysPath = tempDatabasePath('pdp-contract-keys');
  const events = createSqliteEventStore({ path, pageSize: 97 });
  const keyring = openKeyring(keysPath);
  return {
    store: withPersonalDataEncryption(withHashChain(events), keyring, { schema: contractSchema }),
    teardown: async () => (await events.close(), await keyring.close(), removeDatabase(path), removeDatabase(keysPath)),
  };
}, { longStreamLength: 3_000 });

/** The bytes of a database file and its WAL (what is on disk for someone who copies the files). */
const fileBytes = (path: string): Buffer => Buffer.concat(['', '-wal'].filter((s) => existsSync(`${path}${s}`)).map((s) => readFileSync(`${path}${s}`)));

const keyOf = async (keyring: SqliteKeyring, participantId: string): Promise<Buffer> => {
  const state = rightOf(await keyring.obtain(participantId)());
  if (state._tag !== 'Active') throw new Error('expected an active key');
  return Buffer.from(state.key);
};

describe('SQLite keyring: the file', () => {
  const paths: string[] = [];
  const closers: Array<() => Promise<void>> = [];
  const temp = (label: string) => {
    const path = tempDatabasePath(label);
    paths.push(path);
    return path;
  };
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
    for (const path of paths.splice(0)) removeDatabase(path);
  });
  const opened = (path: string): SqliteKeyring => {
    const keyring = openKeyring(path);
    closers.push(keyring.close);
    return keyring;
  };

  it('given keys in the file, when one is forgotten, then its bytes are in neither the file nor its WAL, while the others still are', async () => {
    const path = temp('keys-wipe');
    const keyring = opened(path);
    const gone = await keyOf(keyring, 'p-gone');
    const kept = await keyOf(keyring, 'p-kept');
    for (let i = 0; i < 50; i++) await keyOf(keyring, `p-${i}`);
    expect(fileBytes(path).includes(gone)).toBe(true);
    expect(rightOf(await keyring.forget('p-gone', '2025-03-01T00:00:00.000Z')())).toEqual({ _tag: 'KeyDestroyed', forgottenAt: '2025-03-01T00:00:00.000Z', wiped: true });
    expect(fileBytes(path).includes(gone)).toBe(false);
    expect(fileBytes(path).includes(kept)).toBe(true);
    await keyring.close();
    expect(readFileSync(path).includes(gone)).toBe(false);
    expect(readFileSync(path).includes(kept)).toBe(true);
  });

  it('given a reader holding the WAL in another connection, when a key is forgotten, then it is destroyed but reported not yet wiped', async () => {
    const path = temp('keys-busy');
    const keyring = rightOf(openSqliteKeyring({ path, busyTimeoutMs: 100 }));
    closers.push(keyring.close);
    await keyOf(keyring, 'p-1');
    const reader = new Database(path);
    closers.push(async () => void reader.close());
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM participant_keys').get();
    expect(rightOf(await keyring.forget('p-1', '2025-03-01T00:00:00.000Z')())).toMatchObject({ _tag: 'KeyDestroyed', wiped: false });
    reader.exec('COMMIT');
    expect(rightOf(await keyring.lookup('p-1')())).toEqual({ _tag: 'Forgotten', forgottenAt: '2025-03-01T00:00:00.000Z' });
  });

  it('given a key file closed and opened again, then its id, keys and tombstones are kept', async () => {
    const path = temp('keys-reopen');
    const first = opened(path);
    const key = await keyOf(first, 'p-1');
    await keyOf(first, 'p-2');
    rightOf(await first.forget('p-2', '2025-03-01T00:00:00.000Z')());
    const id = first.id;
    await first.close();
    const again = opened(path);
    expect(again.id).toBe(id);
    expect((await keyOf(again, 'p-1')).equals(key)).toBe(true);
    expect(rightOf(await again.obtain('p-2')())).toEqual({ _tag: 'Forgotten', forgottenAt: '2025-03-01T00:00:00.000Z' });
    expect(again.counts()).toEqual({ keys: 1, forgotten: 1 });
  });

  it('given two connections to one file (two processes), when both make the first key of a participant, then they agree on one', async () => {
    const path = temp('keys-two');
    const a = opened(path);
    const b = opened(path);
    const [ka, kb] = await Promise.all([keyOf(a, 'p-1'), keyOf(b, 'p-1')]);
    expect(ka.equals(kb)).toBe(true);
  });

  it('given a path that cannot be opened, then a StoreFailure value', () => {
    const result = openSqliteKeyring({ path: '/nonexistent-dir/keys.db' });
    expect(result._tag).toBe('Left');
  });

  it('given a registration and a claim appended through the decorator on SQLite, then the events file holds no name, NIK or account, and the chain verifies before and after forgetting', async () => {
    const path = temp('pdp-events');
    const keysPath = temp('pdp-keys');
    const events = createSqliteEventStore({ path });
    closers.push(() => events.close());
    const store = withPersonalDataEncryption(withHashChain(events), opened(keysPath));
    const registered = { participantId: 'p-0001', nik: '3672011507850003', name: 'Ahmad Fauzi', birthDate: '1985-07-15', domicileRegionId: '3672', registeredOn: '2024-01-05' };
    rightOf(await store.appendToStream('participant-p-0001', [makeEvent('ParticipantRegistered', registered)], { expectedRevision: 'no_stream' })());
    const filed = {
      claimId: 'KLM-0001', participantId: 'p-0001', programme: 'JKM', incident: { type: 'death', date: '2025-03-10', cause: 'not-work-related' },
      filedOn: '2025-03-12', branchId: 'KC-CILEGON', regionId: '3672', claimantName: 'Siti Aminah', heirs: [{ heirId: 'h1', name: 'Siti Aminah', relationship: 'spouse', bankAccount: 'BRI 0123-01-000111' }],
    };
    rightOf(await store.appendToStream('claim-KLM-0001', [makeEvent('ClaimFiled', filed)], { expectedRevision: 'no_stream' })());
    const bytes = fileBytes(path).toString('latin1');
    for (const secret of ['Ahmad', 'Fauzi', 'Siti', 'Aminah', '3672011507850003', '1985-07-15', '0123-01-000111']) expect(bytes).not.toContain(secret);
    expect((await collect(store.readAll()))[0]?.data).toMatchObject({ name: 'Ahmad Fauzi' });
    expect(rightOf(await verifyChains(events)()).findings).toEqual([]);
    expect(rightOf(await forgetParticipant(store, 'p-0001', { clock: () => '2025-04-01T00:00:00.000Z' })())).toMatchObject({ _tag: 'Forgotten', keyDestroyed: true, wiped: true });
    expect(rightOf(await verifyChains(events)()).findings).toEqual([]);
    expect((await collect(store.readAll()))[0]?.data).toMatchObject({ name: '[redacted]' });
  });
});
