/**
 * /api/v1/organizations/{org_id}/invitations: any coach (or an organization API key) creates,
 * lists, reads, revokes and resends invitations; /api/v1/invitations/{token}/accept is where an
 * athlete accepts one (a new account, or an existing user's session). Logic in server/invitations.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { AcceptNewAccountRequest, CreateInvitationRequest, Invitation } from '../../shared/domain/invitation';
import { requireCaller } from '../auth/authenticate';
import { findSession } from '../auth/sessions';
import { HttpProblem, errorBody } from '../http/errors';
import { acceptInvitation } from '../invitations/accept';
import { RateLimited, clientIp, limitedAttempt } from '../invitations/guard';
import { acceptLimitFor } from '../invitations/limit';
import { InvitationListQuery, createInvitation, getInvitation, listInvitations, resendInvitation, revokeInvitation } from '../invitations/manage';
import { linkStore } from '../invitations/store-link';
import { requireJsonBody } from '../plans/json-body';
import type { ApiDeps } from './deps';
import { BEARER_OR_API_KEY, ERRORS, OrgParams, newApi, requireCoach, type MemberEnv } from './openapi';
import { json, jsonBody } from './schemas';

const InvParams = OrgParams.extend({
  invitation_id: z.string().max(100).openapi({ param: { name: 'invitation_id', in: 'path' }, format: 'uuid' }),
});

const STATE = z.enum(['pending', 'accepted', 'used_up', 'expired', 'revoked']).openapi({ description: 'What a coach reads: expired and used_up follow from expires_at and uses' });
const InvitationDoc = Invitation.extend({ state: STATE }).meta({ id: 'Invitation' });
const CreatedInvitation = InvitationDoc.extend({
  url: z.string().openapi({ description: 'The join link `{PUBLIC_URL}/join/{token}`: in this answer only (the server keeps a hash)' }),
}).meta({ id: 'CreatedInvitation' });
const InvitationList = z.object({ data: z.array(InvitationDoc), next_cursor: z.string().nullable() }).meta({ id: 'InvitationList' });
const ListQuery = InvitationListQuery.extend({
  status: InvitationListQuery.shape.status.openapi({ description: 'Only invitations in this state' }),
  type: InvitationListQuery.shape.type.openapi({ description: 'Only this type' }),
  limit: InvitationListQuery.shape.limit.openapi({ description: '1..200, default 50' }),
  cursor: InvitationListQuery.shape.cursor.openapi({ description: 'The next_cursor of the previous page' }),
});

const TAGS = ['invitations'];

const create = createRoute({
  method: 'post',
  path: '/organizations/{org_id}/invitations',
  tags: TAGS,
  summary: 'Invite: a single-use invitation emailed to one person, or a multi-use link (optional limit and expiry); group and plan are applied on acceptance',
  security: BEARER_OR_API_KEY,
  request: { params: OrgParams, body: jsonBody(CreateInvitationRequest.meta({ id: 'CreateInvitation' })) },
  responses: {
    201: json(CreatedInvitation, 'The invitation and its link'),
    400: ERRORS[400],
    401: ERRORS[401],
    403: ERRORS[403],
    404: { ...ERRORS[404], description: 'No such organization, group (`not_found`, field `group_id`) or plan (field `training_plan_id`)' },
    409: { ...ERRORS[409], description: 'The plan is archived (`plan_archived`)' },
  },
});

const list = createRoute({
  method: 'get',
  path: '/organizations/{org_id}/invitations',
  tags: TAGS,
  summary: 'Invitations, newest first, with their state',
  security: BEARER_OR_API_KEY,
  request: { params: OrgParams, query: ListQuery },
  responses: { 200: json(InvitationList, 'A page of invitations'), 400: ERRORS[400], 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404] },
});

const get = createRoute({
  method: 'get',
  path: '/organizations/{org_id}/invitations/{invitation_id}',
  tags: TAGS,
  summary: 'One invitation (never its link: only the creation answer has it)',
  security: BEARER_OR_API_KEY,
  request: { params: InvParams },
  responses: { 200: json(InvitationDoc, 'The invitation'), 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404] },
});

const revoke = createRoute({
  method: 'delete',
  path: '/organizations/{org_id}/invitations/{invitation_id}',
  tags: TAGS,
  summary: 'Revoke an invitation: its links stop working at once. Revoking twice is fine',
  security: BEARER_OR_API_KEY,
  request: { params: InvParams },
  responses: {
    200: json(InvitationDoc, 'The revoked invitation'),
    401: ERRORS[401],
    403: ERRORS[403],
    404: ERRORS[404],
    409: { ...ERRORS[409], description: 'Already accepted (`not_pending`)' },
  },
});

const resend = createRoute({
  method: 'post',
  path: '/organizations/{org_id}/invitations/{invitation_id}/resend',
  tags: TAGS,
  summary: 'Email a pending single-use invitation again, with a new link (earlier links keep working)',
  security: BEARER_OR_API_KEY,
  request: { params: InvParams },
  responses: {
    200: json(InvitationDoc, 'The invitation, email queued'),
    401: ERRORS[401],
    403: ERRORS[403],
    404: ERRORS[404],
    409: { ...ERRORS[409], description: 'Not a pending single-use invitation (`not_pending`, `not_single_use`) or sent too often (`too_many_emails`)' },
  },
});

const TokenParams = z.object({
  token: z.string().max(300).openapi({ param: { name: 'token', in: 'path' }, description: 'The token of a join link `/join/{token}`' }),
});
const Accepted = z
  .object({
    organization_id: z.string(),
    athlete_id: z.string().optional().openapi({ description: 'The new athlete (an athlete invitation)' }),
    coach_id: z.string().optional().openapi({ description: 'The new coach membership (a coach invitation)' }),
  })
  .meta({ id: 'AcceptedInvitation' });

const accept = createRoute({
  method: 'post',
  path: '/invitations/{token}/accept',
  tags: TAGS,
  summary: 'Accept an invitation (athlete or coach: the link decides): with a new account (JSON body), or as a signed-in user (Authorization: Bearer, no body)',
  description:
    'Unknown, used, expired, revoked and used-up links all answer `404 invitation_invalid`. A single-use invitation accepts a new account only for the email it was sent to (`400 email_mismatch`); ' +
      'a coach invitation also accepts only the existing account of that email. ' +
    'An email that already has an account with a password: `409 account_exists` (sign in and accept with the session). Rate-limited per client IP and per token (429 with Retry-After).',
  request: { params: TokenParams, body: { required: false, content: { 'application/json': { schema: AcceptNewAccountRequest.meta({ id: 'AcceptNewAccount' }) } } } },
  responses: {
    201: json(Accepted, 'Joined: the athlete (athlete_id) or the coach (coach_id) is in the organization'),
    400: ERRORS[400],
    401: ERRORS[401],
    404: { ...ERRORS[404], description: 'The link is not valid (`invitation_invalid`)' },
    409: { ...ERRORS[409], description: '`already_member` or `account_exists`; for a coach invitation also `already_coach` and `already_athlete`' },
    429: ERRORS[429],
  },
});

export function invitationRoutes(deps: ApiDeps) {
  const { db, store, services } = deps;
  linkStore(services, store);
  const app = newApi<MemberEnv>();
  app.use('/organizations/:org_id/invitations', requireCaller(db), requireCoach(db));
  app.use('/organizations/:org_id/invitations/*', requireCaller(db), requireCoach(db));
  app.on(['POST'], ['/organizations/:org_id/invitations'], requireJsonBody);

  app.openapi(create, async (c) => c.json(await createInvitation(store, services, c.get('member'), c.req.valid('json')), 201));
  app.openapi(list, async (c) => c.json(await listInvitations(db, c.get('member').orgId, c.req.valid('query')), 200));
  app.openapi(get, async (c) => c.json(await getInvitation(store, c.get('member').orgId, c.req.valid('param').invitation_id), 200));
  app.openapi(revoke, async (c) => c.json(await revokeInvitation(store, services, c.get('member'), c.req.valid('param').invitation_id), 200));
  app.openapi(resend, async (c) => c.json(await resendInvitation(store, services, c.get('member'), c.req.valid('param').invitation_id), 200));

  const limit = acceptLimitFor(store);
  app.openapi(accept, async (c) => {
    const { token } = c.req.valid('param');
    const body = c.req.valid('json') as Partial<AcceptNewAccountRequest> | undefined;
    const account = body && typeof body.email === 'string' ? (body as AcceptNewAccountRequest) : null;
    const authorization = c.req.header('authorization');
    try {
      const accepted = await limitedAttempt(limit, clientIp(c), token, async () => {
        if (account && authorization !== undefined) {
          throw new HttpProblem(400, 'invalid_request', 'Send either a new account in the body or Authorization: Bearer <token> with no body, not both.');
        }
        if (account) return acceptInvitation(store, token, { kind: 'new', account });
        const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
        if (!bearer) throw new HttpProblem(400, 'invalid_request', 'Send a new account as JSON {first_name, last_name, email, password}, or sign in and send Authorization: Bearer <token>.');
        const session = await findSession(db, bearer);
        if (!session) throw new HttpProblem(401, 'unauthorized', 'The session is invalid or has expired; sign in again.');
        return acceptInvitation(store, token, { kind: 'existing', userId: session.userId });
      });
      return c.json(
        'coach_id' in accepted
          ? { organization_id: accepted.organization_id, coach_id: accepted.coach_id }
          : { organization_id: accepted.organization_id, athlete_id: accepted.athlete_id },
        201,
      );
    } catch (err) {
      if (!(err instanceof RateLimited)) throw err;
      c.header('Retry-After', String(err.retryAfterS));
      return c.json(errorBody('rate_limited', `Too many attempts; try again in ${Math.ceil(err.retryAfterS / 60)} minutes.`), 429);
    }
  });
  return app;
}
