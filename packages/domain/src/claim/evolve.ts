import { InvalidTransitionError } from '../shared/invalid-transition.js';
import { Rupiah } from '../values/rupiah.js';
import { payeeKey, type ClaimEvent } from './events.js';
import type { ClaimState } from './state.js';

const invalid = (eventType: string, status: string): InvalidTransitionError => new InvalidTransitionError('claim', eventType, status);

/** The claim's state after one more event. */
export const evolveClaim = (state: ClaimState, event: ClaimEvent): ClaimState => {
  switch (event.type) {
    case 'ClaimFiled':
      if (state.status !== 'none') throw invalid(event.type, state.status);
      return { status: 'filed', filed: event.data };
    case 'ClaimRejected':
      if (state.status !== 'filed') throw invalid(event.type, state.status);
      return { status: 'rejected', filed: state.filed, rejection: event.data };
    case 'ClaimApproved': {
      if (state.status !== 'filed') throw invalid(event.type, state.status);
      const allocated = new Map<string, Rupiah>();
      for (const a of event.data.allocations) allocated.set(payeeKey(a.payee), Rupiah.add(allocated.get(payeeKey(a.payee)) ?? Rupiah.zero, a.amount));
      return { status: 'approved', filed: state.filed, approval: event.data, allocated, disbursed: new Map(), references: new Map() };
    }
    case 'BenefitDisbursed': {
      if (state.status !== 'approved') throw invalid(event.type, state.status);
      const key = payeeKey(event.data.payee);
      const disbursed = new Map(state.disbursed);
      disbursed.set(key, Rupiah.add(disbursed.get(key) ?? Rupiah.zero, event.data.amount));
      const references = new Map(state.references);
      references.set(event.data.reference, { payeeKey: key, amount: event.data.amount });
      return { ...state, disbursed, references };
    }
  }
};
