/**
 * Calendar dates (IsoDate strings, no time zone) as a coach reads them: "Mon 1 Dec 2026".
 * Built by hand rather than with Intl so a date never shifts with the device's time zone and
 * reads the same on every machine.
 */
import { addDays, dayOfWeek, isIsoDate, mondayOf, type IsoDate } from '../../shared/schedule/dates';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

export const weekdayShort = (day: number): string => WEEKDAYS[day - 1] ?? '';

/** "Mon 1 Dec 2026"; the text itself when it is not a date. */
export function formatDate(date: IsoDate, options: { year?: boolean } = {}): string {
  if (!isIsoDate(date)) return date;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const text = `${weekdayShort(dayOfWeek(date))} ${d} ${MONTHS[m - 1]}`;
  return options.year === false ? text : `${text} ${y}`;
}

/** "Mon 1 Dec – Sun 22 Feb 2027", "Mon 1 – Sun 7 Dec 2026" style ranges, the year said once when both share it. */
export function formatDateRange(from: IsoDate, to: IsoDate): string {
  if (!isIsoDate(from) || !isIsoDate(to)) return `${from} – ${to}`;
  const sameYear = from.slice(0, 4) === to.slice(0, 4);
  return `${formatDate(from, { year: !sameYear })} – ${formatDate(to)}`;
}

/** The Monday after `today` (a week away when today is a Monday): the usual start of a plan. */
export const nextMonday = (today: IsoDate): IsoDate => addDays(mondayOf(today), 7);
