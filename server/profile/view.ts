/**
 * GET .../athletes/{id}/profile: everything the profile page shows in one answer, computed by the
 * same shared modules the app runs offline (shared/training), so the API and the app agree to the
 * number. Every figure names its unit and period. Private notes are part of `athlete`: every caller
 * of organization routes is a coach or an organization API key (coach rights); an athlete-facing
 * answer, when one exists, must leave them out.
 */
import { z } from 'zod';
import { Activity } from '../../shared/domain/activity';
import { Athlete, GoalRace, Integration } from '../../shared/domain/athlete';
import { AttentionSignal, Figure, signalIsOpen } from '../../shared/domain/signal';
import { addDays, todayIn } from '../../shared/schedule/dates';
import { acwr, complianceToDate, fitnessFatigue, insights, loadBetween, monotony, trendLoads, weeklyDistance, activityLoad, type DistanceUnits } from '../../shared/training';
import { notFound } from '../http/errors';
import { athleteAssignmentViews } from '../plans/views';
import { AssignmentView } from '../plans/requests';
import { readAthleteInput, storeReader } from '../signals/input';
import type { DocumentStore } from '../sync/store';
import { orgZone } from './upload';

const round = (x: number, places = 0) => Math.round(x * 10 ** places) / 10 ** places;
const Compliance = z.object({ from: z.string(), to: z.string(), scheduled: z.number().int(), completed: z.number().int(), ratio: z.number().nullable(), by: z.enum(['duration', 'distance']) });

export const ProfileView = z
  .object({
    today: z.string().meta({ description: 'The organization’s date the figures are computed for' }),
    time_zone: z.string(),
    athlete: Athlete,
    plans: z.object({ current: z.array(AssignmentView), upcoming: z.array(AssignmentView) }),
    goal_race: GoalRace.nullable(),
    target_pace_s_per_km: z.number().int().nullable(),
    integrations: z.array(Integration),
    recent_activities: z.array(Activity).meta({ description: 'The last 20 activities, newest first' }),
    weekly_distance: z.object({
      unit: z.literal('m'),
      weeks: z.array(z.object({ week_start: z.string(), distance_m: z.number(), runs: z.number().int(), duration_s: z.number() })),
      description: z.string(),
    }),
    load: z.object({
      unit: z.literal('TRIMP'),
      method: z.string(),
      ctl: z.number(),
      atl: z.number(),
      tsb: z.number(),
      acwr: z.number().nullable(),
      acute_7d: z.number(),
      chronic_weekly_28d: z.number(),
      monotony: z.number().nullable(),
      strain: z.number(),
      last_7_days: z.array(z.object({ date: z.string(), load: z.number() })),
      last_7_days_load: z.number(),
      activities_by_method: z.object({ trimp: z.number().int(), session_rpe: z.number().int(), estimate: z.number().int() }),
    }),
    compliance: z.object({ last_7_days: Compliance, last_28_days: Compliance }),
    insights: z.array(z.object({ key: z.string(), text: z.string(), figures: z.array(Figure) })),
    signals: z.array(AttentionSignal).meta({ description: 'Open signals (snoozed ones whose day passed included), urgent first' }),
  })
  .meta({ id: 'AthleteProfile' });
export type ProfileView = z.infer<typeof ProfileView>;

const LOAD_METHOD =
  'Banister TRIMP from average heart rate; without heart rate a TRIMP-equivalent from session RPE, or from pace against the target pace, or the sport’s typical intensity. ' +
  'CTL and ATL: 42-day and 7-day exponentially weighted daily load (TRIMP/day), TSB = CTL - ATL; ACWR = 7-day load / (28-day load / 4); monotony (Foster) = mean / SD of the 7 daily loads.';

export async function athleteProfile(store: DocumentStore, orgId: string, athleteId: string, units: DistanceUnits = 'km', now: Date = new Date()): Promise<ProfileView> {
  const zone = await orgZone(store.db, orgId);
  const today = todayIn(zone, now);
  const { input } = await readAthleteInput(storeReader(store, orgId), athleteId, today);
  if (!input) throw notFound('Athlete');
  const { athlete, activities, metrics, scheduled, signals } = input;
  const views = await athleteAssignmentViews(store.db, orgId, [athleteId], today);
  const recent = (await store.findBy(orgId, 'activities', 'athlete_id', athleteId))
    .map((d) => d.data as Activity)
    .sort((a, b) => (a.start_time > b.start_time ? -1 : a.start_time < b.start_time ? 1 : 0))
    .slice(0, 20);

  const loads = trendLoads(activities, athlete, today);
  const ff = fitnessFatigue(loads).at(-1);
  const ratio = acwr(loads, today);
  const mono = monotony(loads, today);
  const methods = { trimp: 0, session_rpe: 0, estimate: 0 };
  for (const a of activities) if (a.local_date >= addDays(today, -111) && a.local_date <= today) methods[activityLoad(a, athlete).method] += 1;
  const compliance = (days: number) => ({ from: addDays(today, -days + 1), to: today, ...complianceToDate(scheduled, activities, addDays(today, -days + 1), today) });
  const severityRank = (s: AttentionSignal) => (s.severity === 'urgent' ? 0 : 1);

  return {
    today,
    time_zone: zone,
    athlete,
    plans: { current: views.filter((v) => v.status === 'active'), upcoming: views.filter((v) => v.status === 'upcoming') },
    goal_race: athlete.goal_race,
    target_pace_s_per_km: athlete.target_pace_s_per_km,
    integrations: athlete.integrations,
    recent_activities: recent,
    weekly_distance: {
      unit: 'm',
      weeks: weeklyDistance(activities, today, 16),
      description: 'Running distance (run and trail run) per calendar week, Monday to Sunday, 16 weeks, oldest first; the last week counts up to today.',
    },
    load: {
      unit: 'TRIMP',
      method: LOAD_METHOD,
      ctl: round(ff?.ctl ?? 0, 1),
      atl: round(ff?.atl ?? 0, 1),
      tsb: round(ff?.tsb ?? 0, 1),
      acwr: ratio.ratio === null ? null : round(ratio.ratio, 2),
      acute_7d: round(ratio.acute),
      chronic_weekly_28d: round(ratio.chronic),
      monotony: mono.monotony === null ? null : round(mono.monotony, 1),
      strain: round(mono.strain),
      last_7_days: loads.slice(-7).map((d) => ({ date: d.date, load: round(d.load, 1) })),
      last_7_days_load: round(loadBetween(loads, addDays(today, -6), today)),
      activities_by_method: methods,
    },
    compliance: { last_7_days: compliance(7), last_28_days: compliance(28) },
    insights: insights({ today, athlete, activities, metrics, scheduled, units }),
    signals: signals.filter((s) => signalIsOpen(s, today)).sort((a, b) => severityRank(a) - severityRank(b) || (a.detected_on < b.detected_on ? 1 : -1)),
  };
}
