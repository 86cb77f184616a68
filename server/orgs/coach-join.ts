/**
 * Accepting a coach invitation (a token of kind 'coach'; server/invitations/accept.ts dispatches
 * here, so the accept API and the join page keep one path and one rate limit). In one
 * DocumentStore write (the organization's row lock): the invitation row is locked and re-checked,
 * the account is created or completed, the CoachMembership document written (every open app gets
 * it live) and the invitation consumed. Any refusal rolls all of it back, including a new account.
 *
 * The invitation is for one email address: a new account takes that email, and an existing account
 * must be that email's (coach rights are not handed to whoever holds a forwarded link).
 */
import type { AcceptNewAccountRequest } from '../../shared/domain/invitation';
import { hashPassword } from '../auth/password';
import { findUserByEmail, findUserById, insertUser } from '../auth/users';
import { isUniqueViolation, type Db } from '../db/db';
import { HttpProblem } from '../http/errors';
import { invitationInvalid, userForCredentials, type AcceptAs } from '../invitations/accept';
import { liveAthleteOf } from '../invitations/join-org';
import type { TokenTarget } from '../invitations/tokens';
import { invitationParties } from '../invitations/who';
import type { DocumentStore } from '../sync/store';
import { coachInvitationState, readCoachInvitation, type CoachInvitationRow } from './coach-invitations';
import { alreadyAthlete } from './coaches';
import { coachMembership } from './organizations';

export type AcceptedCoach = { organization_id: string; coach_id: string; email: string };

/** What the join page shows for a coach token; null when the link cannot be used. */
export type CoachJoinView = { orgName: string; inviter: string | null; email: string; firstName: string | null };

async function usable(db: Db, target: TokenTarget): Promise<CoachInvitationRow | null> {
  const row = await readCoachInvitation(db, target.orgId, target.invitationId);
  return row && coachInvitationState(row) === 'pending' ? row : null;
}

export async function coachJoinView(db: Db, target: TokenTarget): Promise<CoachJoinView | null> {
  const row = await usable(db, target);
  if (!row) return null;
  const parties = await invitationParties(db, target.orgId, row.invited_by);
  return { orgName: parties.orgName, inviter: parties.inviter, email: row.email, firstName: row.first_name };
}

const sameEmail = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
const emailMismatch = (invited: string) =>
  new HttpProblem(400, 'email_mismatch', `email: this invitation is for ${invited}; use that address (or ask the head coach to add your account's email)`, 'email');
const accountExists = () => new HttpProblem(409, 'account_exists', 'An Astral account with this email already exists: sign in instead to accept.', 'email');
const alreadyCoachHere = (orgName: string) => new HttpProblem(409, 'already_coach', `You already coach ${orgName}: there is nothing more to do.`);

type Account = AcceptNewAccountRequest;

export async function acceptCoachInvitation(store: DocumentStore, target: TokenTarget, as: AcceptAs, scrypt?: Parameters<typeof hashPassword>[1]): Promise<AcceptedCoach> {
  const first = await usable(store.db, target);
  if (!first) throw invitationInvalid();
  if (as.kind === 'new') {
    // Refusals that need no password work first (checked again under the lock).
    if (!sameEmail(as.account.email, first.email)) throw emailMismatch(first.email);
    if ((await findUserByEmail(store.db, as.account.email))?.password_hash) throw accountExists();
  }
  if (as.kind === 'credentials' && !sameEmail(as.email, first.email)) throw emailMismatch(first.email);
  const passwordHash = as.kind === 'new' ? await hashPassword(as.account.password, scrypt) : null;
  const existingUserId = as.kind === 'existing' ? as.userId : as.kind === 'credentials' ? await userForCredentials(store.db, as.email, as.password) : null;

  try {
    return await writeCoach(store, target, as, existingUserId, passwordHash);
  } catch (err) {
    // The membership's unique index (one live membership per user): made by another server instance meanwhile.
    if (isUniqueViolation(err)) throw new HttpProblem(409, 'already_coach', 'You already coach this organization: there is nothing more to do.');
    throw err;
  }
}

function writeCoach(store: DocumentStore, target: TokenTarget, as: AcceptAs, existingUserId: string | null, passwordHash: string | null): Promise<AcceptedCoach> {
  return store.write(target.orgId, async (w) => {
    const row = await readCoachInvitation(w.tx, w.orgId, target.invitationId, true);
    const now = new Date();
    if (!row || coachInvitationState(row, now) !== 'pending') throw invitationInvalid();
    let user: { id: string; first_name: string; last_name: string; email: string } | null;
    if (as.kind === 'new') {
      user = await newOrCompletedAccount(w.tx, as.account, row.email, passwordHash);
    } else {
      user = await findUserById(w.tx, existingUserId ?? '');
      if (!user) throw new HttpProblem(401, 'unauthorized', 'The session is invalid or has expired; sign in again.');
      if (!sameEmail(user.email, row.email)) throw emailMismatch(row.email);
    }
    const { orgName } = await invitationParties(w.tx, w.orgId, row.invited_by);
    if (await w.membership(user.id)) throw alreadyCoachHere(orgName);
    if (await liveAthleteOf(w, user.id)) throw alreadyAthlete(user.email);
    const at = now.toISOString();
    const membership = coachMembership({ id: user.id, email: user.email, first_name: user.first_name, last_name: user.last_name }, 'coach', at);
    await w.put('coaches', membership);
    // Single use: the row was locked and checked pending above; the condition keeps it so on any backend.
    const { rows } = await w.tx.query(
      `UPDATE coach_invitations SET status = 'accepted', accepted_at = $3, accepted_coach_id = $4, updated_at = $3
        WHERE org_id = $1 AND id = $2 AND status = 'pending' RETURNING id`,
      [w.orgId, row.id, at, membership.id],
    );
    if (rows.length !== 1) throw invitationInvalid();
    return { organization_id: w.orgId, coach_id: membership.id, email: user.email };
  });
}

async function newOrCompletedAccount(tx: Db, account: Account, invited: string, passwordHash: string | null) {
  if (!sameEmail(account.email, invited)) throw emailMismatch(invited);
  const found = await findUserByEmail(tx, account.email);
  if (found?.password_hash) throw accountExists();
  if (found) {
    // An account made for this person before (no password yet): it becomes theirs now.
    await tx.query('UPDATE users SET password_hash = $2, first_name = $3, last_name = $4 WHERE id = $1 AND password_hash IS NULL', [
      found.id, passwordHash, account.first_name, account.last_name,
    ]);
    return { ...found, first_name: account.first_name, last_name: account.last_name };
  }
  try {
    return await insertUser(tx, { email: account.email, firstName: account.first_name, lastName: account.last_name, passwordHash });
  } catch (err) {
    if (isUniqueViolation(err)) throw accountExists();
    throw err;
  }
}
