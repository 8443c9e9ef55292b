import { v5 as uuidv5 } from 'uuid';

/** The namespace of jamsos event ids (uuid v5). Fixed forever: changing it would change every id. */
export const JAMSOS_EVENT_NAMESPACE = '6b1f3c52-3d0e-5a8b-9c4f-6a3e2b1d7c90';

/**
 * The id of the index-th event a command causes: uuid v5 of its stream, its business key (a bank
 * reference, a claim number) and the index. The same command always yields the same ids, so a
 * retried or repeated command cannot append twice. Never put personal data in a business key.
 */
export const deterministicEventId = (streamName: string, businessKey: string, index: number): string =>
  uuidv5(`${streamName}\u0000${businessKey}\u0000${index}`, JAMSOS_EVENT_NAMESPACE);
