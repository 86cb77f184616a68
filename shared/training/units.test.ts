import { describe, expect, it } from 'vitest';
import { formatDay, formatDistance, formatDuration, formatPace, paceSPerKm } from './units';

describe('unit formatting', () => {
  it('writes distances in km or miles, one decimal under 100', () => {
    expect(formatDistance(12_400, 'km')).toBe('12.4 km');
    expect(formatDistance(58_000, 'km', 0)).toBe('58 km');
    expect(formatDistance(5_000, 'km')).toBe('5.0 km');
    expect(formatDistance(0, 'km')).toBe('0 km');
    expect(formatDistance(0, 'mi')).toBe('0 mi');
    // 58,000 m / 1,609.344 = 36.0395 mi
    expect(formatDistance(58_000, 'mi')).toBe('36.0 mi');
    expect(formatDistance(1_609.344, 'mi')).toBe('1.0 mi');
    expect(formatDistance(123_456, 'km')).toBe('123 km');
    expect(formatDistance(1_234_567, 'km')).toBe('1,235 km');
    expect(formatDistance(99_960, 'km')).toBe('100.0 km'); // 99.96 rounds up at one decimal
  });

  it('writes paces per km or per mile, rounded to the second', () => {
    expect(formatPace(275, 'km')).toBe('4:35 /km');
    // 275 s/km × 1.609344 = 442.57 s/mi -> 7:23
    expect(formatPace(275, 'mi')).toBe('7:23 /mi');
    expect(formatPace(299.6, 'km')).toBe('5:00 /km'); // 299.6 rounds to 300, never "4:60"
    expect(formatPace(3723, 'km')).toBe('1:02:03 /km');
    expect(paceSPerKm(10_000, 3000)).toBe(300);
    expect(paceSPerKm(null, 3000)).toBeNull();
    expect(paceSPerKm(0, 3000)).toBeNull();
  });

  it('writes durations as h:mm:ss from one hour, m:ss under it', () => {
    expect(formatDuration(3723)).toBe('1:02:03');
    expect(formatDuration(2707)).toBe('45:07');
    expect(formatDuration(59.5)).toBe('1:00');
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(36_000)).toBe('10:00:00');
  });

  it('writes a calendar date as weekday, day and month', () => {
    expect(formatDay('2026-11-15')).toBe('Sun 15 Nov');
    expect(formatDay('2024-02-29')).toBe('Thu 29 Feb');
    expect(formatDay('2027-01-04')).toBe('Mon 4 Jan');
  });
});
