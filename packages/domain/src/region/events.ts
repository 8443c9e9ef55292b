import * as t from 'io-ts';
import { refined } from '../shared/codec.js';
import { defineEvent, type EventOf } from '../shared/event-definition.js';
import { IsoDateC } from '../values/calendar.js';
import { RegionIdC } from '../values/ids.js';

/** A count of people: a whole number >= 0. */
export const HeadCountC = refined(t.number, 'HeadCount', (n) => (Number.isSafeInteger(n) && n >= 0 ? undefined : `a head count is a whole number >= 0, got ${n}`), {
  type: 'integer',
  minimum: 0,
  maximum: Number.MAX_SAFE_INTEGER,
});

/** A year, 2000-2100. */
export const YearC = refined(t.number, 'Year', (n) => (Number.isInteger(n) && n >= 2000 && n <= 2100 ? undefined : `a year is 2000-2100, got ${n}`), { type: 'integer', minimum: 2000, maximum: 2100 });

/** A UCJ coverage target: a share of the labour force (in bp: 55% = 5500) or a number of protected workers. */
export const CoverageTargetC = t.union([
  t.type({ kind: t.literal('share'), bp: refined(t.number, 'Bp', (n) => (Number.isInteger(n) && n > 0 && n <= 10_000 ? undefined : `a share is 1-10,000 bp, got ${n}`), { type: 'integer', minimum: 1, maximum: 10_000 }) }),
  t.type({ kind: t.literal('workers'), count: HeadCountC }),
]);
export type CoverageTarget = t.TypeOf<typeof CoverageTargetC>;

export const LabourForceRecorded = defineEvent({
  type: 'LabourForceRecorded',
  version: 1,
  kind: 'fact',
  description: "A region's labour force and informal workers for a year, with the source and publication date (the UCJ denominator; never a bare percentage).",
  codec: t.type({ regionId: RegionIdC, year: YearC, labourForce: HeadCountC, informalWorkers: HeadCountC, source: t.string, publishedOn: IsoDateC }),
});

export const CoverageTargetSet = defineEvent({
  type: 'CoverageTargetSet',
  version: 1,
  kind: 'fact',
  description: "A region's UCJ target for a year (a share of the labour force or a head count), with its source (e.g. the RPJMD action plan).",
  codec: t.type({ regionId: RegionIdC, year: YearC, target: CoverageTargetC, source: t.string, setOn: IsoDateC }),
});

export const regionEventDefinitions = [LabourForceRecorded, CoverageTargetSet] as const;
/** Any event of a region's stream. */
export type RegionEvent = EventOf<(typeof regionEventDefinitions)[number]>;
