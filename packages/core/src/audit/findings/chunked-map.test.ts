import { describe, expect, it } from 'vitest';
import { ChunkedMap } from './chunked-map.js';

describe('the chunked map of the audit indexes', () => {
  it('keeps every key across chunks', () => {
    const map = new ChunkedMap<number>(3);
    for (let i = 0; i < 10; i++) map.add(`k${i}`, i);
    expect(map.size).toBe(10);
    expect([...Array(10).keys()].map((i) => map.get(`k${i}`))).toEqual([...Array(10).keys()]);
    expect(map.get('k10')).toBeUndefined();
  });
});
