/**
 * Distances, paces and durations as a coach reads them, in the coach's unit setting (km or miles).
 * Used by the insights (shared/training/insights.ts) and by the app, so a number reads the same in
 * a sentence and in a table. Plain string building, no Intl: the same text on every machine.
 */

export type DistanceUnits = 'km' | 'mi';

/** Metres in one statute mile (international yard and pound agreement, 1959). */
export const METERS_PER_MILE = 1609.344;

const unitMeters = (units: DistanceUnits): number => (units === 'mi' ? METERS_PER_MILE : 1000);

/** 1234567 -> "1,234,567". */
function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * "12.4 km", "58 km", "7.7 mi". One decimal under 100 units, whole units from 100 on (unless
 * `decimals` says otherwise); exactly zero reads "0 km".
 */
export function formatDistance(m: number, units: DistanceUnits, decimals?: number): string {
  const value = m / unitMeters(units);
  if (value === 0) return `0 ${units}`;
  const places = decimals ?? (Math.abs(value) < 100 ? 1 : 0);
  const [whole = '0', frac] = Math.abs(value).toFixed(places).split('.');
  const sign = value < 0 ? '-' : '';
  return `${sign}${groupThousands(whole)}${frac === undefined ? '' : `.${frac}`} ${units}`;
}

/** m:ss, or h:mm:ss from one hour on, of a whole number of seconds. */
function clock(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** "4:35 /km", or per mile: 275 s/km -> 442.57 s/mi -> "7:23 /mi". Rounded to the second. */
export function formatPace(sPerKm: number, units: DistanceUnits): string {
  const perUnit = units === 'mi' ? (sPerKm * METERS_PER_MILE) / 1000 : sPerKm;
  return `${clock(perUnit)} /${units}`;
}

/** "1:02:03" from one hour on, "45:07" under an hour; rounded to the second. */
export function formatDuration(s: number): string {
  return clock(s);
}

/** Seconds per kilometre of a distance covered in a time, or null when there is no distance. */
export function paceSPerKm(distanceM: number | null, durationS: number): number | null {
  return distanceM === null || distanceM <= 0 ? null : durationS / (distanceM / 1000);
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** "Sun 15 Nov" for 2026-11-15 (a calendar date, no time zone involved). */
export function formatDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y ?? 2000, (m ?? 1) - 1, d ?? 1));
  return `${WEEKDAYS[(t.getUTCDay() + 6) % 7]} ${t.getUTCDate()} ${MONTHS[t.getUTCMonth()]}`;
}
