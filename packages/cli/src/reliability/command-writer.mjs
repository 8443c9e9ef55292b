// A writer process for the reliability suites (concurrency.test.ts, crash.test.ts). It uses the BUILT
// packages (their dist/), so the tests build them first. One JSON object per stdout line.
//
//   node command-writer.mjs <db> <entries.json> <tag> [--wait] [--durability full] [--jitter]
//
// <entries.json> is an array of entries, each { command } (run through the command service's
// `execute`, the boundary that validates unknown input) or { sequence: [commands] } (one participant's
// commands in one atomic append, `participantSequence`). For entry i it prints {start: i} before
// executing it, then {ack: i, appended, ids, events} when the service answered success (ids: the
// event ids it appended, or replayed; events: what it was told it recorded, encoded as stored), or
// {rejected: i, tag} when it answered a typed error. It ends with {done, storeConflicts, ...}.
// --wait: print {ready} and wait for a line on stdin before starting (so that writers start together).
// --jitter: yield to the event loop between reading a stream and appending to it, as a slower
// handler would (more version conflicts between processes).
import { setImmediate as turn } from 'node:timers/promises';
import { readFileSync } from 'node:fs';
import { createCommandService } from '@jamsos/core';
import { baselinePolicy, encodeEvent } from '@jamsos/domain';
import { createSqliteEventStore } from '@jamsos/store-sqlite';

const [path, entriesFile, tag, ...flags] = process.argv.slice(2);
const say = (value) => process.stdout.write(`${JSON.stringify(value)}\n`);
const durability = flags.includes('--durability') ? flags[flags.indexOf('--durability') + 1] : 'normal';
const jitter = flags.includes('--jitter');
const entries = JSON.parse(readFileSync(entriesFile, 'utf8'));
const store = createSqliteEventStore({ path, durability });

// The store as the service sees it, watched: which ids each entry's successful append carried, and
// how many appends the store refused with WrongExpectedVersion (the handler retries those).
let appendedIds = [];
let storeConflicts = 0;
const watched = {
  ...store,
  appendToStream: (streamName, events, options) => async () => {
    if (jitter) await turn();
    const result = await store.appendToStream(streamName, events, options)();
    if (result._tag === 'Right') appendedIds = events.map((e) => e.id);
    else if (result.left._tag === 'WrongExpectedVersion') storeConflicts++;
    return result;
  },
};
const service = createCommandService({ store: watched, clock: () => '2025-01-01T00:00:00.000Z', policy: baselinePolicy });

const run = async () => {
  const rejected = {};
  let acknowledged = 0;
  for (const [i, entry] of entries.entries()) {
    appendedIds = [];
    say({ start: i });
    const result = entry.sequence !== undefined ? await service.participantSequence(entry.sequence)() : await service.execute(entry.command)();
    if (result._tag === 'Right') {
      acknowledged++;
      const { appended, events } = result.right;
      say({ ack: i, appended, ids: appended ? appendedIds : [], events: events.map((e) => ({ type: e.type, data: encodeEvent(e).data })) });
    } else {
      const left = result.left;
      const name = left._tag === 'RejectedInSequence' ? `RejectedInSequence:${left.rejection._tag}` : left._tag;
      rejected[name] = (rejected[name] ?? 0) + 1;
      say({ rejected: i, tag: name, ...(typeof left.message === 'string' ? { message: left.message } : {}) });
    }
  }
  say({ done: true, writer: tag, acknowledged, rejected, storeConflicts });
};

const main = () =>
  run()
    .then(() => store.close())
    .then(() => process.exit(0), (error) => (console.error(error), process.exit(1)));

if (flags.includes('--wait')) {
  say({ ready: true });
  process.stdin.once('data', main);
} else main();
