/**
 * A workout's numbers as a coach types and reads them: distance in km ("12.5"), duration as h:mm
 * ("1:15"), target pace as m:ss per km ("5:30"), effort as RPE. The plan documents hold metres and
 * seconds (shared/domain/plan.ts); these helpers convert both ways and name what is wrong in a
 * typed value. Kilometres only for now: the coach's km/miles setting comes with issue 5.
 */
import { WORKOUT_KIND_LABELS, type PlanSession } from '../../shared/domain/plan';

export type Parsed = { ok: true; value: number | null } | { ok: false; error: string };

const empty = (text: string) => text.trim() === '';

/** "12.5" or "12,5" km -> 12500 m; empty -> null. */
export function parseKm(text: string): Parsed {
  if (empty(text)) return { ok: true, value: null };
  const t = text.trim().replace(',', '.').replace(/\s*km$/i, '');
  if (!/^\d+(\.\d+)?$/.test(t)) return { ok: false, error: 'Enter kilometres, e.g. 10 or 12.5' };
  return { ok: true, value: Math.round(Number(t) * 1000) };
}

/** "1:15" -> 4500 s; a bare number is minutes ("45" -> 2700 s); empty -> null. */
export function parseDuration(text: string): Parsed {
  if (empty(text)) return { ok: true, value: null };
  const t = text.trim();
  const hm = /^(\d{1,2}):(\d{2})$/.exec(t);
  if (hm) {
    const minutes = Number(hm[2]);
    if (minutes > 59) return { ok: false, error: 'Minutes go up to 59, e.g. 1:15' };
    return { ok: true, value: Number(hm[1]) * 3600 + minutes * 60 };
  }
  if (/^\d{1,4}$/.test(t)) return { ok: true, value: Number(t) * 60 };
  return { ok: false, error: 'Enter hours and minutes as h:mm, e.g. 1:15' };
}

/** "5:30" (per km) -> 330 s; empty -> null. */
export function parsePace(text: string): Parsed {
  if (empty(text)) return { ok: true, value: null };
  const m = /^(\d{1,2}):(\d{2})(\s*\/\s*km)?$/i.exec(text.trim());
  if (!m) return { ok: false, error: 'Enter minutes and seconds per km as m:ss, e.g. 5:30' };
  const seconds = Number(m[2]);
  if (seconds > 59) return { ok: false, error: 'Seconds go up to 59, e.g. 5:30' };
  return { ok: true, value: Number(m[1]) * 60 + seconds };
}

const two = (n: number) => String(n).padStart(2, '0');

/** 12500 -> "12.5" (for an input). */
export const kmInput = (metres: number | null): string => (metres === null ? '' : String(Math.round(metres / 10) / 100));
/** 4500 -> "1:15" (for an input). */
export const durationInput = (seconds: number | null): string =>
  seconds === null ? '' : `${Math.floor(seconds / 3600)}:${two(Math.floor((seconds % 3600) / 60))}`;
/** 330 -> "5:30" (for an input). */
export const paceInput = (seconds: number | null): string => (seconds === null ? '' : `${Math.floor(seconds / 60)}:${two(seconds % 60)}`);

export const formatDistance = (metres: number): string => `${kmInput(metres)} km`;
/** "45 min", "1:15 h". */
export const formatDuration = (seconds: number): string => (seconds < 3600 ? `${Math.round(seconds / 60)} min` : `${durationInput(seconds)} h`);
export const formatPace = (seconds: number): string => `${paceInput(seconds)}/km`;

/** The numbers of a workout, each a short phrase: ["12 km", "1:05 h", "5:30/km", "RPE 6"]. */
export function workoutFigures(s: Pick<PlanSession, 'distance_m' | 'duration_s' | 'target_pace_s_per_km' | 'effort_rpe'>): string[] {
  const out: string[] = [];
  if (s.distance_m !== null) out.push(formatDistance(s.distance_m));
  if (s.duration_s !== null) out.push(formatDuration(s.duration_s));
  if (s.target_pace_s_per_km !== null) out.push(formatPace(s.target_pace_s_per_km));
  if (s.effort_rpe !== null) out.push(`RPE ${s.effort_rpe}`);
  return out;
}

/** "Long run · 18 km · 5:30/km". */
export const workoutSummary = (s: PlanSession): string => [WORKOUT_KIND_LABELS[s.kind], ...workoutFigures(s)].join(' · ');

/** One colour per kind of workout, so a plan's week reads at a glance. */
export const KIND_COLORS: Record<PlanSession['kind'], string> = {
  easy: 'teal',
  long_run: 'blue',
  intervals: 'red',
  tempo: 'orange',
  recovery: 'lime',
  fartlek: 'yellow',
  hills: 'grape',
  race: 'pink',
  cross_training: 'cyan',
  rest: 'gray',
};
