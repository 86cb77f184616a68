/**
 * The day form's values as typed (km, h:mm, m:ss per km, RPE) and their reading into a PlanSession:
 * format problems first, then the shared schema's rules, each message under its field.
 */
import { PlanSession, WORKOUT_KINDS, WORKOUT_KIND_LABELS, type WorkoutKind } from '../../../shared/domain/plan';
import { durationInput, kmInput, paceInput, parseDuration, parseKm, parsePace } from '../../ui/workout';

export type Values = { kind: WorkoutKind; km: string; duration: string; pace: string; rpe: number | string; note: string };
export type Field = keyof Values;

export const KIND_OPTIONS = WORKOUT_KINDS.map((k) => ({ value: k, label: WORKOUT_KIND_LABELS[k] }));
export const EMPTY: Values = { kind: 'easy', km: '', duration: '', pace: '', rpe: '', note: '' };
const FIELD_OF: Record<string, Field> = { kind: 'kind', distance_m: 'km', duration_s: 'duration', target_pace_s_per_km: 'pace', effort_rpe: 'rpe', note: 'note' };

export const valuesOf = (s: PlanSession | undefined): Values =>
  s
    ? { kind: s.kind, km: kmInput(s.distance_m), duration: durationInput(s.duration_s), pace: paceInput(s.target_pace_s_per_km), rpe: s.effort_rpe ?? '', note: s.note }
    : EMPTY;

/** The typed values as a session, or the problems found, by field. */
export function readWorkout(v: Values, week: number, day: number): { ok: true; session: PlanSession } | { ok: false; errors: Partial<Record<Field, string>> } {
  const errors: Partial<Record<Field, string>> = {};
  const rest = v.kind === 'rest';
  const km = rest ? { ok: true as const, value: null } : parseKm(v.km);
  const duration = rest ? { ok: true as const, value: null } : parseDuration(v.duration);
  const pace = rest ? { ok: true as const, value: null } : parsePace(v.pace);
  if (!km.ok) errors.km = km.error;
  if (!duration.ok) errors.duration = duration.error;
  if (!pace.ok) errors.pace = pace.error;
  const rpe = rest || v.rpe === '' ? null : Number(v.rpe);
  if (rpe !== null && !Number.isInteger(rpe)) errors.rpe = 'Effort is a whole number from 1 to 10';
  // The shared rules are checked even when a value is mistyped: a valid stand-in takes its place,
  // so the coach sees every problem at once and never a second, misleading one for the same field.
  const parsed = PlanSession.safeParse({
    week,
    day,
    kind: v.kind,
    distance_m: km.ok ? km.value : 10_000,
    duration_s: duration.ok ? duration.value : 3600,
    target_pace_s_per_km: pace.ok ? pace.value : 300,
    effort_rpe: errors.rpe ? 5 : rpe,
    note: v.note,
  });
  if (parsed.success && Object.keys(errors).length === 0) return { ok: true, session: parsed.data };
  for (const issue of parsed.error?.issues ?? []) {
    const field = FIELD_OF[String(issue.path[0])] ?? 'kind';
    const message = issue.message.charAt(0).toUpperCase() + issue.message.slice(1);
    errors[field] ??= message;
  }
  return { ok: false, errors };
}
