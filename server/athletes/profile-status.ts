/**
 * `profile_status` of the athlete list (`include_profile_status=true`), from what the server has
 * today (the score itself is defined once in shared/domain/completeness.ts):
 * - joined: the athlete's account has a password (they accepted and can sign in);
 * - plan: a training plan assignment of theirs is upcoming or running today (organization's date);
 * - invitations, integrations, activities, attention signals, goal race, target pace and the
 *   athlete's time zone do not exist yet: null / 0 / 'none' / missing.
 * One query for the whole page, never one per athlete.
 */
import type { Athlete } from '../../shared/domain/athlete';
import { profileCompleteness, type ProfileStatus } from '../../shared/domain/completeness';
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

export async function profileStatus(db: Db, orgId: string, page: { athlete: Athlete; joined: boolean }[]): Promise<ProfileStatus[]> {
  const withPlan = await athletesWithPlan(
    db,
    orgId,
    page.map((p) => p.athlete.id),
  );
  return page.map(({ athlete, joined }) => {
    const integrationsConnected = 0;
    return {
      joined,
      invitation_status: null,
      completeness: profileCompleteness({
        hasGoalRace: false,
        hasTargetPace: false,
        integrationsConnected,
        hasPlan: withPlan.has(athlete.id),
        hasTimeZone: false,
      }),
      integrations_connected: integrationsConnected,
      last_activity_at: null,
      attention: 'none',
    };
  });
}
