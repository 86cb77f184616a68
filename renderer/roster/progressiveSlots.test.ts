import { describe, expect, it } from 'vitest';
import { FIRST_PAINT_ROWS, progressiveRows } from './RosterTable';

const rows = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ id: from + i }));

describe('progressiveRows: what the frame of a change renders', () => {
  it('renders a short list whole', () => {
    const next = rows(0, FIRST_PAINT_ROWS);
    expect(progressiveRows(next, [])).toBe(next);
  });

  it('renders the first FIRST_PAINT_ROWS of a page that is all new', () => {
    const next = rows(0, 100);
    expect(progressiveRows(next, rows(500, 100))).toEqual(next.slice(0, FIRST_PAINT_ROWS));
  });

  it('renders everything when few rows are new (rows on screen are cheap)', () => {
    const committed = rows(0, 100);
    const next = [...committed.slice(0, 95), ...rows(1000, 5)];
    expect(progressiveRows(next, committed)).toBe(next);
  });

  it('keeps the rows shown above the new ones ("Show more")', () => {
    const committed = rows(0, 100);
    const next = [...committed, ...rows(100, 500)];
    const now = progressiveRows(next, committed);
    expect(now).toHaveLength(100 + FIRST_PAINT_ROWS);
    expect(now.slice(0, 100)).toEqual(committed);
  });

  it('counts new rows wherever they are: the prefix ends at the 30th new one', () => {
    const committed = rows(0, 100);
    // Search narrows the list: new rows interleaved with rows already on screen.
    const next = Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? (committed[i] as { id: number }) : { id: 5000 + i }));
    const now = progressiveRows(next, committed);
    expect(now.filter((r) => !committed.includes(r))).toHaveLength(FIRST_PAINT_ROWS);
    expect(now).toEqual(next.slice(0, 2 * FIRST_PAINT_ROWS));
  });

  it('always starts at the top of the list', () => {
    const next = rows(0, 100);
    const now = progressiveRows(next, []);
    expect(now[0]).toBe(next[0]);
    expect(now.length).toBeGreaterThanOrEqual(FIRST_PAINT_ROWS);
  });
});
