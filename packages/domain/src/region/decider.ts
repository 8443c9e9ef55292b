import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import type { Decider } from '../shared/decider.js';
import { IsoDateC } from '../values/calendar.js';
import { RegionIdC } from '../values/ids.js';
import { CoverageTargetC, HeadCountC, YearC, type CoverageTarget, type RegionEvent } from './events.js';

/** Record a region's labour force and informal workers for a year. */
export const RecordLabourForceC = t.type({
  type: t.literal('RecordLabourForce'),
  regionId: RegionIdC,
  year: YearC,
  labourForce: HeadCountC,
  informalWorkers: HeadCountC,
  source: t.string,
  publishedOn: IsoDateC,
});
/** Set a region's coverage target for a year. */
export const SetCoverageTargetC = t.type({ type: t.literal('SetCoverageTarget'), regionId: RegionIdC, year: YearC, target: CoverageTargetC, source: t.string, setOn: IsoDateC });
/** Any region command. */
export const RegionCommandC = t.union([RecordLabourForceC, SetCoverageTargetC]);
export type RegionCommand = t.TypeOf<typeof RegionCommandC>;

/** A region's latest statistics and targets per year. */
export interface RegionState {
  readonly labourForce: ReadonlyMap<number, { readonly labourForce: number; readonly informalWorkers: number; readonly source: string }>;
  readonly targets: ReadonlyMap<number, { readonly target: CoverageTarget; readonly source: string }>;
}

/** Why a region command was refused. */
export type RegionRejection = { readonly _tag: 'InformalExceedsLabourForce'; readonly informalWorkers: number; readonly labourForce: number };

const sameTarget = (a: CoverageTarget, b: CoverageTarget): boolean => (a.kind === 'share' && b.kind === 'share' ? a.bp === b.bp : a.kind === 'workers' && b.kind === 'workers' && a.count === b.count);

/** The region decider: labour-force statistics and coverage targets, revised by newer records. */
export const regionDecider: Decider<RegionCommand, RegionEvent, RegionState, RegionRejection> = {
  initialState: { labourForce: new Map(), targets: new Map() },
  decide: (command, state) => {
    const { type: _type, ...data } = command;
    if (command.type === 'RecordLabourForce') {
      if (command.informalWorkers > command.labourForce)
        return E.left({ _tag: 'InformalExceedsLabourForce', informalWorkers: command.informalWorkers, labourForce: command.labourForce });
      const known = state.labourForce.get(command.year);
      if (known !== undefined && known.labourForce === command.labourForce && known.informalWorkers === command.informalWorkers && known.source === command.source) return E.right([]);
      return E.right([{ type: 'LabourForceRecorded', data: data as Extract<RegionEvent, { type: 'LabourForceRecorded' }>['data'] }]);
    }
    const known = state.targets.get(command.year);
    if (known !== undefined && sameTarget(known.target, command.target) && known.source === command.source) return E.right([]);
    return E.right([{ type: 'CoverageTargetSet', data: data as Extract<RegionEvent, { type: 'CoverageTargetSet' }>['data'] }]);
  },
  evolve: (state, event) => {
    if (event.type === 'LabourForceRecorded') {
      const labourForce = new Map(state.labourForce);
      labourForce.set(event.data.year, { labourForce: event.data.labourForce, informalWorkers: event.data.informalWorkers, source: event.data.source });
      return { ...state, labourForce };
    }
    const targets = new Map(state.targets);
    targets.set(event.data.year, { target: event.data.target, source: event.data.source });
    return { ...state, targets };
  },
};

/** The business key of a region command. */
export const regionCommandKey = (command: RegionCommand): string =>
  command.type === 'RecordLabourForce'
    ? `labour-force:${command.regionId}:${command.year}:${command.source}:${command.labourForce}:${command.informalWorkers}`
    : `target:${command.regionId}:${command.year}:${command.source}:${JSON.stringify(command.target)}`;

/** The stream of one region: "region-<code>". */
export const regionStreamName = (regionId: string): string => `region-${regionId}`;
