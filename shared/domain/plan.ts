/**
 * Training plans: the organization's library (replicated as collection `training_plans`).
 *
 * A plan lasts `weeks` weeks; its sessions sit on a (week, day) grid, day 1 = Monday ... 7 = Sunday,
 * at most one workout per day. When the plan is assigned, its week 1 is the calendar week (Monday to
 * Sunday) that holds the start date (see shared/schedule/plan-schedule.ts).
 * An archived plan stays readable and its assignments go on, but it cannot be assigned again.
 */
import { z } from 'zod';
import { Id, Timestamp, lineText, multilineText } from './common';

export const MAX_PLAN_WEEKS = 52;

export const WORKOUT_KINDS = ['easy', 'long_run', 'intervals', 'tempo', 'recovery', 'fartlek', 'hills', 'race', 'cross_training', 'rest'] as const;
export const WorkoutKind = z.enum(WORKOUT_KINDS);
export type WorkoutKind = z.infer<typeof WorkoutKind>;
export const WORKOUT_KIND_LABELS: Record<WorkoutKind, string> = {
  easy: 'Easy run',
  long_run: 'Long run',
  intervals: 'Intervals',
  tempo: 'Tempo',
  recovery: 'Recovery run',
  fartlek: 'Fartlek',
  hills: 'Hills',
  race: 'Race',
  cross_training: 'Cross-training',
  rest: 'Rest',
};

export const PLAN_LEVELS = ['beginner', 'intermediate', 'advanced'] as const;
export const PlanLevel = z.enum(PLAN_LEVELS);
export type PlanLevel = z.infer<typeof PlanLevel>;
export const PLAN_LEVEL_LABELS: Record<PlanLevel, string> = { beginner: 'Beginner', intermediate: 'Intermediate', advanced: 'Advanced' };

export const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** One workout of a plan. Distances in metres, durations in seconds, pace in seconds per km, effort as RPE 1-10. */
export const PlanSession = z
  .strictObject({
    week: z.number().int().min(1, 'week must be 1 or more').max(MAX_PLAN_WEEKS, `week must be at most ${MAX_PLAN_WEEKS}`),
    day: z.number().int().min(1, 'day must be 1 (Monday) to 7 (Sunday)').max(7, 'day must be 1 (Monday) to 7 (Sunday)'),
    kind: WorkoutKind,
    distance_m: z.number().int().min(100, 'distance must be at least 100 m').max(300_000, 'distance must be at most 300 km').nullable(),
    duration_s: z.number().int().min(60, 'duration must be at least 1 minute').max(86_400, 'duration must be at most 24 hours').nullable(),
    target_pace_s_per_km: z.number().int().min(120, 'pace must be 2:00/km or slower').max(1200, 'pace must be 20:00/km or faster').nullable(),
    effort_rpe: z.number().int().min(1, 'effort is RPE 1 to 10').max(10, 'effort is RPE 1 to 10').nullable(),
    note: lineText(300),
  })
  .superRefine((s, ctx) => {
    if (s.kind === 'rest') {
      if (s.distance_m !== null || s.duration_s !== null || s.target_pace_s_per_km !== null || s.effort_rpe !== null) {
        ctx.addIssue({ code: 'custom', message: 'a rest day has no distance, duration, pace or effort', path: ['kind'] });
      }
    } else if (s.distance_m === null && s.duration_s === null) {
      ctx.addIssue({ code: 'custom', message: 'a workout needs a distance or a duration', path: ['distance_m'] });
    }
  });
export type PlanSession = z.infer<typeof PlanSession>;

const MAX_SESSIONS = MAX_PLAN_WEEKS * 7;

/**
 * The checks across sessions: no session after the plan's last week, one workout per day. Sessions
 * whose own week or day is invalid are skipped here (their own error says enough), so a wrong day
 * never also reads as "two workouts".
 */
function checkSessionGrid(p: { weeks: number; sessions: readonly PlanSession[] }, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  p.sessions.forEach((s, i) => {
    const validWeek = Number.isInteger(s.week) && s.week >= 1 && s.week <= MAX_PLAN_WEEKS;
    const validDay = Number.isInteger(s.day) && s.day >= 1 && s.day <= 7;
    if (!validWeek) return;
    if (s.week > p.weeks) {
      ctx.addIssue({ code: 'custom', message: `week ${s.week} is after the plan's last week (${p.weeks})`, path: ['sessions', i, 'week'] });
    }
    if (!validDay) return;
    const key = `${s.week}-${s.day}`;
    if (seen.has(key)) ctx.addIssue({ code: 'custom', message: `week ${s.week}, ${DAY_NAMES[s.day - 1]} has two workouts`, path: ['sessions', i, 'day'] });
    seen.add(key);
  });
}

/** What a plan is, without identity and server fields: the body of the API's POST and of a plan file. */
export const PlanContent = z
  .strictObject({
    name: lineText(120).pipe(z.string().min(1, 'is required')),
    description: multilineText(5000),
    level: PlanLevel,
    weeks: z.number().int().min(1, 'a plan lasts at least 1 week').max(MAX_PLAN_WEEKS, `a plan lasts at most ${MAX_PLAN_WEEKS} weeks`),
    sessions: z.array(PlanSession).max(MAX_SESSIONS, `at most ${MAX_SESSIONS} sessions`),
  })
  .superRefine(checkSessionGrid);
export type PlanContent = z.infer<typeof PlanContent>;

/** A plan of the library as stored and replicated. Sessions are kept sorted by (week, day). */
export const TrainingPlan = z
  .object({
    id: Id,
    name: lineText(120).pipe(z.string().min(1, 'is required')),
    description: multilineText(5000),
    level: PlanLevel,
    weeks: z.number().int().min(1).max(MAX_PLAN_WEEKS),
    sessions: z.array(PlanSession).max(MAX_SESSIONS),
    archived: z.boolean(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  // The same rules as PlanContent; each field's own errors are already reported by its schema.
  .superRefine(checkSessionGrid);
export type TrainingPlan = z.infer<typeof TrainingPlan>;

/** The fields of TrainingPlan, for code that must know them without zod internals (sync trimming, RxDB schema). */
export const TRAINING_PLAN_FIELDS = ['id', 'name', 'description', 'level', 'weeks', 'sessions', 'archived', 'created_at', 'updated_at'] as const;

/** Body of PATCH /training-plans/{id}: any of the content fields, and `archived`. */
export const TrainingPlanPatch = z.strictObject({
  name: lineText(120).pipe(z.string().min(1, 'is required')).optional(),
  description: multilineText(5000).optional(),
  level: PlanLevel.optional(),
  weeks: z.number().int().min(1).max(MAX_PLAN_WEEKS).optional(),
  sessions: z.array(PlanSession).max(MAX_SESSIONS).optional(),
  archived: z.boolean().optional(),
});
export type TrainingPlanPatch = z.infer<typeof TrainingPlanPatch>;

export const sortSessions = (sessions: readonly PlanSession[]): PlanSession[] => [...sessions].sort((a, b) => a.week - b.week || a.day - b.day);

/**
 * The plan file a coach exports and imports: `{format, version, plan: PlanContent}`. The file is
 * parsed like any other input: a wrong file says what is wrong in it and imports nothing.
 */
export const PLAN_FILE_FORMAT = 'astral-coach/training-plan';
export const PLAN_FILE_VERSION = 1;
export const PlanFile = z.strictObject({
  format: z.literal(PLAN_FILE_FORMAT, { error: `this is not an Astral Coach plan file (format must be "${PLAN_FILE_FORMAT}")` }),
  version: z.literal(PLAN_FILE_VERSION, { error: `this plan file version is not supported (expected ${PLAN_FILE_VERSION})` }),
  plan: PlanContent,
});
export type PlanFile = z.infer<typeof PlanFile>;

export function toPlanFile(plan: Pick<TrainingPlan, 'name' | 'description' | 'level' | 'weeks' | 'sessions'>): PlanFile {
  return {
    format: PLAN_FILE_FORMAT,
    version: PLAN_FILE_VERSION,
    plan: { name: plan.name, description: plan.description, level: plan.level, weeks: plan.weeks, sessions: sortSessions(plan.sessions) },
  };
}

export type PlanFileResult = { ok: true; plan: PlanContent } | { ok: false; errors: string[] };

/** Reads a plan file's text. Every problem is listed with where it is ("plan.sessions[3].day: ..."). */
export function readPlanFile(text: string): PlanFileResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, errors: ['The file is not JSON: an exported plan file is a .json file.'] };
  }
  // Another kind of file, or a future version: its content would only give confusing errors.
  const head = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null;
  if (head?.format !== PLAN_FILE_FORMAT) return { ok: false, errors: [`This is not an Astral Coach plan file (format must be "${PLAN_FILE_FORMAT}").`] };
  if (head.version !== PLAN_FILE_VERSION) return { ok: false, errors: [`This plan file version is not supported (expected ${PLAN_FILE_VERSION}).`] };
  const parsed = PlanFile.safeParse(raw);
  if (parsed.success) return { ok: true, plan: { ...parsed.data.plan, sessions: sortSessions(parsed.data.plan.sessions) } };
  const errors = parsed.error.issues.slice(0, 20).map((issue) => {
    const where = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
    return where ? `${where}: ${issue.message}` : issue.message;
  });
  if (parsed.error.issues.length > 20) errors.push(`… and ${parsed.error.issues.length - 20} more problems`);
  return { ok: false, errors };
}
