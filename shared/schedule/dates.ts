/**
 * Calendar dates as ISO strings (`YYYY-MM-DD`), with no time of day and no time zone: a plan's
 * sessions fall on days, and "today" is a day in the organization's time zone. Arithmetic runs on
 * UTC midnights, where every day has 24 hours, so daylight-saving changes never shift a date.
 */
import { z } from 'zod';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** A real calendar date between 2000-01-01 and 2099-12-31 (2025-02-29 is refused, 2024-02-29 is not). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 2000 || y > 2099) return false;
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

export const IsoDate = z.string().refine(isIsoDate, 'must be a date written YYYY-MM-DD (between 2000 and 2099)');
export type IsoDate = string;

const toUtc = (date: IsoDate): number => {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
};
const fromUtc = (ms: number): IsoDate => new Date(ms).toISOString().slice(0, 10);

export const addDays = (date: IsoDate, days: number): IsoDate => fromUtc(toUtc(date) + days * DAY_MS);
export const daysBetween = (from: IsoDate, to: IsoDate): number => Math.round((toUtc(to) - toUtc(from)) / DAY_MS);

/** 1 = Monday ... 7 = Sunday (ISO 8601). */
export const dayOfWeek = (date: IsoDate): number => ((new Date(toUtc(date)).getUTCDay() + 6) % 7) + 1;
/** The Monday of the ISO week that holds `date`. */
export const mondayOf = (date: IsoDate): IsoDate => addDays(date, 1 - dayOfWeek(date));

export const minDate = (a: IsoDate, b: IsoDate): IsoDate => (a <= b ? a : b);
export const maxDate = (a: IsoDate, b: IsoDate): IsoDate => (a >= b ? a : b);

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The calendar date at instant `now` in `timeZone` (an IANA name such as Europe/Paris); UTC when the name is unknown. */
export function todayIn(timeZone: string, now: Date = new Date()): IsoDate {
  const zone = isTimeZone(timeZone) ? timeZone : 'UTC';
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}
