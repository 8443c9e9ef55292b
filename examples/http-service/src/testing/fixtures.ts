// Request bodies for the tests: workers of KC Cilegon (sponsored by GEMET SEKUL) and KC Serang (paying
// for themselves), their monthly contributions, claims.

/** Cilegon's regional-budget programme. */
export const GEMET_SEKUL = { type: 'regional-budget', regionId: '3672', programme: 'GEMET SEKUL', legalBasis: 'Perwal Cilegon 41/2024' } as const;

/** The BPU contribution for a declared income of Rp1,000,000: JKK 1% + JKM Rp6,800. */
export const BPU_MONTHLY = 16_800;

/** A NIK whose date part matches a birth date of 15 July 1985 (serials tell workers apart). */
export const nikOf = (serial: number): string => `367201150785${String(serial).padStart(4, '0')}`;

/** Where a test worker is enrolled. */
export type Branch = 'KC-CILEGON' | 'KC-SERANG';

/** The POST /participants body for worker `serial` at a branch, enrolled in BPU from January 2024. */
export const workerBody = (serial: number, branch: Branch = 'KC-CILEGON') => ({
  nik: nikOf(serial),
  name: `Pekerja ${serial}`,
  birthDate: '1985-07-15',
  domicileRegionId: branch === 'KC-CILEGON' ? '3672' : '3604',
  registeredOn: '2024-01-05',
  enrolment: {
    terms: { segment: 'BPU', declaredIncome: 1_000_000 },
    programmes: ['JKK', 'JKM'],
    branchId: branch,
    regionId: branch === 'KC-CILEGON' ? '3672' : '3604',
    category: 'fisher',
    enrolledOn: '2024-01-05',
    firstPeriod: '2024-01',
    ...(branch === 'KC-CILEGON' ? { sponsor: GEMET_SEKUL } : {}),
  },
});

/** Who pays a branch's test workers. */
export const payerOf = (branch: Branch) => (branch === 'KC-CILEGON' ? GEMET_SEKUL : { type: 'self' as const });

/** The months from January 2024, `count` of them. */
export const monthsFrom2024 = (count: number): string[] => Array.from({ length: count }, (_, i) => `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);

/** A PayContribution command for one month, paid on the 10th. */
export const payment = (participantId: string, period: string, branch: Branch = 'KC-CILEGON', reference = `REF-${participantId.slice(2, 10)}-${period}`) => ({
  type: 'PayContribution',
  participantId,
  period,
  total: BPU_MONTHLY,
  payer: payerOf(branch),
  paymentReference: reference,
  paidOn: `${period}-10`,
});

/** A payment file paying some months for some workers, each line paid on the 10th of its month. */
export const paymentFile = (fileReference: string, participantIds: ReadonlyArray<string>, periods: ReadonlyArray<string>, branch: Branch = 'KC-CILEGON') => ({
  fileReference,
  payer: payerOf(branch),
  paidOn: '2024-01-10',
  payments: participantIds.flatMap((participantId) =>
    periods.map((period) => ({ participantId, period, total: BPU_MONTHLY, paymentReference: `F-${participantId.slice(2, 12)}-${period}`, paidOn: `${period}-10` })),
  ),
});

/** A JKM death claim on a worker (not work related), filed two days after the death, the widow as heir. */
export const deathClaim = (claimId: string, participantId: string, died: string, filedOn: string, branch: Branch = 'KC-CILEGON') => ({
  type: 'FileClaim',
  claimId,
  participantId,
  programme: 'JKM',
  incident: { type: 'death', date: died, cause: 'not-work-related' },
  filedOn,
  branchId: branch,
  regionId: branch === 'KC-CILEGON' ? '3672' : '3604',
  claimantName: 'Siti Aminah',
  heirs: [{ heirId: 'h1', name: 'Siti Aminah', relationship: 'spouse', nik: '3672014112880001' }],
});
