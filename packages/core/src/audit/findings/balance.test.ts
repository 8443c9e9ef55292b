import { describe, expect, it } from 'vitest';
import { participantStreamName, Rupiah, type IsoDate } from '@jamsos/domain';
import { paid } from '@jamsos/domain/testing';
import { rightOf } from '../../testing/helpers.js';
import { balanceAsOf, balanceHistory, claimsRatioBp, foldFund } from './balance.js';
import { enrolPaidUp, executeAll, rawAppender, serviceOverMemory } from './raw-events.test-support.js';

const claimId = 'KLM-3672-2024-000007';

/**
 * Cilegon: a sponsored fisher pays Rp16,800 (JKK 10,000 + JKM 6,800) each month January-June 2024 and
 * dies on 12 June; JKM Rp42,000,000 approved on 14 June, Rp21,000,000 paid to the widow on 20 June
 * and Rp21,000,000 to the son on 5 July. Serang: a self-paying fisher pays January-March 2024.
 */
const twoBranches = async () => {
  const { store, service } = serviceOverMemory();
  await enrolPaidUp(service, { participantId: 'p-cilegon-0001', nik: '3672011507850003', branchId: 'KC-CILEGON', regionId: '3672' }, '2024-01', '2024-06');
  await enrolPaidUp(service, { participantId: 'p-serang-0002', nik: '3604011507850004', branchId: 'KC-SERANG', regionId: '3604', self: true }, '2024-01', '2024-03');
  await executeAll(service, [
    {
      type: 'FileClaim', claimId, participantId: 'p-cilegon-0001', programme: 'JKM', incident: { type: 'death', date: '2024-06-12', cause: 'not-work-related' }, filedOn: '2024-06-13',
      branchId: 'KC-CILEGON', regionId: '3672', claimantName: 'x', heirs: [{ heirId: 'h1', name: 'x', relationship: 'spouse' }, { heirId: 'h2', name: 'y', relationship: 'child' }],
    },
    { type: 'DecideClaim', claimId, decidedOn: '2024-06-14' },
    { type: 'DisburseBenefit', claimId, payee: { kind: 'heir', heirId: 'h1' }, amount: 21_000_000, reference: 'TRF-1', disbursedOn: '2024-06-20' },
    { type: 'DisburseBenefit', claimId, payee: { kind: 'heir', heirId: 'h2' }, amount: 21_000_000, reference: 'TRF-2', disbursedOn: '2024-07-05' },
  ]);
  return store;
};

const row = (branchId: string, programme: string, received: number, approved: number, disbursed: number, approvedUnpaid: number, balance: number, claimsRatioBp: number | undefined) => ({
  branchId, programme, received, approved, disbursed, approvedUnpaid, balance, claimsRatioBp,
});

describe('the claims-vs-contributions balance', () => {
  it('per branch and programme as of a day, with hand-computed figures', async () => {
    const { fund, eventsRead, undecodable } = rightOf(await foldFund(await twoBranches())());
    expect([eventsRead, undecodable]).toEqual([6 + 3 + 1 + 2, []]);
    const june = balanceAsOf(fund, '2024-06-30' as IsoDate);
    expect(june.rows).toEqual([
      row('KC-CILEGON', 'JKK', 60_000, 0, 0, 0, 60_000, 0),
      // 42,000,000 x 10,000 / 40,800 = 10,294,117.6 bp
      row('KC-CILEGON', 'JKM', 40_800, 42_000_000, 21_000_000, 21_000_000, -20_959_200, 10_294_118),
      row('KC-SERANG', 'JKK', 30_000, 0, 0, 0, 30_000, 0),
      row('KC-SERANG', 'JKM', 20_400, 0, 0, 0, 20_400, 0),
    ]);
    expect(june.byBranch).toEqual([
      row('KC-CILEGON', 'all', 100_800, 42_000_000, 21_000_000, 21_000_000, -20_899_200, 4_166_667),
      row('KC-SERANG', 'all', 50_400, 0, 0, 0, 50_400, 0),
    ]);
    expect(june.total).toEqual(row('all', 'all', 151_200, 42_000_000, 21_000_000, 21_000_000, -20_848_800, 2_777_778));
    expect(balanceAsOf(fund, '2024-07-31' as IsoDate).total).toEqual(row('all', 'all', 151_200, 42_000_000, 42_000_000, 0, -41_848_800, 2_777_778));
    expect(balanceAsOf(fund, '2024-03-31' as IsoDate).total).toEqual(row('all', 'all', 100_800, 0, 0, 0, 100_800, 0));
    // like the fund report, a branch and programme with no movement yet shows as zeros
    expect(balanceAsOf(fund, '2023-12-31' as IsoDate).total).toEqual(row('all', 'all', 0, 0, 0, 0, 0, undefined));
  });

  it('filters by branch and by programme', async () => {
    const { fund } = rightOf(await foldFund(await twoBranches())());
    const serang = balanceAsOf(fund, '2024-06-30' as IsoDate, { branchId: 'KC-SERANG' });
    expect(serang.rows.map((r) => r.branchId)).toEqual(['KC-SERANG', 'KC-SERANG']);
    expect(serang.total).toEqual(row('KC-SERANG', 'all', 50_400, 0, 0, 0, 50_400, 0));
    const jkm = balanceAsOf(fund, '2024-06-30' as IsoDate, { programme: 'JKM' });
    expect(jkm.total).toEqual(row('all', 'JKM', 61_200, 42_000_000, 21_000_000, 21_000_000, -20_938_800, 6_862_745));
  });

  it('gives the monthly history: each month\'s flows and the position at its end, months without movement included', async () => {
    const { fund } = rightOf(await foldFund(await twoBranches())());
    const series = balanceHistory(fund, '2024-07-31' as IsoDate, { branchId: 'KC-CILEGON', programme: 'JKM' });
    expect(series.map((m) => [m.period, m.month.received, m.month.approved, m.month.disbursed, m.toDate.received, m.toDate.approvedUnpaid, m.toDate.balance])).toEqual([
      ['2024-01', 6_800, 0, 0, 6_800, 0, 6_800],
      ['2024-02', 6_800, 0, 0, 13_600, 0, 13_600],
      ['2024-03', 6_800, 0, 0, 20_400, 0, 20_400],
      ['2024-04', 6_800, 0, 0, 27_200, 0, 27_200],
      ['2024-05', 6_800, 0, 0, 34_000, 0, 34_000],
      ['2024-06', 6_800, 42_000_000, 21_000_000, 40_800, 21_000_000, -20_959_200],
      ['2024-07', 0, 0, 21_000_000, 40_800, 0, -41_959_200],
    ]);
    const serangJkk = balanceHistory(fund, '2024-07-31' as IsoDate, { branchId: 'KC-SERANG', programme: 'JKK' });
    expect(serangJkk.map((m) => [m.period, m.month.received, m.toDate.balance])).toEqual([
      ['2024-01', 10_000, 10_000],
      ['2024-02', 10_000, 20_000],
      ['2024-03', 10_000, 30_000],
      ['2024-04', 0, 30_000],
      ['2024-05', 0, 30_000],
      ['2024-06', 0, 30_000],
      ['2024-07', 0, 30_000],
    ]);
    // the last month's position is the balance as of the end date
    const all = balanceHistory(fund, '2024-07-31' as IsoDate);
    const july = all.filter((m) => m.period === '2024-07').map((m) => m.toDate);
    expect(july).toEqual(balanceAsOf(fund, '2024-07-31' as IsoDate).rows);
  });

  it('leaves out money events it cannot decode, and reports them', async () => {
    const store = await twoBranches();
    const corrupt = { unreadable: true, type: 'ContributionPaid', schemaVersion: 1, data: { ...paid('2024-07', '2024-07-10').data, total: 16_800.5 } } as const;
    await rawAppender(store)(participantStreamName('p-cilegon-0001'), corrupt);
    const { fund, undecodable } = rightOf(await foldFund(store)());
    expect(undecodable).toEqual([expect.objectContaining({ _tag: 'UndecodableEvent', branchId: 'KC-CILEGON', error: 'InvalidEventData' })]);
    expect(balanceAsOf(fund, '2024-12-31' as IsoDate).total.received).toBe(151_200);
  });

  it('computes the claims ratio exactly, rounding half up', () => {
    expect(claimsRatioBp(Rupiah.of(1), Rupiah.of(3))).toBe(3_333);
    expect(claimsRatioBp(Rupiah.of(2), Rupiah.of(3))).toBe(6_667);
    expect(claimsRatioBp(Rupiah.of(1), Rupiah.of(16_000))).toBe(1); // 0.625 bp
    expect(claimsRatioBp(Rupiah.of(1), Rupiah.of(20_001))).toBe(0); // 0.49998 bp
    expect(claimsRatioBp(Rupiah.of(5), Rupiah.zero)).toBeUndefined();
  });
});
