import type { AthleteStatus } from '../../shared/domain/athlete';

export const STATUS_LABELS: Record<AthleteStatus, string> = { active: 'Active', inactive: 'Inactive', suspended: 'Suspended' };
export const STATUS_COLORS: Record<AthleteStatus, string> = { active: 'teal', inactive: 'gray', suspended: 'orange' };

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hour12: false });
const dayFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });

/** "14:02" today, "3 Mar, 14:02" on another day. */
export function formatTime(date: Date, now: Date = new Date()): string {
  const sameDay = date.toDateString() === now.toDateString();
  return sameDay ? timeFormat.format(date) : `${dayFormat.format(date)}, ${timeFormat.format(date)}`;
}
