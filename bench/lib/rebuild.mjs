// The rebuild jobs: jamsos's runProjection from scratch, the floor, and Emmett, on one store each.
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { createInMemoryReadModelStore, KNOWN_EVENT_TYPES, readAllToFoldInBatches, runProjection } from '@jamsos/core';
import { coverageProjection, fundProjection } from '@jamsos/projections';
import { measure, peakRssMb } from './measure.mjs';

/** The two projections the rebuild runs, in order. */
export const PROJECTIONS = [coverageProjection, fundProjection];

/** A short fingerprint of a read model (its serialised JSON), to check that two jobs built the same thing. */
export const fingerprint = (projection, state) => createHash('sha256').update(JSON.stringify(projection.serialize(state))).digest('hex').slice(0, 12);

/**
 * Measures one job per projection and answers { coverage, fund } with wall, CPU, events, the peak RSS
 * once the job is done (before the fingerprint, a check of the bench's own, serialises the read model
 * once more) and the fingerprint.
 */
export const perProjection = async (job, names = PROJECTIONS.map((p) => p.name)) => {
  const out = {};
  for (const projection of PROJECTIONS.filter((p) => names.includes(p.name))) {
    const { wallMs, cpuMs, value } = await measure(() => job(projection));
    const jobPeakRssMb = peakRssMb();
    out[projection.name] = { wallMs, cpuMs, events: value.events, jobPeakRssMb, ...(value.state === undefined ? {} : { fingerprint: fingerprint(projection, value.state) }), ...(value.sum === undefined ? {} : { sum: value.sum }) };
  }
  return out;
};

/** jamsos: runProjection from scratch (rebuild: true) into an in-memory read-model store (JSON snapshot saved at the end). */
export const jamsosRebuild = (store) => async (projection) => {
  const run = await runProjection({ store, readModels: createInMemoryReadModelStore(), projection, rebuild: true })();
  if (run._tag === 'Left') throw new Error(`${projection.name}: ${JSON.stringify(run.left)}`);
  return { events: run.right.processed, state: run.right.state };
};

/** jamsos's read alone, as runProjection reads (batches to fold, the type filter plus unknown types), without folding (for the breakdown). */
export const jamsosReadOnly = (store) => async (projection) => {
  let events = 0;
  for await (const batch of readAllToFoldInBatches(store, { filter: { eventTypes: projection.eventTypes, alsoTypesNotIn: KNOWN_EVENT_TYPES } }))
    for (const event of batch) if (event.globalPosition > 0) events++;
  return { events };
};

const addTotal = (sum, data) => (typeof data.total === 'number' ? sum + data.total : sum);

/**
 * The SQLite floor: better-sqlite3 iterating the rows the projection reads (the same type filter in
 * SQL as jamsos's readAll), JSON.parse of each row's data, and a sum of one field. With `metadata`,
 * the metadata column is parsed too (a step of the breakdown).
 */
export const sqliteFloor = (path, { metadata = false } = {}) => {
  const db = new Database(path, { readonly: true });
  const statement = db
    .prepare(`SELECT ${metadata ? 'data, metadata' : 'data'} FROM events WHERE event_type IN (SELECT value FROM json_each(?)) ORDER BY global_position`)
    .raw(true);
  const job = async (projection) => {
    let sum = 0;
    let events = 0;
    for (const row of statement.iterate(JSON.stringify(projection.eventTypes))) {
      sum = addTotal(sum, JSON.parse(row[0]));
      if (metadata) sum += JSON.parse(row[1]).schemaVersion;
      events++;
    }
    return { events, sum };
  };
  return { job, close: () => db.close() };
};

/**
 * The SQLite floor with the fold (a step of the breakdown): the floor's loop, with each row's type, its
 * data parsed and folded by the projection's own apply (no runner, no checks, no metadata): what the
 * job costs at the very least when the read model must be built.
 */
export const sqliteFoldFloor = (path) => {
  const db = new Database(path, { readonly: true });
  const statement = db.prepare('SELECT event_type, data FROM events WHERE event_type IN (SELECT value FROM json_each(?)) ORDER BY global_position').raw(true);
  const position = { globalPosition: 0, recordedAt: '' };
  const job = async (projection) => {
    let state = projection.initial();
    let events = 0;
    for (const row of statement.iterate(JSON.stringify(projection.eventTypes))) {
      state = projection.apply(state, { type: row[0], data: JSON.parse(row[1]) }, position);
      events++;
    }
    return { events, state };
  };
  return { job, close: () => db.close() };
};

/** The memory floor with the fold: the store's own event objects, filtered by type, folded by the projection's apply in a bare loop. */
export const memoryFoldFloor = (stored) => async (projection) => {
  const types = new Set(projection.eventTypes);
  const position = { globalPosition: 0, recordedAt: '' };
  let state = projection.initial();
  let events = 0;
  for (const event of stored) {
    if (!types.has(event.type)) continue;
    state = projection.apply(state, event, position);
    events++;
  }
  return { events, state };
};

/** The memory floor: the stored event objects themselves, filtered by type, one field summed (nothing to parse). */
export const memoryFloor = (stored) => async (projection) => {
  const types = new Set(projection.eventTypes);
  let sum = 0;
  let events = 0;
  for (const event of stored) {
    if (!types.has(event.type)) continue;
    sum = addTotal(sum, event.data);
    events++;
  }
  return { events, sum };
};
