import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEvent, type JamsosEvent } from '@jamsos/domain';
import { bpuHistory, paid } from '@jamsos/domain/testing';
import { coverageProjection } from '../coverage/state.js';
import { fundProjection } from '../fund/state.js';
import type { Projection } from '../projection.js';

/** The fields of a ContributionPaid each fold reads (paths: a field, or a field of a line). */
const reads: Record<string, ReadonlyArray<string>> = {
  fund: ['branchId', 'paidOn', 'lines', 'lines[].programme', 'lines[].amount'],
  coverage: ['participantId', 'period', 'paidOn'],
};
const fields = ['participantId', 'period', 'lines', 'lines[].programme', 'lines[].amount', 'total', 'payer', 'paymentReference', 'paidOn', 'branchId', 'regionId'];
const projections = [fundProjection, coverageProjection] as ReadonlyArray<Projection<unknown>>;

/** A contribution with one field (or one line's field) replaced by a value. */
const withField = (event: JamsosEvent, field: string, value: unknown, line: number): JamsosEvent => {
  const data = structuredClone(event.data) as unknown as Record<string, unknown>;
  if (field.startsWith('lines[].')) {
    const lines = data['lines'] as Record<string, unknown>[];
    (lines[line % lines.length] as Record<string, unknown>)[field.slice('lines[].'.length)] = value;
  } else if (value === undefined) delete data[field];
  else data[field] = value;
  return { type: event.type, data } as unknown as JamsosEvent;
};

const anyValue = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom<unknown>(undefined, '2024-02-30', '2024-13', '1969-12-31', 'KC-X', 'kc-x', 'JKP', 'JP', 'JK', -1, 0, 0.5, 1e18, 1e18 + 1, '16800', 'p-1', 'p-1234567890123456', ''),
);

describe("the projections' checks of the fields their folds read", () => {
  it('accept every event of a valid history', () => {
    const history: JamsosEvent[] = [...bpuHistory('2025-06'), paid('2025-07', '1969-12-31')];
    for (const projection of projections) for (const event of history) expect(projection.check?.(event), `${projection.name} ${event.type}`).toBeUndefined();
  });

  it('refuse a contribution with a field they read changed exactly when its codec refuses it, naming the problem; ignore the fields they do not read', () => {
    fc.assert(
      fc.property(fc.constantFrom(...fields), anyValue, fc.nat(3), (field, value, line) => {
        const event = withField(paid('2024-05', '2024-06-03'), field, value, line);
        const decoded = decodeEvent({ type: 'ContributionPaid', schemaVersion: 1, data: event.data });
        for (const projection of projections) {
          const problem = projection.check?.(event);
          if (!(reads[projection.name] as ReadonlyArray<string>).includes(field)) expect(problem).toBeUndefined();
          else if (decoded._tag === 'Right') expect(problem).toBeUndefined();
          else {
            expect(problem).toBeDefined();
            expect(problem).toBe(decoded.left._tag === 'InvalidEventData' ? decoded.left.message : undefined);
          }
        }
      }),
      { numRuns: 3_000 },
    );
  });

  it('refuse data that is not an object, and check the rare event types whole by their codecs', () => {
    for (const data of [null, [], 'x', 7])
      for (const projection of projections) expect(projection.check?.({ type: 'ContributionPaid', data } as unknown as JamsosEvent)).toMatch(/^ContributionPaid/);
    const approved = { type: 'ClaimApproved', data: { claimId: 'KLM-3672-2025-000001', participantId: 'p-0001', programme: 'JKM', decidedOn: '2024-06-14', policyId: 'x', wageBasis: 0, benefits: [], allocations: [], total: 1, branchId: 'KC-CILEGON' } } as unknown as JamsosEvent;
    expect(fundProjection.check?.(approved)).toBeUndefined();
    expect(fundProjection.check?.(withField(approved, 'policyId', 7, 0))).toMatch(/^ClaimApproved: policyId/);
    const labourForce = { type: 'LabourForceRecorded', data: { regionId: '3672', year: 2024, labourForce: 1, informalWorkers: 1, source: 's', publishedOn: '2024-02-30' } } as unknown as JamsosEvent;
    expect(coverageProjection.check?.(labourForce)).toMatch(/^LabourForceRecorded: publishedOn/);
  });
});
