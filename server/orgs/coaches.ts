/**
 * Coach memberships (collection `coaches`, server-written only): add an existing user as coach,
 * remove a coach, hand over the head-coach role. Each runs in one DocumentStore write, so open
 * apps receive every document it touched in one live change. Role checks read the membership from
 * the database inside that transaction, never a role remembered from sign-in.
 */
import type { Athlete } from '../../shared/domain/athlete';
import type { CoachMembership } from '../../shared/domain/organization';
import { currentRole, requireHeadCoach, type Member } from '../auth/membership';
import { findUserByEmail } from '../auth/users';
import { isUniqueViolation } from '../db/db';
import { HttpProblem, forbidden, notFound } from '../http/errors';
import type { DocumentStore, OrgWriter } from '../sync/store';
import { coachMembership } from './organizations';

async function requireHeadCoachNow(w: OrgWriter, member: Member, action: string): Promise<void> {
  requireHeadCoach(member, action);
  if ((await currentRole(w, member)) !== 'head_coach') throw forbidden(`Only the head coach can ${action}.`);
}

export async function handOverHeadCoach(store: DocumentStore, member: Member, targetCoachId: string): Promise<CoachMembership> {
  return store.write(member.orgId, async (w) => {
    await requireHeadCoachNow(w, member, 'hand over the head-coach role');
    const target = await w.read('coaches', targetCoachId);
    if (!target || target.deleted) throw notFound('Coach');
    const targetDoc = target.data as CoachMembership;
    if (targetDoc.role === 'head_coach') return targetDoc;
    const now = new Date().toISOString();
    const own = await w.membership(member.userId); // read now: the membership of the request's start may be gone
    const callerDoc = own ? await w.read('coaches', own.id) : null;
    if (!callerDoc) throw forbidden('You are not a coach of this organization.');
    await w.put('coaches', { ...(callerDoc.data as CoachMembership), role: 'coach', updated_at: now });
    const promoted: CoachMembership = { ...targetDoc, role: 'head_coach', updated_at: now };
    await w.put('coaches', promoted);
    return promoted;
  });
}

/**
 * Makes an existing account a coach (role `coach`: an organization has exactly one head coach,
 * changed by hand-over). No account with that email is a 404 `user_not_found`: inviting someone
 * who has no account comes with invitations.
 */
export async function addCoach(store: DocumentStore, member: Member, email: string): Promise<CoachMembership> {
  requireHeadCoach(member, 'add coaches'); // before the lookup: nobody else learns which emails have accounts
  try {
    return await store.write(member.orgId, async (w) => {
      await requireHeadCoachNow(w, member, 'add coaches');
      const user = await findUserByEmail(w.tx, email);
      if (!user) {
        throw new HttpProblem(
          404,
          'user_not_found',
          `No Astral account uses ${email}. Only existing users can be added as coaches for now; inviting a coach by email comes with invitations.`,
          'email',
        );
      }
      if (await w.membership(user.id)) throw alreadyCoach(user.email);
      const now = new Date().toISOString();
      const membership = coachMembership({ id: user.id, email: user.email, first_name: user.first_name, last_name: user.last_name }, 'coach', now);
      await w.put('coaches', membership);
      return membership;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw alreadyCoach(email); // added by another server instance meanwhile
    throw err;
  }
}

const alreadyCoach = (email: string) => new HttpProblem(409, 'already_coach', `${email} is already a coach of this organization.`, 'email');

export type RemovedCoach = { coach_id: string; unassigned_athlete_ids: string[] };

/**
 * Removes a coach: the membership becomes a tombstone and every athlete assigned to them loses
 * that coach id (nothing else changes), all in one write. The head coach cannot be removed (hand
 * the role over first), which also keeps the head coach from removing themselves.
 */
export async function removeCoach(store: DocumentStore, member: Member, coachId: string): Promise<RemovedCoach> {
  return store.write(member.orgId, async (w) => {
    await requireHeadCoachNow(w, member, 'remove coaches');
    const stored = await w.read('coaches', coachId);
    if (!stored || stored.deleted) throw notFound('Coach');
    const coach = stored.data as CoachMembership;
    if (coach.id === member.coachId) {
      throw new HttpProblem(409, 'cannot_remove_self', 'You cannot remove yourself while you are the head coach: hand the head-coach role to another coach first.');
    }
    if (coach.role === 'head_coach') {
      throw new HttpProblem(409, 'cannot_remove_head_coach', 'The head coach cannot be removed: they must hand the head-coach role to another coach first.');
    }
    const now = new Date().toISOString();
    await w.put('coaches', { ...coach, updated_at: now }, true);
    const assigned = (await w.findContaining('athletes', 'coach_ids', coachId)).map((d) => d.data as Athlete);
    for (const a of assigned) {
      await w.put('athletes', { ...a, coach_ids: a.coach_ids.filter((id) => id !== coachId), updated_at: now });
    }
    return { coach_id: coachId, unassigned_athlete_ids: assigned.map((a) => a.id) };
  });
}
