import { describe, expect, it } from 'vitest';
import { formatDate, formatDateRange, nextMonday } from './dates';

describe('calendar dates for coaches', () => {
  it('formats a date with its weekday, whatever the device zone', () => {
    expect(formatDate('2026-12-01')).toBe('Tue 1 Dec 2026');
    expect(formatDate('2024-02-29')).toBe('Thu 29 Feb 2024');
    expect(formatDate('2026-12-07', { year: false })).toBe('Mon 7 Dec');
    expect(formatDate('not a date')).toBe('not a date');
  });

  it('says the year once in a range within one year', () => {
    expect(formatDateRange('2026-11-30', '2026-12-27')).toBe('Mon 30 Nov – Sun 27 Dec 2026');
    expect(formatDateRange('2026-12-28', '2027-02-21')).toBe('Mon 28 Dec 2026 – Sun 21 Feb 2027');
  });

  it('gives the next Monday, a week on when today is a Monday', () => {
    expect(nextMonday('2026-12-02')).toBe('2026-12-07');
    expect(nextMonday('2026-12-06')).toBe('2026-12-07');
    expect(nextMonday('2026-12-07')).toBe('2026-12-14');
    expect(nextMonday('2024-02-28')).toBe('2024-03-04');
  });
});
