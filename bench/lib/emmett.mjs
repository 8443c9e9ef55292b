// Emmett (@event-driven-io/emmett 0.42.0, @event-driven-io/emmett-sqlite 0.42.4) doing jamsos's jobs:
// the same streams, ids (as Emmett's messageId) and JSON, and the same folds.
import { getInMemoryEventStore, STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { getSQLiteEventStore, readMessagesBatch, sqliteConnection } from '@event-driven-io/emmett-sqlite';
import * as E from 'fp-ts/lib/Either.js';
import { decodeEventTrusted } from '@jamsos/domain';
import { applyCoverage, applyFund, coverageProjection, fundProjection } from '@jamsos/projections';

/** An event of the dataset as Emmett takes it: jamsos's id becomes Emmett's messageId. */
export const toEmmett = (event) => ({ type: event.type, data: event.data, metadata: { ...event.metadata, messageId: event.id } });

/** Emmett's expected version before the (k+1)-th event of a stream (0-based k): the number of events, or no stream. */
export const emmettExpected = (revision) => (revision < 0 ? STREAM_DOES_NOT_EXIST : BigInt(revision + 1));

/** Emmett's in-memory event store. */
export const emmettMemory = () => getInMemoryEventStore();

/**
 * Emmett's SQLite event store on one shared connection (Emmett's `singleton` option; by default it
 * opens and closes a connection for every operation on a file), with the synchronous level set on it.
 * Emmett opens the file in WAL mode and leaves SQLite's default synchronous=FULL.
 */
export const emmettSqlite = async (fileName, synchronous = 'FULL') => {
  const connection = sqliteConnection({ fileName });
  await connection.command(`PRAGMA synchronous = ${synchronous}`);
  const store = getSQLiteEventStore({ fileName, connectionOptions: { singleton: true, connection } });
  await store.schema.migrate();
  return { store, connection, close: async () => connection.close() };
};

/** The jamsos event inside an Emmett event, decoded as jamsos's runner decodes it (upcast by version, trusted). */
const decode = (event) => {
  const decoded = decodeEventTrusted({ type: event.type, schemaVersion: event.metadata.schemaVersion, data: event.data });
  if (E.isLeft(decoded)) throw new Error(`cannot decode ${event.type}: ${decoded.left._tag}`);
  return decoded.right;
};

const position = (event) => ({ globalPosition: Number(event.metadata.globalPosition ?? 0), recordedAt: event.metadata.recordedAt });

const fundTypes = new Set(fundProjection.eventTypes);
const coverageTypes = new Set(coverageProjection.eventTypes);

/** The fund read model as an Emmett reducer: evolve(state, event) with the same fold as jamsos's fundProjection. */
export const fundReducer = {
  canHandle: fundProjection.eventTypes,
  initialState: fundProjection.initial,
  evolve: (state, event) => (fundTypes.has(event.type) ? applyFund(state, decode(event)) : state),
};

/** The coverage read model folded participant by participant (Emmett's aggregateStream), with the same fold as jamsos's coverageProjection. */
export const coverageReducer = {
  canHandle: coverageProjection.eventTypes,
  initialState: coverageProjection.initial,
  evolve: (state, event) => (coverageTypes.has(event.type) ? applyCoverage(state, decode(event), position(event)) : state),
};

/**
 * Fund from Emmett's SQLite store: its read of the whole log (readMessagesBatch, in global order,
 * `batchSize` rows per query; no filter by type) folded by the reducer.
 */
export const emmettSqliteFund = async (connection, batchSize = 500) => {
  let state = fundReducer.initialState();
  let after = 0n;
  let events = 0;
  for (;;) {
    const batch = await readMessagesBatch(connection, { after, batchSize });
    for (const message of batch.messages) state = fundReducer.evolve(state, message);
    events += batch.messages.length;
    after = batch.currentGlobalPosition;
    if (!batch.areEventsLeft) break;
  }
  return { state, events };
};

/**
 * Coverage from an Emmett store: every region and participant stream folded with aggregateStream
 * (claim streams hold no coverage event: skipped, as jamsos's type filter skips them).
 */
export const emmettCoverage = async (store, streamNames) => {
  const state = coverageReducer.initialState();
  let events = 0;
  const evolve = (s, event) => {
    events++;
    return coverageReducer.evolve(s, event);
  };
  for (const name of streamNames) {
    if (name.startsWith('claim-')) continue;
    await store.aggregateStream(name, { evolve, initialState: () => state });
  }
  return { state, events };
};

/** Fund from Emmett's in-memory store: it has no read of the whole log, so every stream is read with readStream in the order written. */
export const emmettMemoryFund = async (store, streamNames) => {
  let state = fundReducer.initialState();
  let events = 0;
  for (const name of streamNames) {
    const { events: stored } = await store.readStream(name);
    for (const event of stored) state = fundReducer.evolve(state, event);
    events += stored.length;
  }
  return { state, events };
};

/** The names of the streams in an Emmett SQLite store, in the order created. */
export const emmettStreamNames = async (connection) => (await connection.query('SELECT stream_id FROM emt_streams ORDER BY rowid')).map((r) => r.stream_id);

/** Loads the dataset into an Emmett store, batch by batch, each at the exact expected version. */
export const loadIntoEmmett = async (store, batches) => {
  let events = 0;
  const counts = new Map();
  for (const batch of batches) {
    const count = counts.get(batch.streamName) ?? 0;
    await store.appendToStream(batch.streamName, batch.events.map(toEmmett), { expectedStreamVersion: emmettExpected(count - 1) });
    counts.set(batch.streamName, count + batch.events.length);
    events += batch.events.length;
  }
  return { events, streams: [...counts.keys()] };
};
