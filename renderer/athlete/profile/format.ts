/**
 * Small formatting helpers of the profile: relative times ("2 h ago") and goal-form parsing of
 * clock texts ("3:29:30", "4:55") and distances in the coach's unit. Pure, tested in format.test.ts.
 */
import { METERS_PER_MILE, type DistanceUnits } from '../../../shared/training/units';

/** "just now", "5 min ago", "2 h ago", "3 days ago"; a future time (a skewed clock) reads "just now". */
export function timeAgo(iso: string, now: Date = new Date()): string {
  const ms = now.getTime() - new Date(iso).getTime();
  const min = Math.floor(ms / 60_000);
  if (!Number.isFinite(min) || min < 1) return 'just now';
  if (min < 60) return `${min} min ago`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.floor(h / 24)} days ago`;
}

/** "3:29:30" -> 12570, "45:10" -> 2710, "1:05" (m:ss) -> 65; null when not a clock text. */
export function parseClock(text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,3}(:\d{1,2}){1,2}$/.test(t)) return null;
  const parts = t.split(':').map(Number);
  if (parts.slice(1).some((p) => p >= 60)) return null;
  return parts.reduce((s, p) => s * 60 + p, 0);
}

/** h:mm:ss of a whole number of seconds (for the goal form's initial text). */
export function clockText(s: number, withHours = true): string {
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return withHours || h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

export const unitMeters = (units: DistanceUnits): number => (units === 'mi' ? METERS_PER_MILE : 1000);

/** Race distances a coach picks from; custom is typed in the unit setting. */
export const RACE_PRESETS = [
  { value: '5000', label: '5K' },
  { value: '10000', label: '10K' },
  { value: '21097', label: 'Half marathon' },
  { value: '42195', label: 'Marathon' },
  { value: 'custom', label: 'Custom' },
] as const;

export function presetOf(distanceM: number | null | undefined): string {
  const found = RACE_PRESETS.find((p) => p.value !== 'custom' && Number(p.value) === distanceM);
  return found ? found.value : 'custom';
}

/** A pace typed per km or per mile ("7:30") to seconds per km, rounded; null when not m:ss. */
export function paceFromText(text: string, units: DistanceUnits): number | null {
  const s = parseClock(text);
  if (s === null) return null;
  return Math.round(units === 'mi' ? (s * 1000) / METERS_PER_MILE : s);
}

/** Seconds per km to "m:ss" per the unit. */
export function paceText(sPerKm: number, units: DistanceUnits): string {
  return clockText(Math.round(units === 'mi' ? (sPerKm * METERS_PER_MILE) / 1000 : sPerKm), false);
}

/** A round step so that about 4 gridlines cover `max`. */
export function niceStep(max: number): number {
  if (max <= 0) return 10;
  const raw = max / 4;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((f) => f * pow).find((s) => s >= raw) ?? 10 * pow;
  return step;
}
