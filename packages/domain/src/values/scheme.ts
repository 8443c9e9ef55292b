import type * as t from 'io-ts';
import { oneOf } from '../shared/codec.js';

/** Membership segments: wage earners, non-wage earners, construction workers, migrant workers. */
export const SEGMENTS = ['PU', 'BPU', 'Jakon', 'PMI'] as const;
export const SegmentC = oneOf('Segment', SEGMENTS);
export type Segment = t.TypeOf<typeof SegmentC>;

/** The five programmes: work accident, death, old-age savings, pension, job loss. */
export const PROGRAMMES = ['JKK', 'JKM', 'JHT', 'JP', 'JKP'] as const;
export const ProgrammeC = oneOf('Programme', PROGRAMMES);
export type Programme = t.TypeOf<typeof ProgrammeC>;

/** Formal work is PU; everything else (BPU, Jakon day labour, PMI) counts as informal for UCJ. */
export const isFormal = (segment: Segment): boolean => segment === 'PU';
