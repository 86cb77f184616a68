/**
 * The athlete profile in one value: the athlete, plans, activities and metrics of the last 16+
 * weeks, the figures computed from them by shared/training (trend, load, insights), and the
 * attention signals. Signals come from two places: the server's signal documents (synced) and the
 * same rules run here on local data (evaluateSignals), so a file imported offline shows its signal
 * at once, marked "computed on this laptop". Documents win: a local finding whose rule already has
 * a document that is not resolved is not shown a second time.
 * `buildProfile` is pure (tested without React); `useAthleteProfile` feeds it live queries.
 */
import { useMemo } from 'react';
import type { Activity, DailyMetric } from '../../shared/domain/activity';
import type { Athlete, GoalRace } from '../../shared/domain/athlete';
import type { CoachRole } from '../../shared/domain/organization';
import { signalIsOpen, type AttentionSignal, type Figure, type SignalRule, type SignalSeverity, type SignalStatus } from '../../shared/domain/signal';
import { addDays, type IsoDate } from '../../shared/schedule/dates';
import { scheduledSessions } from '../../shared/schedule/plan-schedule';
import {
  acwr,
  activityLoad,
  complianceToDate,
  evaluateSignals,
  fitnessFatigue,
  hasLoadHistory,
  insights,
  monotony,
  pastActivities,
  plannedRunTargets,
  trendLoads,
  weeklyDistance,
  TREND_WEEKS,
  type Insight,
  type LoadMethod,
  type ScheduledTarget,
  type WeekDistance,
} from '../../shared/training';
import type { DistanceUnits } from '../../shared/training/units';
import { useUnits } from '../settings/units';
import { useAthleteActivities, useAthleteMetrics } from './activities';
import { useAthleteAssignments, type AssignmentView } from './assignments';
import { useAthlete, updateAthlete, type UpdateResult } from './athletes';
import type { AstralDatabase } from './database';
import { useOrgToday } from './orgToday';
import { useAthleteSignals } from './signals';

export type RatioFigure = { completed: number; scheduled: number; ratio: number | null };
export type LoadFigures = {
  /** Fitness (CTL, 42-day EWMA), fatigue (ATL, 7-day EWMA), form (TSB = CTL - ATL), TRIMP per day; null without any load. */
  ctl: number | null;
  atl: number | null;
  tsb: number | null;
  acwr: number | null;
  /** The ACWR needs 4 weeks of history (shared/training/windows.ts). */
  acwrHistory: boolean;
  load7d: number;
  chronicWeekly: number;
  monotony: number | null;
  strain: number;
  compliance7: RatioFigure;
  compliance28: RatioFigure;
  /** How the loads of the last 28 days were found: activities counted per method. */
  methods: Record<LoadMethod, number>;
};

export type ProfileSignal = {
  key: string;
  origin: 'synced' | 'local';
  /** The synced document (origin synced). */
  doc: AttentionSignal | null;
  rule: SignalRule;
  severity: SignalSeverity;
  status: SignalStatus;
  summary: string;
  figures: Figure[];
  detected_on: IsoDate;
};

export type AthleteProfile = {
  athlete: Athlete;
  today: IsoDate;
  units: DistanceUnits;
  current: AssignmentView[];
  upcoming: AssignmentView[];
  activities: Activity[];
  recent: Activity[];
  metrics: DailyMetric[];
  weeks: WeekDistance[];
  load: LoadFigures;
  insights: Insight[];
  /** Open now (open, or snoozed until a day before today), worst first. */
  openSignals: ProfileSignal[];
  /** Acknowledged, or snoozed until today or later. */
  handledSignals: ProfileSignal[];
  resolvedSignals: ProfileSignal[];
};

export type ProfileInput = {
  athlete: Athlete;
  assignments: readonly AssignmentView[];
  activities: readonly Activity[];
  metrics: readonly DailyMetric[];
  signals: readonly AttentionSignal[];
  today: IsoDate;
  units: DistanceUnits;
};

export const RECENT_ACTIVITIES = 10;

/** The running sessions of every assignment whose plan is on this device, as compliance targets. */
export function scheduledTargets(assignments: readonly AssignmentView[]): ScheduledTarget[] {
  return plannedRunTargets(assignments.flatMap((a) => (a.plan ? scheduledSessions(a, a.plan) : [])));
}

const round = (x: number, places = 0) => Math.round(x * 10 ** places) / 10 ** places;

export function loadFigures(athlete: Athlete, activities: readonly Activity[], scheduled: readonly ScheduledTarget[], today: IsoDate): LoadFigures {
  const past = pastActivities(activities, today);
  const loads = trendLoads(past, athlete, today);
  const last = fitnessFatigue(loads).at(-1);
  const hasLoad = loads.some((d) => d.load > 0);
  const r = acwr(loads, today);
  const m = monotony(loads, today);
  const methods: Record<LoadMethod, number> = { trimp: 0, session_rpe: 0, estimate: 0 };
  const from28 = addDays(today, -27);
  for (const a of past) if (a.local_date >= from28) methods[activityLoad(a, athlete).method] += 1;
  const ratio = (from: IsoDate): RatioFigure => {
    const c = complianceToDate(scheduled, past, from, today);
    return { completed: c.completed, scheduled: c.scheduled, ratio: c.ratio };
  };
  return {
    ctl: hasLoad && last ? round(last.ctl) : null,
    atl: hasLoad && last ? round(last.atl) : null,
    tsb: hasLoad && last ? round(last.tsb) : null,
    acwr: r.ratio === null ? null : round(r.ratio, 2),
    acwrHistory: hasLoadHistory(past, today),
    load7d: round(r.acute),
    chronicWeekly: round(r.chronic),
    monotony: m.monotony === null ? null : round(m.monotony, 1),
    strain: round(m.strain),
    compliance7: ratio(addDays(today, -6)),
    compliance28: ratio(from28),
    methods,
  };
}

const SEVERITY_ORDER: Record<SignalSeverity, number> = { urgent: 0, watch: 1 };
const worstFirst = (a: ProfileSignal, b: ProfileSignal) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || b.detected_on.localeCompare(a.detected_on);

function fromDoc(doc: AttentionSignal): ProfileSignal {
  const { rule, severity, status, summary, figures, detected_on } = doc;
  return { key: doc.id, origin: 'synced', doc, rule, severity, status, summary, figures, detected_on };
}

/** Synced signal documents plus local findings of rules without a live document, sorted into open, handled and resolved. */
export function mergeSignals(
  docs: readonly AttentionSignal[],
  findings: ReturnType<typeof evaluateSignals>,
  today: IsoDate,
): Pick<AthleteProfile, 'openSignals' | 'handledSignals' | 'resolvedSignals'> {
  const live = new Set(docs.filter((d) => d.status !== 'resolved').map((d) => d.rule));
  const local: ProfileSignal[] = findings
    .filter((f) => !live.has(f.rule))
    .map((f) => ({ key: `local:${f.rule}`, origin: 'local', doc: null, ...f, status: 'open', detected_on: today }));
  const synced = docs.map(fromDoc);
  return {
    openSignals: [...synced.filter((s) => s.doc && signalIsOpen(s.doc, today)), ...local].sort(worstFirst),
    handledSignals: synced.filter((s) => s.status !== 'resolved' && s.doc && !signalIsOpen(s.doc, today)).sort(worstFirst),
    resolvedSignals: synced.filter((s) => s.status === 'resolved').sort((a, b) => b.detected_on.localeCompare(a.detected_on)),
  };
}

export function buildProfile(input: ProfileInput): AthleteProfile {
  const { athlete, today, units } = input;
  const scheduled = scheduledTargets(input.assignments);
  const activities = [...input.activities];
  const past = pastActivities(activities, today);
  const signalInput = { today, athlete, activities, metrics: input.metrics, scheduled };
  return {
    athlete,
    today,
    units,
    current: input.assignments.filter((a) => a.status === 'active'),
    upcoming: input.assignments.filter((a) => a.status === 'upcoming' || a.status === null),
    activities,
    recent: [...past].sort((a, b) => (a.start_time < b.start_time ? 1 : -1)).slice(0, RECENT_ACTIVITIES),
    metrics: [...input.metrics],
    weeks: weeklyDistance(activities, today, TREND_WEEKS),
    load: loadFigures(athlete, activities, scheduled, today),
    insights: insights({ ...signalInput, units }),
    ...mergeSignals(input.signals, evaluateSignals(signalInput), today),
  };
}

/**
 * Everything the profile shows of one athlete, live; `undefined` while loading, `null` when there
 * is no such athlete.
 */
export function useAthleteProfile(athleteId: string): AthleteProfile | null | undefined {
  const today = useOrgToday();
  const units = useUnits();
  const athlete = useAthlete(athleteId);
  const assignments = useAthleteAssignments(athleteId);
  const activities = useAthleteActivities(athleteId, today);
  const metrics = useAthleteMetrics(athleteId, today);
  const signals = useAthleteSignals(athleteId);
  return useMemo(() => {
    if (athlete === null) return null;
    if (!athlete || !assignments || !activities || !metrics || !signals) return undefined;
    return buildProfile({ athlete, assignments, activities, metrics, signals, today, units });
  }, [athlete, assignments, activities, metrics, signals, today, units]);
}

/**
 * The coach sets (or clears, with nulls) the goal race and target pace: an ordinary athlete edit
 * (updateAthlete), so it is checked by the PATCH schema, goes through the outbox and merges per
 * field with other coaches' edits.
 */
export function setGoal(db: AstralDatabase, athleteId: string, goalRace: GoalRace | null, targetPaceSPerKm: number | null, role?: CoachRole): Promise<UpdateResult> {
  return updateAthlete(db, athleteId, { goal_race: goalRace, target_pace_s_per_km: targetPaceSPerKm }, role);
}
