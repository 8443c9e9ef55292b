/** The roles a token can carry, and what each may do. */
export const ROLES = ['clerk', 'auditor', 'policy-analyst', 'data-protection-officer'] as const;
export type Role = (typeof ROLES)[number];

/**
 * What a route needs. Clerks hold `write`, `read-participant` and `read-personal-data` for their own
 * branch only; every other grant holds for all branches.
 */
export type Permission =
  /** Record commands: enrol, sponsorships, payments, payment files, claims, decisions, disbursements. */
  | 'write'
  /** A participant's protection status (membership, contributions, no identity). */
  | 'read-participant'
  /** Personal data: NIK, birth date, names of workers and heirs (in answers and in the feed). */
  | 'read-personal-data'
  /** Coverage and fund balance per region and branch (counts and rupiah, no person in them). */
  | 'read-aggregates'
  /** The audit explanation of a disbursement. */
  | 'read-audit'
  /** The event feed (personal data redacted unless the role also reads personal data). */
  | 'read-feed'
  /** Export and forget a participant's personal data (UU PDP 27/2022 requests). */
  | 'manage-personal-data';

/** The grants of each role. */
export const GRANTS: Readonly<Record<Role, ReadonlyArray<Permission>>> = {
  clerk: ['write', 'read-participant', 'read-personal-data', 'read-aggregates'],
  auditor: ['read-participant', 'read-aggregates', 'read-audit', 'read-feed'],
  'policy-analyst': ['read-aggregates', 'read-feed'],
  'data-protection-officer': ['read-participant', 'read-personal-data', 'read-feed', 'manage-personal-data'],
};

/** The permissions a clerk holds for their own branch only. */
export const BRANCH_SCOPED: ReadonlySet<Permission> = new Set(['write', 'read-participant', 'read-personal-data']);

/** Who is calling: the name and role of their token, and a clerk's branch. */
export interface Caller {
  readonly name: string;
  readonly role: Role;
  /** A clerk's branch (KC-CILEGON); undefined for the other roles. */
  readonly branchId: string | undefined;
}

/** True when the caller's role holds the permission (for some branch, with a clerk). */
export const holds = (caller: Caller, permission: Permission): boolean => GRANTS[caller.role].includes(permission);

/** True when the caller holds the permission for a branch: a clerk for their own branch only. */
export const holdsFor = (caller: Caller, permission: Permission, branchId: string): boolean =>
  holds(caller, permission) && (caller.role !== 'clerk' || !BRANCH_SCOPED.has(permission) || caller.branchId === branchId);
