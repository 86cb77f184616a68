/**
 * Accepting an invitation, atomically: one store.write (the organization's row lock) re-reads the
 * invitation, checks it is still usable, creates or completes the account (same transaction: a
 * refused accept leaves no account behind), makes the athlete (join-org.ts) and consumes the
 * invitation (single use: accepted; multi use: uses + 1, never past max_uses). Two people racing
 * for one link are serialised by that lock, in one process or several on one PostgreSQL.
 * Unknown, used, expired, revoked and used-up links all get the same `404 invitation_invalid`.
 * A coach invitation's token (kind 'coach') is accepted by server/orgs/coach-join.ts instead.
 */
import { invitationUsable, type AcceptNewAccountRequest, type Invitation } from '../../shared/domain/invitation';
import { hashPassword, verifyPassword, burnPasswordCheck } from '../auth/password';
import { findUserByEmail, findUserById, insertUser } from '../auth/users';
import { isUniqueViolation, type Db } from '../db/db';
import { HttpProblem } from '../http/errors';
import type { DocumentStore } from '../sync/store';
import { acceptCoachInvitation, type AcceptedCoach } from '../orgs/coach-join';
import { isRefusal, joinOrganization } from './join-org';
import { findToken } from './tokens';

export const invitationInvalid = () =>
  new HttpProblem(404, 'invitation_invalid', 'This invitation link is not valid: it may have been used, revoked or expired. Ask your coach for a new one.');

export type AcceptAs =
  | { kind: 'new'; account: AcceptNewAccountRequest }
  /** An existing user: signed in (session) or, on the join page, by email and password. */
  | { kind: 'existing'; userId: string }
  | { kind: 'credentials'; email: string; password: string };

export type Accepted = { organization_id: string; athlete_id: string; email: string };
/** A coach token (kind 'coach') makes a coach instead: server/orgs/coach-join.ts. */
export type AcceptedAny = Accepted | AcceptedCoach;

/** Cheap look before the slow password work: is this token worth it? (Checked again under the lock.) */
async function usableTarget(db: Db, token: string) {
  const target = await findToken(db, token);
  if (!target) return null;
  const { rows } = await db.query<{ data: Invitation; deleted: boolean }>(
    `SELECT data, deleted FROM documents WHERE org_id = $1 AND collection = 'invitations' AND id = $2`,
    [target.orgId, target.invitationId],
  );
  const row = rows[0];
  return row && !row.deleted && invitationUsable(row.data) ? { ...target, invitation: row.data } : null;
}

const emailMismatch = () => new HttpProblem(400, 'email_mismatch', 'email: this invitation is for another email address; use the address it was sent to', 'email');
const accountExists = () => new HttpProblem(409, 'account_exists', 'An Astral account with this email already exists: sign in instead to accept.', 'email');
const sameEmail = (inv: Invitation, email: string) => inv.type !== 'single_use' || inv.email === null || inv.email.toLowerCase() === email.trim().toLowerCase();

export async function userForCredentials(db: Db, email: string, password: string): Promise<string> {
  const user = await findUserByEmail(db, email);
  const ok = user?.password_hash ? await verifyPassword(password, user.password_hash) : (await burnPasswordCheck(password), false);
  if (!user || !ok) throw new HttpProblem(401, 'invalid_credentials', 'Wrong email or password.', 'password');
  return user.id;
}

export async function acceptInvitation(store: DocumentStore, token: string, as: AcceptAs, scrypt?: Parameters<typeof hashPassword>[1]): Promise<AcceptedAny> {
  const kind = await findToken(store.db, token);
  if (kind?.kind === 'coach') return acceptCoachInvitation(store, kind, as, scrypt);
  const target = await usableTarget(store.db, token);
  if (!target) throw invitationInvalid();
  if (as.kind === 'new') {
    // Refusals that need no password work come first (and are checked again under the lock).
    if (!sameEmail(target.invitation, as.account.email)) throw emailMismatch();
    if ((await findUserByEmail(store.db, as.account.email))?.password_hash) throw accountExists();
  }
  const passwordHash = as.kind === 'new' ? await hashPassword(as.account.password, scrypt) : null;
  const existingUserId = as.kind === 'existing' ? as.userId : as.kind === 'credentials' ? await userForCredentials(store.db, as.email, as.password) : null;
  return store.write(target.orgId, async (w) => {
    const stored = await w.read('invitations', target.invitationId);
    const now = new Date();
    if (!stored || stored.deleted || !invitationUsable(stored.data as Invitation, now)) throw invitationInvalid();
    const inv = stored.data as Invitation;
    let user: { id: string; first_name: string; last_name: string; email: string } | null;
    if (as.kind === 'new') {
      const { account } = as;
      if (!sameEmail(inv, account.email)) throw emailMismatch();
      const found = await findUserByEmail(w.tx, account.email);
      if (found?.password_hash) throw accountExists();
      if (found) {
        // An account made for this person before (no password yet): it becomes theirs now.
        await w.tx.query('UPDATE users SET password_hash = $2, first_name = $3, last_name = $4 WHERE id = $1 AND password_hash IS NULL', [
          found.id, passwordHash, account.first_name, account.last_name,
        ]);
        user = { ...found, first_name: account.first_name, last_name: account.last_name };
      } else {
        try {
          user = await insertUser(w.tx, { email: account.email, firstName: account.first_name, lastName: account.last_name, passwordHash });
        } catch (err) {
          if (isUniqueViolation(err)) throw accountExists();
          throw err;
        }
      }
    } else {
      user = await findUserById(w.tx, existingUserId ?? '');
      if (!user) throw new HttpProblem(401, 'unauthorized', 'The session is invalid or has expired; sign in again.');
    }
    const iso = now.toISOString();
    const joined = await joinOrganization(w, {
      userId: user.id, firstName: user.first_name, lastName: user.last_name, email: user.email,
      groupId: inv.group_id, planId: inv.training_plan_id, planStartDate: inv.plan_start_date, now: iso,
    });
    if (isRefusal(joined)) throw new HttpProblem(409, joined.code, joined.message);
    const consumed: Invitation = {
      ...inv,
      status: inv.type === 'single_use' ? 'accepted' : inv.status,
      uses: inv.uses + 1,
      accepted_athlete_id: joined.athleteId,
      accepted_at: iso,
      updated_at: iso,
    };
    await w.put('invitations', consumed);
    await w.tx.query('INSERT INTO invitation_acceptances (org_id, invitation_id, user_id, athlete_id) VALUES ($1, $2, $3, $4)', [w.orgId, inv.id, user.id, joined.athleteId]);
    return { organization_id: w.orgId, athlete_id: joined.athleteId, email: user.email };
  });
}
