import { Rupiah } from '../../values/rupiah.js';
import type { HeirRelationship, PolicySnapshot } from '../parameters.js';

/** What the heir rules need of an heir: an id local to the claim and the relationship to the worker. */
export interface HeirCandidate {
  readonly heirId: string;
  readonly relationship: HeirRelationship;
}

/** One heir's share of an amount. */
export interface HeirShare {
  readonly heirId: string;
  readonly amount: Rupiah;
}

/**
 * The heirs entitled to a death benefit: those of the highest group in the legal order that has
 * anyone (in the order given); empty when no heir belongs to any group (the benefit is not paid out).
 */
export const entitledHeirs = <H extends HeirCandidate>(s: PolicySnapshot, heirs: ReadonlyArray<H>): ReadonlyArray<H> => {
  for (const group of s.get('heirs.order')) {
    const inGroup = heirs.filter((h) => group.includes(h.relationship));
    if (inGroup.length > 0) return inGroup;
  }
  return [];
};

/**
 * Splits an amount among the entitled heirs by the policy's rule ('equal': equal whole-rupiah
 * shares, the remainder rupiah one each to the first heirs), so the shares add up to the amount
 * exactly. No heirs, no shares.
 */
export const splitAmongHeirs = (s: PolicySnapshot, amount: Rupiah, entitled: ReadonlyArray<HeirCandidate>): ReadonlyArray<HeirShare> => {
  const rule = s.get('heirs.splitWithinGroup');
  if (entitled.length === 0) return [];
  switch (rule) {
    case 'equal': {
      const shares = Rupiah.split(amount, entitled.length);
      return entitled.map((h, i) => ({ heirId: h.heirId, amount: shares[i] as Rupiah }));
    }
  }
};
