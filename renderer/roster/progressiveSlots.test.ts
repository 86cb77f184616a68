import { describe, expect, it } from 'vitest';
import { FIRST_PAINT_ROWS, firstPaintRows, progressiveSlots } from './RosterTable';

const rows = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ id: from + i }));

describe('progressiveSlots: what the frame of a change renders, rows keyed by position', () => {
  it('renders a short list whole', () => {
    const next = rows(0, FIRST_PAINT_ROWS);
    expect(progressiveSlots(next, [])).toEqual({ slots: next, shown: FIRST_PAINT_ROWS });
    expect(progressiveSlots(next, []).slots).toBe(next);
  });

  it('renders the first FIRST_PAINT_ROWS of a page that is all new, and hides the old rows past them', () => {
    const next = rows(0, 100);
    const committed = rows(500, 100);
    const { slots, shown } = progressiveSlots(next, committed);
    expect(shown).toBe(FIRST_PAINT_ROWS);
    expect(slots.slice(0, shown)).toEqual(next.slice(0, FIRST_PAINT_ROWS));
    // The old rows keep their places (no row is removed in this frame); the table hides them.
    expect(slots.slice(shown)).toEqual(committed.slice(FIRST_PAINT_ROWS));
  });

  it('renders everything when few places change (unchanged rows cost nothing)', () => {
    const committed = rows(0, 100);
    const next = [...committed.slice(0, 95), ...rows(1000, 5)];
    expect(progressiveSlots(next, committed).slots).toBe(next);
  });

  it('hides the rows past a shorter list instead of removing them in the first frame', () => {
    const committed = rows(0, 100);
    const next = rows(1000, 14);
    const { slots, shown } = progressiveSlots(next, committed);
    expect(shown).toBe(14);
    expect(slots.slice(0, 14)).toEqual(next);
    expect(slots.slice(14)).toEqual(committed.slice(14));
  });

  it('keeps the rows shown above the new ones ("Show more")', () => {
    const committed = rows(0, 100);
    const next = [...committed, ...rows(100, 500)];
    const { slots, shown } = progressiveSlots(next, committed);
    expect(shown).toBe(100 + FIRST_PAINT_ROWS);
    expect(slots).toEqual(next.slice(0, 100 + FIRST_PAINT_ROWS));
  });

  it('counts changed places wherever they are: the prefix ends before the place that would be one too many', () => {
    const committed = rows(0, 100);
    // Every other place changes.
    const next = Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? (committed[i] as { id: number }) : { id: 5000 + i }));
    const { slots, shown } = progressiveSlots(next, committed);
    expect(shown).toBe(2 * FIRST_PAINT_ROWS + 1);
    expect(slots.slice(0, shown).filter((r, i) => r !== committed[i])).toHaveLength(FIRST_PAINT_ROWS);
    expect(slots.slice(0, shown)).toEqual(next.slice(0, shown));
    expect(slots).toHaveLength(100);
  });

  it('always starts at the top of the list', () => {
    const next = rows(0, 100);
    const { slots, shown } = progressiveSlots(next, []);
    expect(slots[0]).toBe(next[0]);
    expect(shown).toBe(FIRST_PAINT_ROWS);
    expect(slots).toHaveLength(FIRST_PAINT_ROWS);
  });
});

describe('firstPaintRows: changed rows the first frame renders', () => {
  it('covers the whole window height, up to FIRST_PAINT_ROWS', () => {
    expect(firstPaintRows(800)).toBe(22); // 800 / 37 px rows, rounded up
    expect(firstPaintRows(1440)).toBe(FIRST_PAINT_ROWS);
    expect(firstPaintRows(100)).toBe(8);
  });

  it('is the limit progressiveSlots applies', () => {
    const { shown } = progressiveSlots(rows(0, 100), rows(500, 100), firstPaintRows(800));
    expect(shown).toBe(22);
  });
});
