/**
 * Who may do what on the Settings page, by the server's rules (server/orgs/coaches.ts and
 * server/api/api-keys-routes.ts): only the head coach manages the staff and the API keys; the head
 * coach is never removed (nor removes themselves) and hands the role to another coach instead. The
 * page shows only the controls these allow, so a regular coach never meets a control that would fail.
 * The role is the replicated membership (useMyMembership), so a hand-over changes the page live.
 */
import type { Athlete } from '../../shared/domain/athlete';
import type { CoachMembership, CoachRole } from '../../shared/domain/organization';

type Me = Pick<CoachMembership, 'id' | 'role'> | null | undefined;

export const ROLE_LABELS: Record<CoachRole, string> = { head_coach: 'Head coach', coach: 'Coach' };

export const canManageStaff = (me: Me): boolean => me?.role === 'head_coach';

export const canManageApiKeys = (me: Me): boolean => me?.role === 'head_coach';

/** What `me` may do to `target` in the staff list. */
export function coachActions(me: Me, target: Pick<CoachMembership, 'id' | 'role'>): { remove: boolean; handOver: boolean } {
  const allowed = canManageStaff(me) && target.id !== me?.id && target.role !== 'head_coach';
  return { remove: allowed, handOver: allowed };
}

/** How many athletes each coach (membership id) is assigned to. */
export function athleteCountsByCoach(athletes: readonly Pick<Athlete, 'coach_ids'>[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const a of athletes) for (const id of new Set(a.coach_ids)) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}
