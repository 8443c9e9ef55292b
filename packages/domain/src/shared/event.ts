/** A domain event: its type name and its data. Envelope fields (ids, positions, times) belong to the store. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

/**
 * Facts record what happened in the world (a payment, a death, a published statistic);
 * decisions record what the scheme decided under a policy (an approval, a lapse).
 * A what-if replay keeps the facts and re-derives the decisions.
 */
export type EventKind = 'fact' | 'decision';
