import { describe, expect, it } from 'vitest';
import type { PlanSession } from '../domain/plan';
import { todayIn } from './dates';
import { assignmentStatus, lastDay, overlappingAssignments, planEndDate, planWeekOf, scheduledSessions, sessionsOfWeek } from './plan-schedule';

const run = (week: number, day: number, note = ''): PlanSession => ({
  week,
  day,
  kind: 'easy',
  distance_m: 5000,
  duration_s: null,
  target_pace_s_per_km: null,
  effort_rpe: null,
  note,
});
/** A plan with a workout every day of every week. */
const everyDay = (weeks: number) => ({
  weeks,
  sessions: Array.from({ length: weeks * 7 }, (_, i) => run(Math.floor(i / 7) + 1, (i % 7) + 1)),
});
const open = (start_date: string, ended_on: string | null = null) => ({ start_date, ended_on });
const dates = (a: { start_date: string; ended_on: string | null }, plan: ReturnType<typeof everyDay>) => scheduledSessions(a, plan).map((s) => s.date);

describe('week boundaries', () => {
  it('makes week 1 the calendar week of the start date, whatever weekday it starts on', () => {
    // 2026-03-02 is a Monday, 2026-03-04 a Wednesday, 2026-03-08 a Sunday: the same Monday-to-Sunday week.
    for (const start of ['2026-03-02', '2026-03-04', '2026-03-08']) {
      expect(planEndDate(start, 2), start).toBe('2026-03-15');
      expect(planWeekOf(start, 2, '2026-03-08'), start).toBe(1);
      expect(planWeekOf(start, 2, '2026-03-09'), start).toBe(2);
      expect(planWeekOf(start, 2, '2026-03-16'), start).toBe(null);
      expect(planWeekOf(start, 2, '2026-03-01'), start).toBe(null);
    }
  });

  it('schedules nothing before the start date: a Monday start gets the whole week, a Sunday start only its Sunday', () => {
    const plan = everyDay(2);
    expect(dates(open('2026-03-02'), plan)).toHaveLength(14);
    expect(dates(open('2026-03-04'), plan).slice(0, 2)).toEqual(['2026-03-04', '2026-03-05']);
    expect(dates(open('2026-03-04'), plan)).toHaveLength(12);
    const sunday = scheduledSessions(open('2026-03-08'), plan);
    expect(sunday.slice(0, 2).map((s) => [s.date, s.week, s.day])).toEqual([
      ['2026-03-08', 1, 7],
      ['2026-03-09', 2, 1],
    ]);
    expect(sunday).toHaveLength(8);
  });

  it('places a session on monday(start) + 7(week - 1) + (day - 1), sorted by date whatever the plan order', () => {
    const plan = { weeks: 3, sessions: [run(3, 7), run(1, 3), run(2, 1)] };
    expect(scheduledSessions(open('2026-03-05'), plan).map((s) => [s.date, s.week, s.day])).toEqual([
      ['2026-03-09', 2, 1],
      ['2026-03-22', 3, 7],
    ]);
  });

  it('ignores sessions past the plan length after the plan was shortened', () => {
    expect(dates(open('2026-03-02'), { weeks: 1, sessions: [run(1, 1), run(2, 1)] })).toEqual(['2026-03-02']);
  });

  it("gives this week's sessions for any day of the week", () => {
    const plan = everyDay(2);
    const week = sessionsOfWeek(open('2026-03-04'), plan, '2026-03-12');
    expect(week.map((s) => s.date)).toEqual(['2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13', '2026-03-14', '2026-03-15']);
    expect(sessionsOfWeek(open('2026-03-04'), plan, '2026-03-02').map((s) => s.date)).toEqual(['2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08']);
    expect(sessionsOfWeek(open('2026-03-04'), plan, '2026-03-16')).toEqual([]);
  });
});

describe('daylight-saving change weeks', () => {
  it('keeps a session on its day through the Europe/Paris change (2026-03-29) and the America/New_York ones (2026-03-08, 2026-11-01)', () => {
    const plan = everyDay(2);
    // Europe/Paris springs forward on Sunday 2026-03-29: week 1 ends on it, week 2 starts on Monday 03-30.
    const paris = scheduledSessions(open('2026-03-23'), plan);
    expect(paris[6]).toMatchObject({ date: '2026-03-29', week: 1, day: 7 });
    expect(paris[7]).toMatchObject({ date: '2026-03-30', week: 2, day: 1 });
    expect(planEndDate('2026-03-23', 2)).toBe('2026-04-05');
    // New York falls back on Sunday 2026-11-01.
    const ny = scheduledSessions(open('2026-10-26'), plan);
    expect(ny.map((s) => s.date)).toContain('2026-11-01');
    expect(ny[7]).toMatchObject({ date: '2026-11-02', week: 2, day: 1 });
    expect(sessionsOfWeek(open('2026-03-02'), plan, '2026-03-08').map((s) => s.date).at(-1)).toBe('2026-03-08');
  });

  it('gives the status by the local day on the change day, not by 24-hour steps', () => {
    const a = open('2026-03-30'); // the Monday after Paris springs forward
    expect(assignmentStatus(a, 1, todayIn('Europe/Paris', new Date('2026-03-29T21:59:00Z')))).toBe('upcoming'); // 23:59 CEST on the 29th
    expect(assignmentStatus(a, 1, todayIn('Europe/Paris', new Date('2026-03-29T22:00:00Z')))).toBe('active'); // midnight
    const b = open('2026-10-26', null); // one week, ends Sunday 2026-11-01, New York falls back that day
    expect(assignmentStatus(b, 1, todayIn('America/New_York', new Date('2026-11-02T04:59:00Z')))).toBe('active'); // 23:59 EST on the 1st
    expect(assignmentStatus(b, 1, todayIn('America/New_York', new Date('2026-11-02T05:00:00Z')))).toBe('completed');
  });
});

describe('time zones', () => {
  it('gives the same instant a different status in Pacific/Kiritimati, UTC and Pacific/Pago_Pago', () => {
    const instant = new Date('2026-03-01T10:30:00Z');
    const today = (zone: string) => todayIn(zone, instant);
    // Starts Monday 2026-03-02.
    expect(assignmentStatus(open('2026-03-02'), 4, today('Pacific/Kiritimati'))).toBe('active');
    expect(assignmentStatus(open('2026-03-02'), 4, today('UTC'))).toBe('upcoming');
    expect(assignmentStatus(open('2026-03-02'), 4, today('Pacific/Pago_Pago'))).toBe('upcoming');
    // One week from Monday 2026-02-23: its last day is Sunday 2026-03-01.
    expect(assignmentStatus(open('2026-02-23'), 1, today('Pacific/Kiritimati'))).toBe('completed');
    expect(assignmentStatus(open('2026-02-23'), 1, today('UTC'))).toBe('active');
    expect(assignmentStatus(open('2026-02-23'), 1, today('Pacific/Pago_Pago'))).toBe('active');
  });
});

describe('leap days', () => {
  it('schedules on 2024-02-29 and 2028-02-29 and counts weeks across them', () => {
    const plan = { weeks: 2, sessions: [run(1, 4), run(2, 2)] };
    expect(dates(open('2024-02-26'), plan)).toEqual(['2024-02-29', '2024-03-05']);
    expect(dates(open('2028-02-28'), { weeks: 1, sessions: [run(1, 2)] })).toEqual(['2028-02-29']);
    expect(planEndDate('2024-02-26', 1)).toBe('2024-03-03');
    expect(planEndDate('2028-02-29', 1)).toBe('2028-03-05');
    expect(planWeekOf('2024-02-26', 2, '2024-03-04')).toBe(2);
    expect(assignmentStatus(open('2024-02-29'), 1, '2024-02-29')).toBe('active');
    expect(assignmentStatus(open('2024-02-29'), 1, '2024-02-28')).toBe('upcoming');
  });
});

describe('status', () => {
  const a = open('2026-03-04'); // 2 weeks: runs to Sunday 2026-03-15

  it('is upcoming before the start date, active to the last Sunday, completed after', () => {
    expect(assignmentStatus(a, 2, '2026-03-03')).toBe('upcoming'); // same week, before the start
    expect(assignmentStatus(a, 2, '2026-03-04')).toBe('active');
    expect(assignmentStatus(a, 2, '2026-03-15')).toBe('active');
    expect(assignmentStatus(a, 2, '2026-03-16')).toBe('completed');
    expect(lastDay(a, 2)).toBe('2026-03-15');
  });

  it('is ended from the day it was ended early, and scheduled nothing from that day', () => {
    const ended = open('2026-03-04', '2026-03-10');
    expect(assignmentStatus(ended, 2, '2026-03-09')).toBe('active');
    expect(assignmentStatus(ended, 2, '2026-03-10')).toBe('ended');
    expect(assignmentStatus(ended, 2, '2026-04-01')).toBe('ended');
    expect(lastDay(ended, 2)).toBe('2026-03-09');
    expect(dates(ended, everyDay(2)).at(-1)).toBe('2026-03-09');
    // Ended on its last Sunday: one day short.
    expect(assignmentStatus(open('2026-03-04', '2026-03-15'), 2, '2026-03-15')).toBe('ended');
  });

  it('is completed, not ended, when the end was set after the plan ran out', () => {
    const late = open('2026-03-04', '2026-03-16');
    expect(assignmentStatus(late, 2, '2026-03-16')).toBe('completed');
    expect(lastDay(late, 2)).toBe('2026-03-15');
    expect(dates(late, everyDay(2))).toHaveLength(12);
  });

  it('is ended with nothing scheduled when ended before it started', () => {
    const never = open('2026-03-04', '2026-03-02');
    expect(assignmentStatus(never, 2, '2026-03-01')).toBe('upcoming');
    expect(assignmentStatus(never, 2, '2026-03-02')).toBe('ended');
    expect(assignmentStatus(never, 2, '2026-03-05')).toBe('ended');
    expect(lastDay(never, 2)).toBe('2026-03-01');
    expect(scheduledSessions(never, everyDay(2))).toEqual([]);
    expect(scheduledSessions(open('2026-03-04', '2026-03-04'), everyDay(2))).toEqual([]);
  });

  it('follows the plan length: a longer plan moves the end', () => {
    expect(assignmentStatus(a, 2, '2026-03-20')).toBe('completed');
    expect(assignmentStatus(a, 3, '2026-03-20')).toBe('active');
  });
});

describe('overlaps', () => {
  const span = (id: string, start_date: string, weeks: number, ended_on: string | null = null) => ({ id, start_date, weeks, ended_on });

  it('marks assignments sharing at least one day, and not back-to-back ones', () => {
    expect(overlappingAssignments([span('a', '2026-03-02', 2), span('b', '2026-03-16', 2)])).toEqual(new Set());
    expect(overlappingAssignments([span('a', '2026-03-02', 2), span('b', '2026-03-15', 1)])).toEqual(new Set(['a', 'b']));
    // A short block inside a long build; a later one apart from both.
    expect(overlappingAssignments([span('late', '2026-09-07', 1), span('block', '2026-04-06', 2), span('build', '2026-03-02', 16)])).toEqual(
      new Set(['build', 'block']),
    );
  });

  it('finds an overlap behind a short span that does not reach it', () => {
    expect(overlappingAssignments([span('long', '2026-03-02', 10), span('short', '2026-03-09', 1), span('later', '2026-04-06', 1)])).toEqual(
      new Set(['long', 'short', 'later']),
    );
  });

  it('counts the early end: an assignment ended before another starts does not overlap it, one that never ran overlaps nothing', () => {
    expect(overlappingAssignments([span('a', '2026-03-02', 4, '2026-03-16'), span('b', '2026-03-16', 2)])).toEqual(new Set());
    expect(overlappingAssignments([span('a', '2026-03-02', 4, '2026-03-17'), span('b', '2026-03-16', 2)])).toEqual(new Set(['a', 'b']));
    expect(overlappingAssignments([span('never', '2026-03-04', 4, '2026-03-04'), span('b', '2026-03-02', 4)])).toEqual(new Set());
  });
});
