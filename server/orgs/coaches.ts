/**
 * Coach memberships (collection `coaches`, server-written only): add an existing user as coach (or
 * invite an email without an account, coach-invitations.ts), remove a coach, hand over the head-coach role. Each runs in one DocumentStore write, so open
 * apps receive every document it touched in one live change. Role checks read the membership from
 * the database inside that transaction, never a role remembered from sign-in.
 */
import type { Athlete } from '../../shared/domain/athlete';
import type { CoachMembership } from '../../shared/domain/organization';
import { requireHeadCoach, type Member } from '../auth/membership';
import { findUserByEmail } from '../auth/users';
import { isUniqueViolation } from '../db/db';
import { HttpProblem, forbidden, notFound } from '../http/errors';
import { liveAthleteOf } from '../invitations/join-org';
import type { DocumentStore } from '../sync/store';
import { coachInvitationView, inviteCoachInWrite, requireHeadCoachNow, type CoachInvitation, type CoachInvitationRow, type InviteContext } from './coach-invitations';
import { coachMembership } from './organizations';

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

export type AddOrInvite = { email: string; firstName: string | null; /** false: no account is a 404 instead of an invitation. */ invite: boolean };
export type AddedOrInvited = { kind: 'added'; coach: CoachMembership } | { kind: 'invited'; invitation: CoachInvitation };

/**
 * Makes an existing account a coach (role `coach`: an organization has exactly one head coach,
 * changed by hand-over), or, when no account uses the email, invites them by email (a pending
 * coach invitation, coach-invitations.ts; with `invite: false` that is a 404 `user_not_found`).
 * An athlete of the organization cannot also coach it (409 `already_athlete`).
 */
export async function addOrInviteCoach(store: DocumentStore, ctx: InviteContext, member: Member, input: AddOrInvite): Promise<AddedOrInvited> {
  requireHeadCoach(member, 'add coaches'); // before the lookup: nobody else learns which emails have accounts
  const { email } = input;
  try {
    const result = await store.write(member.orgId, async (w): Promise<AddedOrInvited | { kind: 'invited-row'; row: CoachInvitationRow }> => {
      await requireHeadCoachNow(w, member, 'add coaches');
      const user = await findUserByEmail(w.tx, email);
      if (!user) {
        if (!input.invite) {
          throw new HttpProblem(404, 'user_not_found', `No Astral account uses ${email}. Send them an invitation to join as a coach instead.`, 'email');
        }
        return { kind: 'invited-row', row: await inviteCoachInWrite(w, ctx, member, { email, firstName: input.firstName }) };
      }
      if (await w.membership(user.id)) throw alreadyCoach(user.email);
      if (await liveAthleteOf(w, user.id)) throw alreadyAthlete(user.email);
      const now = new Date().toISOString();
      const membership = coachMembership({ id: user.id, email: user.email, first_name: user.first_name, last_name: user.last_name }, 'coach', now);
      await w.put('coaches', membership);
      return { kind: 'added', coach: membership };
    });
    if (result.kind === 'invited-row') return { kind: 'invited', invitation: await coachInvitationView(store.db, result.row) };
    return result;
  } catch (err) {
    if (isUniqueViolation(err)) throw alreadyCoach(email); // added by another server instance meanwhile
    throw err;
  }
}

export const alreadyAthlete = (email: string) =>
  new HttpProblem(409, 'already_athlete', `${email} is an athlete of this organization: an athlete cannot also coach it. Remove them from the roster first.`, 'email');
export const alreadyCoach = (email: string) => new HttpProblem(409, 'already_coach', `${email} is already a coach of this organization.`, 'email');

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
