/**
 * /api/v1/organizations/{org_id}: coaches (list, add an existing user or invite an email without
 * an account, remove, hand over the head-coach role; changes are the head coach's), the head
 * coach's coach invitations (list, revoke, resend) and groups (list).
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Group } from '../../shared/domain/group';
import { CoachRole, type CoachMembership } from '../../shared/domain/organization';
import { Email, lineText } from '../../shared/domain/common';
import { requireCaller } from '../auth/authenticate';
import { CoachInvitation } from '../../shared/domain/coach-invitation';
import { listCoachInvitations, resendCoachInvitation, revokeCoachInvitation } from '../orgs/coach-invitations';
import { addOrInviteCoach, handOverHeadCoach, removeCoach } from '../orgs/coaches';
import { requireHeadCoach } from '../auth/membership';
import { requireJsonBody } from '../plans/json-body';
import { HttpProblem } from '../http/errors';
import type { ApiDeps } from './deps';
import { BEARER, BEARER_OR_API_KEY, ERRORS, OrgParams, newApi, requireCoach, type MemberEnv } from './openapi';
import { CoachDoc, GroupDoc, json, jsonBody } from './schemas';

const CoachParams = OrgParams.extend({
  coach_id: z.string().max(100).openapi({ param: { name: 'coach_id', in: 'path' }, format: 'uuid' }),
});
const RoleChange = z.strictObject({ role: z.literal('head_coach') }).meta({ id: 'RoleChange' });
const AddCoach = z
  .strictObject({
    email: Email,
    first_name: lineText(80).nullable().optional().meta({ description: 'For the invitation email when no account uses the email (optional)' }),
    role: CoachRole.optional().meta({ description: 'Only `coach` (the default): an organization has one head coach, changed by hand-over' }),
    invite: z.boolean().optional().meta({ description: 'Default true. false: an email without an account is a 404 `user_not_found` instead of an invitation (to ask first)' }),
  })
  .meta({ id: 'AddCoach' });
const InviteParams = OrgParams.extend({
  invitation_id: z.string().max(100).openapi({ param: { name: 'invitation_id', in: 'path' }, format: 'uuid' }),
});
// The wire shape is shared with the app (shared/domain/coach-invitation.ts), which parses answers with it.
const CoachInvitationDoc = CoachInvitation.meta({ id: 'CoachInvitation' });
const InvitationListQuery = z.strictObject({
  status: z.enum(['pending', 'accepted', 'revoked', 'expired']).optional().openapi({ description: 'Only invitations in this state' }),
  limit: z.coerce.number().int().min(1).max(200).default(50).openapi({ description: '1..200, default 50' }),
  cursor: z.string().max(400).optional().openapi({ description: 'The next_cursor of the previous page' }),
});
const RemovedCoach = z.object({ coach_id: z.string(), unassigned_athlete_ids: z.array(z.string()) }).meta({ id: 'RemovedCoach' });

const listCoaches = createRoute({
  method: 'get',
  path: '/organizations/{org_id}/coaches',
  tags: ['coaches'],
  summary: 'The coaches of the organization and their roles (an athlete’s coach_ids hold these ids)',
  security: BEARER_OR_API_KEY,
  request: { params: OrgParams },
  responses: { 200: json(z.object({ data: z.array(CoachDoc) }), 'Coach memberships'), 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404] },
});

const changeRole = createRoute({
  method: 'patch',
  path: '/organizations/{org_id}/coaches/{coach_id}',
  tags: ['coaches'],
  summary: 'Hand the head-coach role to another coach (head coach only); the caller becomes a coach',
  security: BEARER,
  request: { params: CoachParams, body: jsonBody(RoleChange) },
  responses: { 200: json(CoachDoc, 'The new head coach'), 400: ERRORS[400], 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404] },
});

const postCoach = createRoute({
  method: 'post',
  path: '/organizations/{org_id}/coaches',
  tags: ['coaches'],
  summary: 'Add a coach (head coach only): an existing account at once, an email without one by invitation',
  description:
    'An existing account becomes a coach at once (201). An email without an account gets a coach invitation (202): an email with a personal ' +
    'link `{PUBLIC_URL}/join/{token}` valid for 14 days; inviting an email that has a pending invitation sends it again. With `invite: false` ' +
    'an email without an account is a 404 `user_not_found`. 409 `already_coach` when they already coach this organization, `already_athlete` ' +
    'when they are one of its athletes.',
  security: BEARER,
  request: { params: OrgParams, body: jsonBody(AddCoach) },
  responses: {
    201: json(CoachDoc, 'The new coach membership'),
    202: json(z.object({ invitation: CoachInvitationDoc }).meta({ id: 'CoachInvited' }), 'No account uses the email: invited, the email is on its way'),
    400: ERRORS[400],
    401: ERRORS[401],
    403: ERRORS[403],
    404: ERRORS[404],
    409: ERRORS[409],
  },
});

const listInvitations = createRoute({
  method: 'get',
  path: '/organizations/{org_id}/coach-invitations',
  tags: ['coaches'],
  summary: 'Coach invitations, newest first (head coach only)',
  security: BEARER,
  request: { params: OrgParams, query: InvitationListQuery },
  responses: {
    200: json(z.object({ data: z.array(CoachInvitationDoc), next_cursor: z.string().nullable() }).meta({ id: 'CoachInvitationList' }), 'A page of coach invitations'),
    400: ERRORS[400],
    401: ERRORS[401],
    403: ERRORS[403],
    404: ERRORS[404],
  },
});

const revokeInvitation = createRoute({
  method: 'delete',
  path: '/organizations/{org_id}/coach-invitations/{invitation_id}',
  tags: ['coaches'],
  summary: 'Revoke a coach invitation (head coach only): its links stop working at once; revoking twice is fine',
  security: BEARER,
  request: { params: InviteParams },
  responses: {
    200: json(CoachInvitationDoc, 'The revoked invitation'),
    401: ERRORS[401],
    403: ERRORS[403],
    404: ERRORS[404],
    409: { ...ERRORS[409], description: 'Already accepted (`not_pending`)' },
  },
});

const resendInvitation = createRoute({
  method: 'post',
  path: '/organizations/{org_id}/coach-invitations/{invitation_id}/resend',
  tags: ['coaches'],
  summary: 'Email a coach invitation again with a new link, valid 14 days from now (head coach only)',
  security: BEARER,
  request: { params: InviteParams },
  responses: {
    200: json(CoachInvitationDoc, 'The invitation, email queued'),
    401: ERRORS[401],
    403: ERRORS[403],
    404: ERRORS[404],
    409: { ...ERRORS[409], description: 'Accepted or revoked (`not_pending`), or sent too often (`too_many_emails`)' },
  },
});

const deleteCoach = createRoute({
  method: 'delete',
  path: '/organizations/{org_id}/coaches/{coach_id}',
  tags: ['coaches'],
  summary: 'Remove a coach (head coach only): their athletes become unassigned from them, nothing else changes',
  description: 'The head coach cannot be removed, nor remove themselves: 409; hand the head-coach role over first.',
  security: BEARER,
  request: { params: CoachParams },
  responses: { 200: json(RemovedCoach, 'The coach was removed'), 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404], 409: ERRORS[409] },
});

const listGroups = createRoute({
  method: 'get',
  path: '/organizations/{org_id}/groups',
  tags: ['groups'],
  summary: 'The groups of the organization',
  security: BEARER_OR_API_KEY,
  request: { params: OrgParams },
  responses: { 200: json(z.object({ data: z.array(GroupDoc) }), 'Groups'), 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404] },
});

export function teamRoutes(deps: ApiDeps) {
  const { db, store, services } = deps;
  const app = newApi<MemberEnv>();
  const paths = ['/organizations/:org_id/coaches', '/organizations/:org_id/coaches/*', '/organizations/:org_id/groups'];
  for (const path of [...paths, '/organizations/:org_id/coach-invitations', '/organizations/:org_id/coach-invitations/*']) {
    app.use(path, requireCaller(db), requireCoach(db));
  }
  app.on(['POST'], ['/organizations/:org_id/coaches'], requireJsonBody);

  app.openapi(listCoaches, async (c) => {
    const docs = await store.list(c.get('member').orgId, 'coaches');
    const data = docs.map((d) => d.data as CoachMembership).sort((a, b) => a.last_name.localeCompare(b.last_name) || a.first_name.localeCompare(b.first_name));
    return c.json({ data }, 200);
  });

  app.openapi(changeRole, async (c) => {
    const { coach_id } = c.req.valid('param');
    c.req.valid('json');
    return c.json(await handOverHeadCoach(store, c.get('member'), coach_id), 200);
  });

  app.openapi(postCoach, async (c) => {
    const { email, role, first_name, invite } = c.req.valid('json');
    if (role === 'head_coach') {
      throw new HttpProblem(400, 'invalid_request', 'role: an organization has one head coach; add them as a coach, then hand the role over', 'role');
    }
    const done = await addOrInviteCoach(store, { db, services }, c.get('member'), { email, firstName: first_name || null, invite: invite ?? true });
    if (done.kind === 'invited') return c.json({ invitation: done.invitation }, 202);
    return c.json(done.coach, 201);
  });

  app.openapi(listInvitations, async (c) => {
    const member = c.get('member');
    requireHeadCoach(member, 'see coach invitations');
    return c.json(await listCoachInvitations(db, member.orgId, c.req.valid('query')), 200);
  });

  app.openapi(revokeInvitation, async (c) => c.json(await revokeCoachInvitation(store, c.get('member'), c.req.valid('param').invitation_id), 200));

  app.openapi(resendInvitation, async (c) => c.json(await resendCoachInvitation(store, services, c.get('member'), c.req.valid('param').invitation_id), 200));

  app.openapi(deleteCoach, async (c) => {
    const { coach_id } = c.req.valid('param');
    return c.json(await removeCoach(store, c.get('member'), coach_id), 200);
  });

  app.openapi(listGroups, async (c) => {
    const docs = await store.list(c.get('member').orgId, 'groups');
    const data = docs.map((d) => d.data as Group).sort((a, b) => a.name.localeCompare(b.name));
    return c.json({ data }, 200);
  });

  return app;
}
