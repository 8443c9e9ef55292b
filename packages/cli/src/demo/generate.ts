/**
 * The `jamsos demo` history generator. ALL DATA ARE SYNTHETIC: no real person, employer, project,
 * claim or official statistic. Names come from a short list of common Indonesian given names; NIKs
 * are structurally valid (region code, district, birth date with +40 for women, serial) and unique,
 * but belong to no one; participant ids are opaque (p-3672-000123), never derived from a NIK.
 *
 * Calibration (docs/domain.md; figures marked "seed" come from the five regional news reports):
 * - Kota Cilegon (3672, KC-CILEGON): labour force 174,897 and 76,062 protected workers (43.5%),
 *   informal coverage 16% (seed); UCJ target 55% for 2024 and the RPJMD's 103,439 workers for 2025
 *   (seed); BPU members sponsored by GEMET SEKUL (Perwal Cilegon 41/2024) from July 2024.
 * - Kabupaten Serang (3604, KC-SERANG and KCP-CIKANDE): regional-budget sponsorship under MoU
 *   465/Kesber.20/Tapem/VIII/2024 from September 2024; labour force, protected count and targets
 *   are plausible synthetic values.
 * - Kabupaten Kendal (3324, KC-KENDAL): about 200,000 vulnerable (informal) workers and about 54,000
 *   of them protected (seed), sponsored by civil servants under circular 400/4450/2022 ("ASN Peduli
 *   Pekerja Rentan") from September 2022; other figures synthetic.
 * - Scale: the demo's participants are split between the regions in proportion to their protected
 *   workers (76,062 + 214,000 + 142,000), and one demo participant stands for `scale` real workers,
 *   chosen so that the demo's protected members at the end of 2024 match those figures.
 * - Contributions are whatever the policy says is due: PU by wage (Rp3-8 million, risk groups 1-5,
 *   JKK JKM JHT JP) paid by the employer by the 15th of the next month; BPU mostly at the lowest band
 *   (Rp1,000,000 -> Rp16,800 a month), sponsors paying between the 5th and the 14th, self-payers
 *   sometimes late or stopping (arrears, then a lapse after 3 months; some re-enrol).
 * - Claims: JKK about 0.4% and JKM deaths about 0.17% of participants a year (BPJS 2023), both
 *   multiplied by CLAIM_RATE_BOOST (1.5) so that small demos show claims; decided by the claim
 *   decider (JKM death Rp42,000,000; JKK by wage) and paid to the payees a few days later.
 * - Knowledge time: each command is recorded (metadata.recordedAt) on its own date, late afternoon
 *   WIB, never before the valid date of what it records: simulated and deterministic (knowledge.ts).
 *   A participant's stream is appended up to each claim's decision, then the claim's stream, then the
 *   rest, so the log holds the record a decision was made on before the decision.
 * Every event comes out of the real deciders (decide + evolve), never written by hand.
 */
import * as E from 'fp-ts/lib/Either.js';
import { formatProblems, describeErrors, IsoDate, Period, RegionCommandC, regionDecider, regionStreamName, type ClaimId, type PolicyLookup, type RegionEvent } from '@jamsos/domain';
import { DEMO_REGIONS, PROTECTED_SHARE_AT_REFERENCE, type RegionProfile } from './calibration.js';
import { streamKnowledgeClock } from './knowledge.js';
import { planParticipant } from './plan.js';
import type { DemoWindow } from './pools.js';
import type { RegionRun } from './profile.js';
import { createDeciders, DemoPlanError, runParticipant, type DemoBatch } from './simulate.js';

/** What to generate: how many participants, over which months, from which seed. */
export interface DemoOptions {
  /** Demo participants in all regions (default 6000). */
  readonly participants?: number;
  /** The first year of the history (default 2022). */
  readonly fromYear?: number;
  /** The last month of the history, "YYYY-MM" (default 2025-06). */
  readonly toPeriod?: string;
  /** The seed: the same seed gives byte-identical histories (default 1). */
  readonly seed?: number;
  /** Record labour forces and head-count targets divided by the scale, so UCJ reads as in the real region (default false: the published figures). */
  readonly scaleDenominators?: boolean;
}

/** The demo's defaults. */
export const DEMO_DEFAULTS = { participants: 6_000, fromYear: 2022, toPeriod: '2025-06', seed: 1 } as const;

/** One region's part of the demo. */
export interface DemoRegionPlan {
  readonly regionId: string;
  readonly name: string;
  readonly participants: number;
  readonly referenceProtected: number;
  readonly referenceNote: string;
}

/** The shape of a demo before it is generated: its window, its regions and its scale. */
export interface DemoPlan {
  readonly seed: number;
  readonly participants: number;
  /** One demo participant stands for this many real workers. */
  readonly scale: number;
  readonly window: DemoWindow;
  readonly regions: ReadonlyArray<DemoRegionPlan>;
  /** The business key of every batch's deterministic event ids. */
  readonly businessKey: string;
}

/** Checks the options and works out the window, the regions' shares and the scale. */
export const planDemo = (options: DemoOptions = {}): DemoPlan => {
  const participants = options.participants ?? DEMO_DEFAULTS.participants;
  const fromYear = options.fromYear ?? DEMO_DEFAULTS.fromYear;
  const toPeriod = options.toPeriod ?? DEMO_DEFAULTS.toPeriod;
  const seed = options.seed ?? DEMO_DEFAULTS.seed;
  if (!Number.isSafeInteger(participants) || participants < 1) throw new RangeError(`the demo needs a whole number of participants >= 1, got ${participants}`);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`the demo seed is a whole number, got ${seed}`);
  if (!Number.isInteger(fromYear) || fromYear < 2020 || fromYear > 2099) throw new RangeError(`the demo's first year is 2020-2099, got ${fromYear}`);
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(toPeriod) || Period.monthsBetween(Period.of(fromYear, 1), toPeriod as Period) < 5)
    throw new RangeError(`the demo's last month is YYYY-MM, at least 6 months after January ${fromYear}; got ${toPeriod}`);
  const totalReference = DEMO_REGIONS.reduce((sum, r) => sum + r.referenceProtected, 0);
  let assigned = 0;
  const regions = DEMO_REGIONS.map((r, i): DemoRegionPlan => {
    const count = i === DEMO_REGIONS.length - 1 ? participants - assigned : Math.round((participants * r.referenceProtected) / totalReference);
    assigned += count;
    return { regionId: r.regionId, name: r.name, participants: count, referenceProtected: r.referenceProtected, referenceNote: r.referenceNote };
  });
  return {
    seed,
    participants,
    scale: Math.max(1, Math.round(totalReference / (participants * PROTECTED_SHARE_AT_REFERENCE))),
    window: { start: IsoDate.of(fromYear, 1, 1), end: Period.lastDay(toPeriod as Period) },
    regions,
    businessKey: `jamsos-demo:seed-${seed}`,
  };
};

/** A region's labour-force records and coverage targets, through the region decider. */
const regionBatch = (region: RegionProfile, plan: DemoPlan, scaled: boolean): DemoBatch => {
  const { start, end } = plan.window;
  const fromYear = IsoDate.year(start);
  const divide = (n: number): number => (scaled ? Math.round(n / plan.scale) : n);
  const note = (source: string): string => (scaled ? `${source}; divided by the demo scale ${plan.scale}` : source);
  const raw = [
    ...region.labourForce
      .filter((f) => f.year >= fromYear && f.publishedOn <= end)
      .map((f) => ({ date: f.publishedOn, command: { type: 'RecordLabourForce', regionId: region.regionId, year: f.year, labourForce: divide(f.labourForce), informalWorkers: divide(f.informalWorkers), source: note(f.source), publishedOn: f.publishedOn } })),
    ...region.targets
      .filter((t) => t.year >= fromYear && t.setOn <= end)
      .map((t) => ({ date: t.setOn, command: { type: 'SetCoverageTarget', regionId: region.regionId, year: t.year, target: t.target.kind === 'workers' ? { kind: 'workers', count: divide(t.target.count) } : t.target, source: note(t.source), setOn: t.setOn } })),
  ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  let state = regionDecider.initialState;
  const events: RegionEvent[] = [];
  const recordedAt: string[] = [];
  const knownAt = streamKnowledgeClock();
  for (const { command } of raw) {
    const decoded = RegionCommandC.decode(command);
    if (E.isLeft(decoded)) throw new DemoPlanError(`demo region command invalid: ${formatProblems(describeErrors(decoded.left))}`);
    const decided = regionDecider.decide(decoded.right, state);
    if (E.isLeft(decided)) throw new DemoPlanError(`demo region command refused: ${decided.left._tag}`);
    const known = knownAt(decoded.right.type === 'RecordLabourForce' ? decoded.right.publishedOn : decoded.right.setOn, decided.right);
    for (const event of decided.right) {
      state = regionDecider.evolve(state, event);
      events.push(event);
      recordedAt.push(known);
    }
  }
  return { streamName: regionStreamName(region.regionId), businessKey: plan.businessKey, firstIndex: 0, events, recordedAt };
};

/** The pools and claim numbering of one region's run. */
const regionRun = (region: RegionProfile, plan: DemoPlan, size: number): RegionRun => {
  const share = (segment: string): number => region.segments.find(([s]) => s === segment)?.[1] ?? 0;
  const counters = new Map<number, number>();
  return {
    seed: plan.seed,
    window: plan.window,
    region,
    size,
    employers: Math.max(3, Math.round((size * share('PU')) / 20)),
    projects: Math.max(2, Math.round((size * share('Jakon')) / 12)),
    claimId: (year) => {
      const n = (counters.get(year) ?? 0) + 1;
      counters.set(year, n);
      return `KLM-${region.regionId}-${year}-${String(n).padStart(6, '0')}` as ClaimId;
    },
  };
};

/**
 * Generates the demo history, piece by piece: each region's labour force and targets, then each
 * participant's stream, cut where a claim was decided to put the claim's stream after the events it
 * was decided on. Only one participant is in memory at a time. The same options and policy always
 * give the same events.
 */
export function* generateDemo(options: DemoOptions, policy: PolicyLookup): Generator<DemoBatch, void, undefined> {
  const plan = planDemo(options);
  const deciders = createDeciders(policy);
  for (const region of DEMO_REGIONS) yield regionBatch(region, plan, options.scaleDenominators === true);
  for (const [i, region] of DEMO_REGIONS.entries()) {
    const size = plan.regions[i]?.participants ?? 0;
    const run = regionRun(region, plan, size);
    for (let index = 0; index < size; index++) yield* runParticipant(deciders, planParticipant(run, index), plan.businessKey);
  }
}
