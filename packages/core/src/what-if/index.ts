/** What-if replays: re-derive the scheme's decisions from the recorded facts under a reformed policy, in memory, and compare. */
export {
  /** Builds a scenario from a baseline policy, reform data and injection data (errors as values). */
  prepareScenario,
  /** A what-if over a store: loads the log, replays it, compares fund and coverage. Never writes. */
  runWhatIf,
  /** A what-if over a log already loaded into memory. */
  whatIfOverLog,
  type ScenarioInput,
  type WhatIfScenario,
  type WhatIfWindow,
} from './what-if.js';
export {
  /** The replay engine's core: a synchronous pass over a log, passing each counterfactual event to a sink. */
  replayLog,
  /** replayLog collecting the counterfactual events in an array (tests, small logs). */
  replayToArray,
  type ReplayOutcome,
  type ReplaySetup,
} from './engine.js';
export {
  /** Reads a store's whole log into memory, decoded, for replays. */
  loadRecordedLog,
  /** Decodes one stored event for a replay, or names its position. */
  toLoggedEvent,
  type LoadLogOptions,
} from './load.js';
export {
  /** A recorded log held compactly in memory for replays (payments as columns); iterable as LoggedEvents. */
  RecordedLog,
  type LogDate,
  type PaymentColumns,
} from './recorded-log.js';
export {
  /** Builds a RecordedLog event by event. */
  RecordedLogBuilder,
  /** A RecordedLog of logged events already in memory (e.g. an array). */
  recordedLogOf,
} from './recorded-log-builder.js';
export {
  /** Validates scenario injections (e.g. from a JSON file). */
  decodeInjections,
  /** Fills in an injection's defaults (branch, sponsor, category) from the log. */
  resolveInjections,
  /** The id of the n-th synthetic worker of a region: whatif-<regionId>-<n>. */
  syntheticParticipantId,
  /** Codec: one scenario injection. */
  ScenarioInjectionC,
  /** Codec: N synthetic sponsored BPU workers of a region. */
  SponsorWorkersC,
  /** Codec: a head count, or the workers still to go to a region's coverage target of a year. */
  InjectionCountC,
  type CountFromTarget,
  type RemainingTarget,
  type ResolvedInjection,
  type ResolvedSponsorWorkers,
  type ScenarioInjection,
  type SponsorWorkers,
} from './injections.js';
export {
  /** Reads a knowledge time: a date (end of that day UTC) or an instant with a zone. */
  parseKnowledgeTime,
  type KnowledgeTime,
} from './knowledge-time.js';
export {
  /** The stream an event belongs to. */
  streamOf,
} from './events.js';
export type * from './types.js';
