import { describe, expect, it } from 'vitest';
import { IsoDate, addDays, dayOfWeek, daysBetween, isIsoDate, isTimeZone, maxDate, minDate, mondayOf, todayIn } from './dates';

describe('calendar dates', () => {
  it('accepts real dates between 2000 and 2099 only, leap days included', () => {
    for (const ok of ['2000-01-01', '2099-12-31', '2024-02-29', '2028-02-29', '2000-02-29', '2026-04-30']) expect(isIsoDate(ok), ok).toBe(true);
    for (const bad of ['2025-02-29', '2100-02-29', '1999-12-31', '2100-01-01', '2026-04-31', '2026-13-01', '2026-00-10', '2026-1-01', ' 2026-01-01', '2026-01-01T00:00', '20260101', '']) {
      expect(isIsoDate(bad), bad).toBe(false);
    }
    expect(IsoDate.safeParse('2025-02-29').error?.issues[0]?.message).toBe('must be a date written YYYY-MM-DD (between 2000 and 2099)');
  });

  it('adds days across month ends, leap days, year ends and daylight-saving changes', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30'); // Europe/Paris springs forward on 2026-03-29
    expect(addDays('2026-11-01', 7)).toBe('2026-11-08'); // America/New_York falls back on 2026-11-01
    expect(addDays('2026-03-10', 0)).toBe('2026-03-10');
    expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31);
    expect(daysBetween('2024-02-01', '2024-03-01')).toBe(29);
    expect(daysBetween('2025-02-01', '2025-03-01')).toBe(28);
    expect(daysBetween('2026-03-30', '2026-03-28')).toBe(-2);
  });

  it('numbers ISO weekdays from Monday and finds the Monday of a week', () => {
    expect(dayOfWeek('2026-03-02')).toBe(1);
    expect(dayOfWeek('2026-03-08')).toBe(7);
    expect(dayOfWeek('2024-02-29')).toBe(4);
    expect(dayOfWeek('2028-02-29')).toBe(2);
    expect(mondayOf('2026-03-02')).toBe('2026-03-02');
    expect(mondayOf('2026-03-04')).toBe('2026-03-02');
    expect(mondayOf('2026-03-08')).toBe('2026-03-02'); // a Sunday belongs to the week that started on Monday
    expect(mondayOf('2027-01-03')).toBe('2026-12-28'); // across a year end
    expect(mondayOf('2028-03-01')).toBe('2028-02-28'); // across a leap day
  });

  it('compares dates', () => {
    expect(minDate('2026-03-02', '2026-02-28')).toBe('2026-02-28');
    expect(maxDate('2026-03-02', '2026-02-28')).toBe('2026-03-02');
  });
});

describe("today in the organization's time zone", () => {
  it('gives the same instant a different date in Pacific/Kiritimati, UTC and Pacific/Pago_Pago', () => {
    const instant = new Date('2026-03-01T10:30:00Z');
    expect(todayIn('Pacific/Kiritimati', instant)).toBe('2026-03-02'); // UTC+14
    expect(todayIn('UTC', instant)).toBe('2026-03-01');
    expect(todayIn('Pacific/Pago_Pago', instant)).toBe('2026-02-28'); // UTC-11
  });

  it('turns the day at local midnight on daylight-saving change days', () => {
    // Europe/Paris, 2026-03-29: 02:00 CET becomes 03:00 CEST.
    expect(todayIn('Europe/Paris', new Date('2026-03-28T22:59:00Z'))).toBe('2026-03-28');
    expect(todayIn('Europe/Paris', new Date('2026-03-28T23:00:00Z'))).toBe('2026-03-29');
    expect(todayIn('Europe/Paris', new Date('2026-03-29T21:59:00Z'))).toBe('2026-03-29'); // 23:59 CEST
    expect(todayIn('Europe/Paris', new Date('2026-03-29T22:00:00Z'))).toBe('2026-03-30');
    // America/New_York, 2026-11-01: 02:00 EDT becomes 01:00 EST.
    expect(todayIn('America/New_York', new Date('2026-11-01T03:59:00Z'))).toBe('2026-10-31');
    expect(todayIn('America/New_York', new Date('2026-11-01T04:00:00Z'))).toBe('2026-11-01');
    expect(todayIn('America/New_York', new Date('2026-11-02T04:59:00Z'))).toBe('2026-11-01'); // 23:59 EST
    expect(todayIn('America/New_York', new Date('2026-11-02T05:00:00Z'))).toBe('2026-11-02');
    // America/New_York, 2026-03-08: 02:00 EST becomes 03:00 EDT.
    expect(todayIn('America/New_York', new Date('2026-03-08T04:59:00Z'))).toBe('2026-03-07');
    expect(todayIn('America/New_York', new Date('2026-03-08T05:00:00Z'))).toBe('2026-03-08');
  });

  it('reads a leap day and falls back to UTC for an unknown zone', () => {
    expect(todayIn('Asia/Tokyo', new Date('2028-02-28T15:00:00Z'))).toBe('2028-02-29');
    expect(todayIn('Not/A_Zone', new Date('2026-03-01T23:30:00Z'))).toBe('2026-03-01');
    expect(todayIn('', new Date('2026-03-01T23:30:00Z'))).toBe('2026-03-01');
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});
