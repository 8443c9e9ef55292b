import { baselinePolicy, type Policy } from '@jamsos/domain';

/** How the audit finds the policy a decision recorded: the reference policy, the baseline, or an injected lookup. */
export interface PolicySources {
  /** The policy the audit reads rules from when an event names none (default: the baseline). */
  readonly policy?: Policy;
  /** Resolves any other policy id a decision recorded (a reform the scheme ran under, an older rule set). */
  readonly policies?: (policyId: string) => Policy | undefined;
}

/** The reference policy of an audit: the one given, else the baseline. */
export const referencePolicy = (sources: PolicySources): Policy => sources.policy ?? baselinePolicy;

/** Resolves a policy id: the reference policy's, the baseline's, else the injected lookup (undefined when unknown). */
export const policyResolver =
  (sources: PolicySources) =>
  (policyId: string): Policy | undefined => {
    const reference = referencePolicy(sources);
    if (policyId === reference.id) return reference;
    if (policyId === baselinePolicy.id) return baselinePolicy;
    return sources.policies?.(policyId);
  };
