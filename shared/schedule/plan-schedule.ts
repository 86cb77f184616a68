/**
 * When an assigned plan runs, what it schedules, and its status: the one implementation used by
 * the server (API answers), the app (Plans tab, roster) and later the compliance maths.
 *
 * Rules:
 * - Week 1 of an assignment is the calendar week (Monday to Sunday) holding its start date; a
 *   session on (week w, day d) falls on monday(start) + 7(w-1) + (d-1). Sessions before the start
 *   date (a plan started mid-week) are not scheduled.
 * - The plan ends on the Sunday of its last week: end = monday(start) + 7 * weeks - 1.
 * - A coach can end it early: `ended_on` is the first day without the plan, so its last day is
 *   min(end, ended_on - 1), and nothing is scheduled from `ended_on` on.
 * - Status on day `today` (the organization's calendar date, `todayIn(time_zone)`):
 *   ended      if ended_on <= today and ended_on <= end (it was cut short, not run to its end);
 *   upcoming   if today < start_date;
 *   completed  if today > end;
 *   active     otherwise.
 * The plan's current length is used: editing a plan's weeks moves the end of its assignments.
 */
import type { AssignmentStatus, PlanAssignment } from '../domain/assignment';
import type { PlanSession, TrainingPlan } from '../domain/plan';
import { addDays, daysBetween, minDate, mondayOf, type IsoDate } from './dates';

type Dated = Pick<PlanAssignment, 'start_date' | 'ended_on'>;

/** The Sunday of the plan's last week. */
export const planEndDate = (startDate: IsoDate, weeks: number): IsoDate => addDays(mondayOf(startDate), weeks * 7 - 1);

/** The assignment's last day with the plan (its end date as the API reports it); before start_date when it was ended before it began. */
export function lastDay(a: Dated, weeks: number): IsoDate {
  const end = planEndDate(a.start_date, weeks);
  return a.ended_on === null ? end : minDate(end, addDays(a.ended_on, -1));
}

export function assignmentStatus(a: Dated, weeks: number, today: IsoDate): AssignmentStatus {
  const end = planEndDate(a.start_date, weeks);
  if (a.ended_on !== null && a.ended_on <= today && a.ended_on <= end) return 'ended';
  if (today < a.start_date) return 'upcoming';
  if (today > end) return 'completed';
  return 'active';
}

/** The plan week (1-based) that holds `date`, or null outside the plan's weeks. */
export function planWeekOf(startDate: IsoDate, weeks: number, date: IsoDate): number | null {
  const days = daysBetween(mondayOf(startDate), date);
  if (days < 0) return null;
  const week = Math.floor(days / 7) + 1;
  return week <= weeks ? week : null;
}

export type ScheduledSession = { date: IsoDate; week: number; day: number; session: PlanSession };

/** Every session the assignment schedules, in date order. */
export function scheduledSessions(a: Dated, plan: Pick<TrainingPlan, 'weeks' | 'sessions'>): ScheduledSession[] {
  const monday = mondayOf(a.start_date);
  const out: ScheduledSession[] = [];
  for (const session of plan.sessions) {
    if (session.week > plan.weeks) continue;
    const date = addDays(monday, (session.week - 1) * 7 + (session.day - 1));
    if (date < a.start_date) continue;
    if (a.ended_on !== null && date >= a.ended_on) continue;
    out.push({ date, week: session.week, day: session.day, session });
  }
  return out.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

/** The scheduled sessions of the calendar week (Monday to Sunday) that holds `date`. */
export function sessionsOfWeek(a: Dated, plan: Pick<TrainingPlan, 'weeks' | 'sessions'>, date: IsoDate): ScheduledSession[] {
  const from = mondayOf(date);
  const to = addDays(from, 6);
  return scheduledSessions(a, plan).filter((s) => s.date >= from && s.date <= to);
}

export type Span = { id: string; start_date: IsoDate; ended_on: IsoDate | null; weeks: number };

/**
 * Ids of assignments whose days (start_date to lastDay) overlap another one's. Overlaps are allowed
 * (a coach may run a 5K block inside a marathon build) but shown. Assignments that never ran (ended
 * before their start) overlap nothing.
 */
export function overlappingAssignments(spans: readonly Span[]): Set<string> {
  const ranges = spans
    .map((s) => ({ id: s.id, from: s.start_date, to: lastDay(s, s.weeks) }))
    .filter((r) => r.to >= r.from)
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const out = new Set<string>();
  for (let i = 0; i < ranges.length; i++) {
    const r = ranges[i]!;
    for (let j = i + 1; j < ranges.length && ranges[j]!.from <= r.to; j++) {
      out.add(r.id);
      out.add(ranges[j]!.id);
    }
  }
  return out;
}
