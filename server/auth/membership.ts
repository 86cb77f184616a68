/**
 * Org scope for API and sync routes: the authenticated caller must coach the organization in the
 * path. The membership (and so the role) is read from the database on every request, never
 * remembered from sign-in, so a role hand-over takes effect at once.
 */
import type { MiddlewareHandler } from 'hono';
import { Id } from '../../shared/domain/common';
import type { CoachRole } from '../../shared/domain/organization';
import type { Db } from '../db/db';
import { HttpProblem, forbidden } from '../http/errors';
import { organizationExists } from '../orgs/organizations';
import { findMembership } from '../sync/store';
import type { AuthEnv } from './authenticate';

export type Member = { orgId: string; userId: string; coachId: string; role: CoachRole };
export type MemberEnv = AuthEnv & { Variables: { member: Member } };

export function requireCoach(db: Db): MiddlewareHandler<MemberEnv> {
  return async (c, next) => {
    const orgId = c.req.param('org_id') ?? '';
    if (!Id.safeParse(orgId).success) throw new HttpProblem(404, 'not_found', 'Organization not found.');
    const caller = c.get('caller');
    const membership = await findMembership(db, orgId, caller.userId);
    if (!membership) {
      if (!(await organizationExists(db, orgId))) throw new HttpProblem(404, 'not_found', 'Organization not found.');
      throw forbidden('You are not a coach of this organization.');
    }
    c.set('member', { orgId, userId: caller.userId, coachId: membership.id, role: membership.role });
    return next();
  };
}
