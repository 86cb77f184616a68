/**
 * Org scope for API and sync routes: the authenticated caller must coach the organization in the
 * path. The membership (and so the role) is read from the database on every request, never
 * remembered from sign-in, so a role hand-over takes effect at once.
 *
 * An API key is a `Member` of its own organization with coach rights (`role: 'coach'`,
 * `apiKeyId` set, `userId`/`coachId` = NO_USER); on any other organization it is a 403.
 * Writes re-check the role inside their transaction with `actorRole`.
 */
import type { MiddlewareHandler } from 'hono';
import { Id } from '../../shared/domain/common';
import type { CoachRole } from '../../shared/domain/organization';
import type { Db } from '../db/db';
import { HttpProblem, forbidden } from '../http/errors';
import { organizationExists } from '../orgs/organizations';
import { findMembership, type OrgWriter } from '../sync/store';
import { NO_USER, type AuthEnv } from './authenticate';

export type Member = { orgId: string; userId: string; coachId: string; role: CoachRole; apiKeyId?: string };
export type MemberEnv = AuthEnv & { Variables: { member: Member } };

export function requireCoach(db: Db): MiddlewareHandler<MemberEnv> {
  return async (c, next) => {
    const orgId = c.req.param('org_id') ?? '';
    if (!Id.safeParse(orgId).success) throw new HttpProblem(404, 'not_found', 'Organization not found.');
    const caller = c.get('caller');
    if (caller.kind === 'api_key') {
      if (caller.orgId !== orgId) throw forbidden('This API key belongs to another organization.');
      c.set('member', { orgId, userId: NO_USER, coachId: NO_USER, role: 'coach', apiKeyId: caller.apiKeyId });
      return next();
    }
    const membership = await findMembership(db, orgId, caller.userId);
    if (!membership) {
      if (!(await organizationExists(db, orgId))) throw new HttpProblem(404, 'not_found', 'Organization not found.');
      throw forbidden('You are not a coach of this organization.');
    }
    c.set('member', { orgId, userId: caller.userId, coachId: membership.id, role: membership.role });
    return next();
  };
}

/** Refuses (403 `forbidden`) anyone but the signed-in head coach; `action` completes "Only the head coach can ...". */
export function requireHeadCoach(member: Member, action: string): void {
  if (member.apiKeyId) throw forbidden(`API keys have coach rights; only the head coach, signed in, can ${action}.`);
  if (member.role !== 'head_coach') throw forbidden(`Only the head coach can ${action}.`);
}

/**
 * The caller's role now, inside a write transaction (a hand-over or removal may have happened
 * since the request started); null when they are no longer a coach. An API key has coach rights.
 */
export async function actorRole(w: OrgWriter, member: Member): Promise<CoachRole | null> {
  if (member.apiKeyId) return 'coach';
  return (await w.membership(member.userId))?.role ?? null;
}

/** `actorRole`, refusing with 403 when the caller is no longer a coach. */
export async function currentRole(w: OrgWriter, member: Member): Promise<CoachRole> {
  const role = await actorRole(w, member);
  if (!role) throw forbidden('You are not a coach of this organization.');
  return role;
}
