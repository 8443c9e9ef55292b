import type { StoreFailure } from '@jamsos/core';

/** The audit could not be completed (the store failed, a heads file is unreadable, a disbursement cannot be explained): exit 1, one line. */
export class AuditFailed extends Error {
  override readonly name = 'AuditFailed';
}

/** A store failure as one line: its message and, when there is one, its cause's. */
export const describeStoreFailure = (failure: StoreFailure): string => {
  const cause = failure.cause instanceof Error ? `: ${failure.cause.message.replace(/\s+/g, ' ').trim()}` : '';
  return `${failure.message}${cause}`;
};
