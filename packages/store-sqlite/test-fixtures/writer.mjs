// A child process for the multi-process and crash tests: it uses the BUILT store (../dist), so the
// test builds the package first. One JSON object per stdout line.
//   node writer.mjs contend <path> <streams> <count> <writer>: waits for "go" on stdin, then appends
//     <count> single events to streams s-0..s-<streams-1> with exact expected revisions, retrying
//     conflicts and busy failures; prints {ack, stream, expected, revision} per success, then {done}.
//   node writer.mjs batches <path> <streams> <size> <run>: appends batches of <size> events forever,
//     printing {batch, stream, first, ids} after each acknowledged batch, until it is killed.
import { setImmediate as turn } from 'node:timers/promises';
import { createSqliteEventStore } from '../dist/index.js';

const [mode, path, streamsArg, sizeArg, tag] = process.argv.slice(2);
const streams = Array.from({ length: Number(streamsArg) }, (_, i) => `s-${i}`);
const size = Number(sizeArg);
const say = (value) => process.stdout.write(`${JSON.stringify(value)}\n`);
const store = createSqliteEventStore({ path });
const event = (id, data) => ({ id, type: 'Tick', data, metadata: { schemaVersion: 1, recordedAt: '2025-01-01T00:00:00.000Z' } });

const revisionOf = async (stream) => {
  const revision = await store.streamRevision(stream)();
  if (revision._tag === 'Left') throw new Error(revision.left.message);
  return revision.right;
};

const contend = async () => {
  let conflicts = 0;
  let failures = 0;
  for (let n = 0; n < size; n++) {
    const stream = streams[n % streams.length];
    const id = `${tag}-${n}`;
    for (;;) {
      const expected = await revisionOf(stream);
      await turn(); // let the other writers in between reading and appending: conflicts are the point
      const result = await store.appendToStream(stream, [event(id, { writer: tag, n })], { expectedRevision: expected })();
      if (result._tag === 'Right') {
        say({ ack: id, stream, expected, revision: result.right.nextExpectedRevision });
        break;
      }
      if (result.left._tag === 'WrongExpectedVersion') conflicts++;
      else if (result.left._tag === 'StoreFailure') failures++;
      else throw new Error(JSON.stringify(result.left));
      await turn();
    }
  }
  say({ done: true, writer: tag, conflicts, failures });
};

const batches = async () => {
  const revisions = new Map();
  for (const stream of streams) revisions.set(stream, await revisionOf(stream));
  for (let b = 0; ; b++) {
    const stream = streams[b % streams.length];
    const expected = revisions.get(stream);
    const batch = `${tag}-${b}`;
    const ids = Array.from({ length: size }, (_, k) => `${batch}-${k}`);
    const result = await store.appendToStream(stream, ids.map((id, k) => event(id, { batch, k, size })), { expectedRevision: expected })();
    if (result._tag === 'Left') throw new Error(JSON.stringify(result.left));
    revisions.set(stream, result.right.nextExpectedRevision);
    say({ batch, stream, first: expected === 'no_stream' ? 0 : expected + 1, ids });
    await turn();
  }
};

if (mode === 'contend') {
  say({ ready: true });
  process.stdin.once('data', () => {
    contend()
      .then(() => store.close())
      .then(() => process.exit(0), (error) => (console.error(error), process.exit(1)));
  });
} else if (mode === 'batches') {
  batches().catch((error) => (console.error(error), process.exit(1)));
} else {
  console.error(`unknown mode ${mode}`);
  process.exit(2);
}
