/**
 * `profile_status` of the athlete list (`include_profile_status=true`), from what the server has
 * today (the score itself is defined once in shared/domain/completeness.ts):
 * - joined: the athlete's account has a password (they accepted and can sign in);
 * - plan: a training plan assignment of theirs is upcoming or running today (organization's date);
 * - goal race, target pace, integrations (state `connected`) from the athlete document;
 * - last_activity_at: the start of their latest activity;
 * - attention: the highest severity of their open signals (snoozed ones whose day passed count);
 * - invitation_status: 'accepted' when the athlete joined through an invitation (an athlete only
 *   exists once accepted; one added directly has null);
 * - the athlete's own time zone does not exist yet: missing.
 * A few queries for the whole page, never one per athlete.
 */
import type { Athlete } from '../../shared/domain/athlete';
import { profileCompleteness, type ProfileStatus } from '../../shared/domain/completeness';
import { signalIsOpen, type AttentionSignal } from '../../shared/domain/signal';
import type { AttentionLevel } from '../../shared/domain/completeness';
import { todayIn } from '../../shared/schedule/dates';
import { assignmentStatus } from '../../shared/schedule/plan-schedule';
import type { Db } from '../db/db';

type AssignmentRow = { athlete_id: string; start_date: string; ended_on: string | null; weeks: number | string | null; time_zone: string };

/** Athletes (of those given) with a current or upcoming plan assignment. */
async function athletesWithPlan(db: Db, orgId: string, athleteIds: string[]): Promise<Set<string>> {
  if (athleteIds.length === 0) return new Set();
  const { rows } = await db.query<AssignmentRow>(
    `SELECT a.data->>'athlete_id' AS athlete_id, a.data->>'start_date' AS start_date, a.data->>'ended_on' AS ended_on,
            p.data->>'weeks' AS weeks, o.time_zone
       FROM documents a
       JOIN organizations o ON o.id = a.org_id
       JOIN documents p ON p.org_id = a.org_id AND p.collection = 'training_plans' AND p.id = a.data->>'training_plan_id'
      WHERE a.org_id = $1 AND a.collection = 'plan_assignments' AND NOT a.deleted AND a.data->>'athlete_id' = ANY($2::text[])`,
    [orgId, athleteIds],
  );
  const withPlan = new Set<string>();
  for (const r of rows) {
    const weeks = Number(r.weeks);
    if (!Number.isInteger(weeks) || weeks < 1) continue;
    const status = assignmentStatus({ start_date: r.start_date, ended_on: r.ended_on }, weeks, todayIn(r.time_zone));
    if (status === 'active' || status === 'upcoming') withPlan.add(r.athlete_id);
  }
  return withPlan;
}

/** The start of each athlete's latest activity. */
async function lastActivities(db: Db, orgId: string, athleteIds: string[]): Promise<Map<string, string>> {
  if (athleteIds.length === 0) return new Map();
  const { rows } = await db.query<{ athlete_id: string; last: string }>(
    `SELECT data->>'athlete_id' AS athlete_id, max(data->>'start_time') AS last FROM documents
      WHERE org_id = $1 AND collection = 'activities' AND NOT deleted AND data->>'athlete_id' = ANY($2::text[])
      GROUP BY 1`,
    [orgId, athleteIds],
  );
  return new Map(rows.map((r) => [r.athlete_id, new Date(r.last).toISOString()]));
}

/** The highest severity of each athlete's open signals. */
async function attentionLevels(db: Db, orgId: string, athleteIds: string[]): Promise<Map<string, AttentionLevel>> {
  if (athleteIds.length === 0) return new Map();
  const { rows } = await db.query<{ data: AttentionSignal; time_zone: string }>(
    `SELECT d.data, o.time_zone FROM documents d JOIN organizations o ON o.id = d.org_id
      WHERE d.org_id = $1 AND d.collection = 'attention_signals' AND NOT d.deleted AND d.data->>'status' <> 'resolved' AND d.data->>'athlete_id' = ANY($2::text[])`,
    [orgId, athleteIds],
  );
  const out = new Map<string, AttentionLevel>();
  for (const { data, time_zone } of rows) {
    if (!signalIsOpen(data, todayIn(time_zone))) continue;
    if (data.severity === 'urgent' || !out.has(data.athlete_id)) out.set(data.athlete_id, data.severity);
  }
  return out;
}

/** Athletes (of those given) who joined by accepting an invitation. */
async function joinedByInvitation(db: Db, orgId: string, athleteIds: string[]): Promise<Set<string>> {
  if (athleteIds.length === 0) return new Set();
  const { rows } = await db.query<{ athlete_id: string }>(
    'SELECT DISTINCT athlete_id FROM invitation_acceptances WHERE org_id = $1 AND athlete_id = ANY($2::text[])',
    [orgId, athleteIds],
  );
  return new Set(rows.map((r) => r.athlete_id));
}

export async function profileStatus(db: Db, orgId: string, page: { athlete: Athlete; joined: boolean }[]): Promise<ProfileStatus[]> {
  const ids = page.map((p) => p.athlete.id);
  const [withPlan, last, attention] = [await athletesWithPlan(db, orgId, ids), await lastActivities(db, orgId, ids), await attentionLevels(db, orgId, ids)];
  const invited = await joinedByInvitation(db, orgId, ids);
  return page.map(({ athlete, joined }) => {
    const integrationsConnected = (athlete.integrations ?? []).filter((i) => i.state === 'connected').length;
    return {
      joined,
      invitation_status: invited.has(athlete.id) ? 'accepted' : null,
      completeness: profileCompleteness({
        hasGoalRace: athlete.goal_race != null,
        hasTargetPace: athlete.target_pace_s_per_km != null,
        integrationsConnected,
        hasPlan: withPlan.has(athlete.id),
        hasTimeZone: false,
      }),
      integrations_connected: integrationsConnected,
      last_activity_at: last.get(athlete.id) ?? null,
      attention: attention.get(athlete.id) ?? 'none',
    };
  });
}
