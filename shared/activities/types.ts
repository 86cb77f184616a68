/**
 * The result shapes of activity file import (shared/activities/import.ts is the entry point and
 * re-exports them). Kept apart so the per-format parsers can use them without importing the
 * dispatcher that imports them.
 */
import type { ActivitySummary } from '../domain/activity';
import type { IsoDate } from '../schedule/dates';

export type ParsedMetric = { date: IsoDate; resting_hr: number | null; hrv_ms: number | null };
/** where: "line 12", "trkpt 340", "record 5", "session 2", "workout 3", "file". */
export type FileProblem = { where: string; message: string };
export type ActivityFormat = 'fit' | 'gpx' | 'tcx' | 'apple_health';
export type ParsedFile =
  | { ok: true; format: ActivityFormat; activities: ActivitySummary[]; metrics: ParsedMetric[]; skipped: FileProblem[] }
  | { ok: false; format: ActivityFormat | 'unknown'; problems: FileProblem[] };

export type ParseOptions = { timeZone?: string };

/** Builds the answer of a parser: a file with nothing importable left fails with what was skipped. */
export function fileResult(
  format: ActivityFormat,
  activities: ActivitySummary[],
  metrics: ParsedMetric[],
  skipped: FileProblem[],
  nothingMessage: string,
): ParsedFile {
  if (activities.length === 0 && metrics.length === 0) {
    return { ok: false, format, problems: skipped.length > 0 ? capProblems(skipped) : [{ where: 'file', message: nothingMessage }] };
  }
  return { ok: true, format, activities, metrics, skipped: capProblems(skipped) };
}

/** At most this many problems are listed one by one; the rest are counted in a last entry. */
export const MAX_LISTED_PROBLEMS = 50;

export function capProblems(problems: FileProblem[]): FileProblem[] {
  if (problems.length <= MAX_LISTED_PROBLEMS) return problems;
  const rest = problems.length - MAX_LISTED_PROBLEMS + 1;
  return [...problems.slice(0, MAX_LISTED_PROBLEMS - 1), { where: 'file', message: `and ${rest.toLocaleString('en-US')} more like these` }];
}

export const fail = (format: ActivityFormat | 'unknown', where: string, message: string): ParsedFile => ({
  ok: false,
  format,
  problems: [{ where, message }],
});
