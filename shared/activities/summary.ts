/**
 * From what a parser measured in a file (a draft) to an ActivitySummary the domain accepts.
 *
 * Every parser ends here, so the rules are the same for every format: values are rounded to the
 * schema's integers, a missing name becomes "Run 12 May" (the start day in the caller's time zone,
 * UTC without one), a start outside 2000-2099 (a watch whose clock was never set writes 1989) or a
 * value outside the schema's range becomes a problem in a coach's words, never an exception.
 */
import { ActivitySummary, SPORT_LABELS, type ActivitySource, type Sport } from '../domain/activity';
import { CONTROL_CHARS } from '../domain/common';
import type { FileProblem } from './types';

export type ActivityDraft = {
  sport: Sport;
  /** The name the file gives, if any (cleaned here). */
  name: string | null;
  start: Date;
  durationS: number;
  distanceM: number | null;
  elevationGainM: number | null;
  avgHr: number | null;
  maxHr: number | null;
};

export type SummaryResult = { ok: true; summary: ActivitySummary } | { ok: false; problem: FileProblem };

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Throws RangeError for a time zone the runtime does not know (import.ts checks it first). */
export function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The calendar day (YYYY-MM-DD) of an instant in a time zone. */
export function dayIn(instant: Date, timeZone = 'UTC'): string {
  const parts = dayFormatter(timeZone).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** "Run 12 May" from a sport and a YYYY-MM-DD day. */
export function defaultName(sport: Sport, day: string): string {
  const month = MONTHS[Number(day.slice(5, 7)) - 1] ?? '';
  return `${SPORT_LABELS[sport]} ${Number(day.slice(8, 10))} ${month}`.trim();
}

/** A file's name text made single-line, printable and at most 120 characters (whole code points). */
export function cleanName(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const flat = Array.from(raw.replace(/[\r\n\t]+/g, ' '))
    .filter((ch) => !CONTROL_CHARS.test(ch) && !/^[\uD800-\uDFFF]$/.test(ch))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  if (flat === '') return null;
  return Array.from(flat).slice(0, 120).join('').trim();
}

const FIELD_WORDS: Record<string, string> = {
  duration_s: 'duration',
  distance_m: 'distance',
  elevation_gain_m: 'elevation gain',
  avg_hr: 'average heart rate',
  max_hr: 'maximum heart rate',
  start_time: 'start time',
  name: 'name',
  sport: 'sport',
};

const roundOrNull = (value: number | null): number | null => (value == null || !Number.isFinite(value) ? null : Math.round(value));

/** Turns a draft into a valid summary, or says (at `where`) why it cannot be one. */
/** How to name an unnamed activity's day: a given day, else the start's day in timeZone (UTC without one). */
export type Naming = { timeZone?: string; day?: string };

export function toSummary(source: ActivitySource, draft: ActivityDraft, where: string, naming: Naming = {}): SummaryResult {
  const startMs = draft.start.getTime();
  if (!Number.isFinite(startMs)) return { ok: false, problem: { where, message: 'Its start time is missing or not a date.' } };
  const year = draft.start.getUTCFullYear();
  if (year < 2000 || year > 2099) {
    return {
      ok: false,
      problem: { where, message: `Its start time ${draft.start.toISOString().slice(0, 10)} is not plausible (the device clock may not have been set).` },
    };
  }
  const summary = {
    source,
    sport: draft.sport,
    name: cleanName(draft.name) ?? defaultName(draft.sport, naming.day ?? dayIn(draft.start, naming.timeZone)),
    start_time: draft.start.toISOString(),
    duration_s: roundOrNull(draft.durationS) ?? 0,
    distance_m: roundOrNull(draft.distanceM),
    elevation_gain_m: roundOrNull(draft.elevationGainM),
    avg_hr: roundOrNull(draft.avgHr),
    max_hr: roundOrNull(draft.maxHr),
    rpe: null,
  };
  const parsed = ActivitySummary.safeParse(summary);
  if (parsed.success) return { ok: true, summary: parsed.data };
  const issue = parsed.error.issues[0];
  const field = String(issue?.path[0] ?? '');
  const value = (summary as Record<string, unknown>)[field];
  const shown = typeof value === 'number' ? ` (${value.toLocaleString('en-US')})` : '';
  return { ok: false, problem: { where, message: `Its ${FIELD_WORDS[field] ?? field}${shown} is not accepted: ${issue?.message ?? 'invalid'}.` } };
}
