/**
 * "Add existing user": a coach makes someone who already has an Astral account an athlete of the
 * organization directly, by email (POST .../athletes). Unlike an invitation accepted later, the
 * coach is here to hear about it, so a group or plan that does not exist (or an archived plan) is
 * refused instead of skipped; the join itself is joinOrganization's, in one write with those
 * checks. Any coach may add anyone with an account, themselves included (a coach may also run).
 */
import type { PlanAssignment } from '../../shared/domain/assignment';
import type { Athlete } from '../../shared/domain/athlete';
import type { AddExistingAthleteRequest } from '../../shared/domain/invitation';
import { currentRole, type Member } from '../auth/membership';
import { findUserByEmail } from '../auth/users';
import { HttpProblem } from '../http/errors';
import { alreadyMember, isRefusal, joinOrganization, liveAthleteOf } from '../invitations/join-org';
import { refusalProblem } from '../plans/assignments';
import { assignablePlan } from '../sync/references';
import type { DocumentStore } from '../sync/store';

export type AddedAthlete = Athlete & { assignment?: PlanAssignment };

export const userNotFound = (email: string) =>
  new HttpProblem(404, 'user_not_found', `No Astral account uses ${email}: send an invitation instead.`, 'email');

const memberProblem = (r: { code: string; message: string }) => new HttpProblem(409, r.code, r.message, 'email');

export async function addExistingAthlete(store: DocumentStore, member: Member, req: AddExistingAthleteRequest): Promise<AddedAthlete> {
  if (req.plan_start_date !== null && req.training_plan_id === null) {
    throw new HttpProblem(400, 'invalid_request', 'plan_start_date: choose a training plan (training_plan_id) to start on that day', 'plan_start_date');
  }
  return store.write(member.orgId, async (w) => {
    await currentRole(w, member);
    const user = await findUserByEmail(w.tx, req.email);
    if (!user) throw userNotFound(req.email.trim().toLowerCase());
    // Already in: said first, whatever else the request holds (nothing would change anyway).
    if (await liveAthleteOf(w, user.id)) throw memberProblem(alreadyMember());
    if (req.group_id !== null) {
      const group = await w.read('groups', req.group_id);
      if (!group || group.deleted) throw new HttpProblem(404, 'not_found', 'group_id: no such group in this organization', 'group_id');
    }
    if (req.training_plan_id !== null) {
      const plan = await assignablePlan(w, req.training_plan_id);
      if ('refusal' in plan) throw refusalProblem(plan.refusal);
    }
    const joined = await joinOrganization(w, {
      userId: user.id,
      firstName: user.first_name,
      lastName: user.last_name,
      email: user.email,
      groupId: req.group_id,
      planId: req.training_plan_id,
      planStartDate: req.plan_start_date,
      now: new Date().toISOString(),
    });
    if (isRefusal(joined)) throw memberProblem(joined);
    const athlete = (await w.read('athletes', joined.athleteId))?.data as Athlete;
    if (joined.plan && 'assignmentId' in joined.plan) {
      const assignment = (await w.read('plan_assignments', joined.plan.assignmentId))?.data as PlanAssignment;
      return { ...athlete, assignment };
    }
    return athlete;
  });
}
