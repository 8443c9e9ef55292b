import type { LogMessage, SubscribeToLog } from '../projection/subscription.js';
import type { PersonalDataStore } from './with-personal-data-encryption.js';

/**
 * A subscription whose events read as the personal-data store's reads do (decrypted, or redacted once
 * forgotten), over a backend's own feed (EventStoreDB's catch-up subscriptions deliver what is stored).
 * A field that does not authenticate ends the iteration with a throw, as a failed connection does.
 */
export const revealingSubscription =
  (subscribe: SubscribeToLog, store: PersonalDataStore): SubscribeToLog =>
  (options) => {
    const source = subscribe(options);
    const messages = async function* (): AsyncGenerator<LogMessage> {
      for await (const message of source) yield message.kind === 'event' ? { kind: 'event', event: await store.reveal(message.event) } : message;
    };
    const iterator = messages();
    return { [Symbol.asyncIterator]: () => iterator, close: () => source.close() };
  };
