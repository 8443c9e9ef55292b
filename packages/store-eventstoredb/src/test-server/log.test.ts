import { describe, expect, it } from 'vitest';
import { DELETED_STREAM, MemoryLog } from './log.js';
import type { ProposedEvent } from './log.js';

const event = (id: string): ProposedEvent => ({ id, metadata: new Map([['type', 'T']]), customMetadata: new Uint8Array(), data: new Uint8Array([1, 2, 3]) });

describe('MemoryLog of the protocol test server (not EventStoreDB)', () => {
  it('answers an empty append with the current revision and no position, writing nothing', () => {
    const log = new MemoryLog();
    expect(log.append('s', 'any', [])).toEqual({ kind: 'success', current: 'no_stream', position: undefined });
    expect(log.stream('s')).toBeUndefined();
    expect(log.append('s', 0n, [])).toEqual({ kind: 'wrong_expected_version', current: 'no_stream', expected: 0n });
  });

  it('refuses a re-append whose ids only partly match what is stored', () => {
    const log = new MemoryLog();
    log.append('s', 'no_stream', [event('a'), event('b')]);
    expect(log.append('s', 'no_stream', [event('a'), event('c')])).toMatchObject({ kind: 'wrong_expected_version', current: 1n });
    expect(log.append('s', 'no_stream', [event('a'), event('b'), event('c')])).toMatchObject({ kind: 'wrong_expected_version' });
    expect(log.all).toHaveLength(2);
  });

  it('de-duplicates a re-append with any when the ids sit consecutively in the stream', () => {
    const log = new MemoryLog();
    const first = log.append('s', 'any', [event('a'), event('b')]);
    expect(log.append('s', 'any', [event('a'), event('b')])).toEqual(first);
    expect(log.append('s', 'any', [event('b')])).toMatchObject({ kind: 'success', current: 1n });
    expect(log.all).toHaveLength(2);
  });

  it('gives strictly increasing positions with gaps across streams, and notifies listeners in order', () => {
    const log = new MemoryLog();
    const seen: string[] = [];
    const unsubscribe = log.onAppended((e) => seen.push(`${e.streamName}/${e.revision}`));
    log.append('a', 'no_stream', [event('1'), event('2')]);
    unsubscribe();
    log.append('b', 'no_stream', [event('3')]);
    const positions = log.all.map((e) => e.position);
    expect(positions[0]).toBeGreaterThan(0n);
    positions.slice(1).forEach((p, i) => expect(p - (positions[i] ?? 0n)).toBeGreaterThan(1n));
    expect(seen).toEqual(['a/0', 'a/1']);
  });

  it('stamps created from its clock, as 100-ns ticks since the Unix epoch', () => {
    const log = new MemoryLog({ now: () => 1_700_000_000_123 });
    log.append('s', 'any', [event('a')]);
    expect(log.all[0]?.metadata.get('created')).toBe('17000000001230000');
  });

  it('soft-deletes: reads find nothing, $all keeps the events and gains a $metadata record; appends recreate after the old revisions', () => {
    const log = new MemoryLog();
    log.append('s', 'any', [event('a'), event('b')]);
    const deleted = log.delete('s', 1n, false);
    expect(deleted).toMatchObject({ kind: 'success' });
    expect(log.stream('s')).toBeUndefined();
    expect(log.all.map((e) => `${e.streamName}:${e.metadata.get('type')}`)).toEqual(['s:T', 's:T', '$$s:$metadata']);
    expect(log.truncateBefore('s')).toBe(DELETED_STREAM);
    expect(log.append('s', 'stream_exists', [event('c')])).toEqual({ kind: 'stream_deleted' });
    expect(log.append('s', 'no_stream', [event('c')])).toMatchObject({ kind: 'success', current: 2n });
    expect(log.truncateBefore('s')).toBe(2n);
    expect(log.stream('s')?.map((e) => e.revision)).toEqual([2n]);
  });

  it('checks a delete like an append with a fresh id: any and no_stream pass on a missing stream, a revision must match', () => {
    const log = new MemoryLog();
    expect(log.delete('missing', 0n, false)).toEqual({ kind: 'wrong_expected_version', current: 'no_stream', expected: 0n });
    expect(log.delete('missing', 'stream_exists', true)).toEqual({ kind: 'wrong_expected_version', current: 'no_stream', expected: 'stream_exists' });
    expect(log.delete('missing', 'no_stream', false)).toMatchObject({ kind: 'success' });
    log.append('s', 'any', [event('a')]);
    expect(log.delete('s', 'no_stream', false)).toEqual({ kind: 'wrong_expected_version', current: 0n, expected: 'no_stream' });
    expect(log.delete('s', 'any', false)).toMatchObject({ kind: 'success' });
    expect(log.delete('s', 'no_stream', false)).toMatchObject({ kind: 'success' });
  });

  it('tombstones: a $streamDeleted record at the maximum revision, then every append and delete is refused', () => {
    const log = new MemoryLog();
    log.append('s', 'any', [event('a')]);
    const outcome = log.delete('s', 'stream_exists', true);
    expect(outcome).toEqual({ kind: 'success', position: log.all[1]?.position });
    expect(log.all[1]).toMatchObject({ streamName: 's', revision: DELETED_STREAM });
    expect(log.all[1]?.metadata.get('type')).toBe('$streamDeleted');
    expect(log.tombstoned('s')).toBe(true);
    expect(log.stream('s')).toBeUndefined();
    expect(log.append('s', 'any', [event('a')])).toEqual({ kind: 'stream_deleted' });
    expect(log.delete('s', 'any', false)).toEqual({ kind: 'stream_deleted' });
    expect(log.delete('s', 'any', true)).toEqual({ kind: 'stream_deleted' });
  });
});
