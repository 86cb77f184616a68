/**
 * Activities (runs and other sessions an athlete did) and daily wellness measurements, replicated
 * as collections `activities` and `daily_metrics`.
 *
 * Both are summaries: no GPS track or sample stream is stored, only what the profile, the
 * training-load module (shared/training) and the attention signals read. They arrive from files a
 * coach drops on a profile (FIT, GPX, TCX, Apple Health export: shared/activities), through the API
 * (partners and integrations) and from the demo seed.
 *
 * Ids are derived (shared/domain/stable-id.ts): an activity is named by its athlete and its start
 * time to the minute, so the same run imported twice, from two files or two laptops, is one
 * document; a daily metric by its athlete and date. Activities never change once stored (a coach
 * may remove one: tombstone); a daily metric is replaced by a newer measurement of the same day.
 */
import { z } from 'zod';
import { IsoDate } from '../schedule/dates';
import { Id, Timestamp, lineText } from './common';
import { stableId } from './stable-id';

export const ACTIVITY_SOURCES = ['fit', 'gpx', 'tcx', 'apple_health', 'strava', 'garmin', 'api'] as const;
export const ActivitySource = z.enum(ACTIVITY_SOURCES);
export type ActivitySource = z.infer<typeof ActivitySource>;
export const ACTIVITY_SOURCE_LABELS: Record<ActivitySource, string> = {
  fit: 'FIT file',
  gpx: 'GPX file',
  tcx: 'TCX file',
  apple_health: 'Apple Health',
  strava: 'Strava',
  garmin: 'Garmin',
  api: 'API',
};

export const SPORTS = ['run', 'trail_run', 'walk', 'ride', 'swim', 'strength', 'other'] as const;
export const Sport = z.enum(SPORTS);
export type Sport = z.infer<typeof Sport>;
export const SPORT_LABELS: Record<Sport, string> = {
  run: 'Run',
  trail_run: 'Trail run',
  walk: 'Walk',
  ride: 'Ride',
  swim: 'Swim',
  strength: 'Strength',
  other: 'Other',
};
/** Sports whose distance counts in the weekly running distance. */
export const RUNNING_SPORTS: readonly Sport[] = ['run', 'trail_run'];

/** Longest single activity accepted: 7 days (ultra events included). */
export const MAX_ACTIVITY_SECONDS = 7 * 24 * 3600;
/** Longest distance accepted: 2,000 km. */
export const MAX_ACTIVITY_METERS = 2_000_000;

const heartRate = z.number().int().min(25, 'heart rate must be at least 25 bpm').max(250, 'heart rate must be at most 250 bpm');

/** What a file or a partner tells about one activity (the document without id, athlete and bookkeeping). */
export const ActivitySummary = z.object({
  source: ActivitySource,
  sport: Sport,
  name: lineText(120),
  /** Start, UTC, ISO-8601. */
  start_time: Timestamp,
  /** Elapsed time in seconds. */
  duration_s: z.number().int().min(1, 'duration must be at least 1 second').max(MAX_ACTIVITY_SECONDS, 'duration must be at most 7 days'),
  distance_m: z.number().int().min(0).max(MAX_ACTIVITY_METERS, 'distance must be at most 2,000 km').nullable(),
  elevation_gain_m: z.number().int().min(0).max(20_000).nullable(),
  avg_hr: heartRate.nullable(),
  max_hr: heartRate.nullable(),
  /** Session RPE 1-10 when the athlete or partner gave one. */
  rpe: z.number().int().min(1).max(10).nullable(),
});
export type ActivitySummary = z.infer<typeof ActivitySummary>;

export const Activity = ActivitySummary.extend({
  id: Id,
  athlete_id: Id,
  /** The day the activity started, in the organization's time zone (what "this week" counts). */
  local_date: IsoDate,
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type Activity = z.infer<typeof Activity>;

/** The activity's id: its athlete and its start time to the minute (the same run twice is one document). */
export function activityId(athleteId: string, startTime: string): string {
  const minute = new Date(startTime).toISOString().slice(0, 16);
  return stableId(`activity|${athleteId.toLowerCase()}|${minute}`);
}

/** One day's wellness measurements of an athlete (Apple Health export, partners). */
export const DailyMetric = z.object({
  id: Id,
  athlete_id: Id,
  date: IsoDate,
  resting_hr: heartRate.nullable(),
  /** Heart-rate variability, SDNN in milliseconds. */
  hrv_ms: z.number().min(1).max(500).nullable(),
  source: ActivitySource,
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type DailyMetric = z.infer<typeof DailyMetric>;

export const dailyMetricId = (athleteId: string, date: string): string => stableId(`daily-metric|${athleteId.toLowerCase()}|${date}`);

/** Body of POST .../athletes/{id}/activities (JSON): one activity or up to 500. */
export const ActivityInput = ActivitySummary.extend({ source: ActivitySource.default('api'), name: lineText(120).default('') });
export const ActivitiesRequest = z.union([ActivityInput, z.strictObject({ activities: z.array(ActivityInput).min(1).max(500) })]);
