export { appendDemo, DemoWriteFailed, toAppend, type DemoWritten } from './append.js';
export { DEMO_REGIONS, type RegionProfile } from './calibration.js';
export { DEMO_DEFAULTS, generateDemo, planDemo, type DemoOptions, type DemoPlan, type DemoRegionPlan } from './generate.js';
export { DemoPlanError, type DemoBatch } from './simulate.js';
