import { describe, expect, it } from 'vitest';
import { baselinePolicy } from '@jamsos/domain';
import { pollingSubscription, type LogMessage } from '../projection/subscription.js';
import { createCommandService } from '../services/command-service.js';
import { createInMemoryEventStore } from '../store/memory/memory-store.js';
import { rightOf } from '../testing/helpers.js';
import { createInMemoryKeyring } from './keyring.js';
import { revealingSubscription } from './subscription.js';
import { withPersonalDataEncryption } from './with-personal-data-encryption.js';

describe('revealingSubscription', () => {
  it("given a backend feed of stored events, when wrapped, then events arrive decrypted, and redacted after forgetting, with the feed's other messages untouched", async () => {
    const inner = createInMemoryEventStore();
    const keyring = createInMemoryKeyring();
    const store = withPersonalDataEncryption(inner, keyring);
    const register = { type: 'RegisterParticipant', participantId: 'p-0001', nik: '3672011507850003', name: 'Ahmad Fauzi', birthDate: '1985-07-15', domicileRegionId: '3672', registeredOn: '2024-01-05' };
    rightOf(await createCommandService({ store, clock: () => '2025-01-01T00:00:00.000Z', policy: baselinePolicy }).execute(register)());
    const firstTwo = async (): Promise<LogMessage[]> => {
      const subscription = revealingSubscription(pollingSubscription(inner, { intervalMs: 5 }), store)({ eventTypes: ['ParticipantRegistered'] });
      const messages: LogMessage[] = [];
      for await (const message of subscription) if (messages.push(message) === 2) break;
      await subscription.close();
      return messages;
    };
    const [event, caughtUp] = await firstTwo();
    expect(event).toMatchObject({ kind: 'event', event: { data: { name: 'Ahmad Fauzi', nik: '3672011507850003' } } });
    expect(caughtUp).toEqual({ kind: 'caught-up' });
    rightOf(await keyring.forget('p-0001', '2025-02-01T00:00:00.000Z')());
    expect((await firstTwo())[0]).toMatchObject({ kind: 'event', event: { data: { name: '[redacted]' } } });
  });
});
