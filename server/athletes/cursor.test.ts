import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor';

describe('athlete list cursor', () => {
  it('round-trips the sort key, accents included, as a URL-safe string', () => {
    const key = { last: 'núñez', first: 'zoë', id: '7c0b6a8e-5f9a-4a43-9d1e-6f1f2c3b4a5d' };
    const cursor = encodeCursor(key);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(key);
  });

  it('refuses anything that is not a cursor it made', () => {
    const forged = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    for (const bad of ['', 'not a cursor', '%%%', forged({ last: 'a' }), forged([2, 'a', 'b', 'c']), forged([1, 'a', 'b', '']), forged([1, 1, 'b', 'c']), 'e30', 'x'.repeat(3000)]) {
      expect(decodeCursor(bad)).toBeNull();
    }
  });
});
