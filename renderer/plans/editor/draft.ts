/**
 * The plan editor's working copy: plain values edited in memory, written to the library only on
 * Save (which validates the whole plan). Sessions are kept sorted by (week, day), so an error path
 * such as `sessions.3.day` from the data module names draft.sessions[3], and through it a grid cell.
 */
import { DAY_NAMES, sortSessions, type PlanContent, type PlanLevel, type PlanSession, type TrainingPlan, type TrainingPlanPatch } from '../../../shared/domain/plan';

export type Draft = { name: string; description: string; level: PlanLevel; weeks: number | ''; sessions: PlanSession[] };

export const EMPTY_DRAFT: Draft = { name: '', description: '', level: 'beginner', weeks: 8, sessions: [] };

export const draftOf = (p: TrainingPlan): Draft => ({ name: p.name, description: p.description, level: p.level, weeks: p.weeks, sessions: sortSessions(p.sessions) });

export const cellKey = (week: number, day: number) => `${week}-${day}`;

export function sessionAt(d: Draft, week: number, day: number): PlanSession | undefined {
  return d.sessions.find((s) => s.week === week && s.day === day);
}

/** Puts `session` on its (week, day), replacing what was there; null removes that day's workout. */
export function setSession(d: Draft, week: number, day: number, session: PlanSession | null): Draft {
  const rest = d.sessions.filter((s) => !(s.week === week && s.day === day));
  return { ...d, sessions: sortSessions(session ? [...rest, { ...session, week, day }] : rest) };
}

/** Copies week `from`'s workouts onto week `to`, replacing what `to` held. */
export function copyWeek(d: Draft, from: number, to: number): Draft {
  const kept = d.sessions.filter((s) => s.week !== to);
  const copies = d.sessions.filter((s) => s.week === from).map((s) => ({ ...s, week: to }));
  return { ...d, sessions: sortSessions([...kept, ...copies]) };
}

export const clearWeek = (d: Draft, week: number): Draft => ({ ...d, sessions: d.sessions.filter((s) => s.week !== week) });

/** Workouts on weeks after the plan's length (after the coach shortened it). */
export const beyondLength = (d: Draft): PlanSession[] => (d.weeks === '' ? [] : d.sessions.filter((s) => s.week > Number(d.weeks)));
export const dropBeyondLength = (d: Draft): Draft => (d.weeks === '' ? d : { ...d, sessions: d.sessions.filter((s) => s.week <= Number(d.weeks)) });

/** The draft as the content to validate and save; `weeks` left empty is sent as 0 so validation names it. */
export const contentOf = (d: Draft): PlanContent => ({ name: d.name, description: d.description, level: d.level, weeks: d.weeks === '' ? 0 : d.weeks, sessions: d.sessions });

/**
 * Only what the coach changed since loading the plan (`saved` = the content the editor started
 * from, not the live plan), so a save never overwrites another coach's edit of other fields.
 */
export function patchOf(saved: PlanContent, d: Draft): TrainingPlanPatch {
  const c = contentOf(d);
  const patch: TrainingPlanPatch = {};
  if (c.name !== saved.name) patch.name = c.name;
  if (c.description !== saved.description) patch.description = c.description;
  if (c.level !== saved.level) patch.level = c.level;
  if (c.weeks !== saved.weeks) patch.weeks = c.weeks;
  if (JSON.stringify(c.sessions) !== JSON.stringify(sortSessions(saved.sessions))) patch.sessions = c.sessions;
  return patch;
}

export type SplitErrors = {
  /** name, description, level, weeks, sessions (the list as a whole). */
  fields: Record<string, string>;
  /** By cellKey(week, day). */
  cells: Map<string, string>;
  /** "Week 2, Tuesday: a workout needs a distance or a duration", for the summary. */
  lines: string[];
};

const FIELD_LABELS: Record<string, string> = { name: 'Name', description: 'Description', level: 'Level', weeks: 'Length' };

/** Sorts the data module's field errors into form fields and grid cells. */
export function splitErrors(d: Draft, fieldErrors: Record<string, string>): SplitErrors {
  const out: SplitErrors = { fields: {}, cells: new Map(), lines: [] };
  for (const [path, raw] of Object.entries(fieldErrors)) {
    const label = FIELD_LABELS[path.split('.')[0] ?? ''];
    // "is required" -> "Name is required"; "a plan lasts at least 1 week" -> "A plan lasts at least 1 week".
    const message = label && /^(is|must)\b/.test(raw) ? `${label} ${raw}` : raw.charAt(0).toUpperCase() + raw.slice(1);
    const m = /^sessions\.(\d+)(\.|$)/.exec(path);
    const session = m ? d.sessions[Number(m[1])] : undefined;
    if (session) {
      const key = cellKey(session.week, session.day);
      if (!out.cells.has(key)) {
        out.cells.set(key, message);
        out.lines.push(`Week ${session.week}, ${DAY_NAMES[session.day - 1] ?? ''}: ${raw}`);
      }
    } else {
      const field = path.split('.')[0] ?? path;
      out.fields[field] ??= message;
    }
  }
  return out;
}
