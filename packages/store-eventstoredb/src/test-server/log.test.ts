import { describe, expect, it } from 'vitest';
import { MemoryLog } from './log.js';
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
});
