/**
 * /api/v1/organizations/{org_id}/athletes: list with filters and cursor, get one, patch one,
 * assign coaches (head coach), bulk actions. Any coach or an organization API key may call them;
 * coach assignment is the head coach's alone.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { type Athlete } from '../../shared/domain/athlete';
import { ProfileStatus } from '../../shared/domain/completeness';
import { requireCaller } from '../auth/authenticate';
import { setAthleteCoaches } from '../athletes/assign';
import { bulkUpdateAthletes } from '../athletes/bulk';
import { listAthletes } from '../athletes/list';
import { patchAthlete } from '../athletes/patch';
import { AthleteCoachesBody, BulkRequest, BulkResult, ListQuery } from '../athletes/requests';
import { HttpProblem, notFound } from '../http/errors';
import type { ApiDeps } from './deps';
import { BEARER, BEARER_OR_API_KEY, ERRORS, OrgParams, newApi, requireCoach, type MemberEnv } from './openapi';
import { AthleteDoc, AthletePatchBody, json, jsonBody } from './schemas';

const AthleteParams = OrgParams.extend({
  athlete_id: z.string().max(100).openapi({ param: { name: 'athlete_id', in: 'path' }, format: 'uuid' }),
});

const ProfileStatusDoc = ProfileStatus.meta({
  id: 'ProfileStatus',
  description:
    'joined: the athlete accepted (their account has a password); invitation_status: accepted when the athlete joined through an invitation, else null; ' +
    'completeness 0-100: goal race 25 + target pace 20 + a connected integration 20 + a current or upcoming plan 20 + time zone 15 ' +
    '(the athlete\'s own time zone is not stored yet and counts as missing); attention: none | watch | urgent, the highest severity of their open signals.',
});
const AthleteListItem = AthleteDoc.extend({ profile_status: ProfileStatusDoc.optional() }).meta({ id: 'AthleteListItem' });
const AthleteList = z.object({ data: z.array(AthleteListItem), next_cursor: z.string().nullable() }).meta({ id: 'AthleteList' });

const list = createRoute({
  method: 'get',
  path: '/organizations/{org_id}/athletes',
  tags: ['athletes'],
  summary: 'List athletes, sorted by last name, first name; filters combine (AND)',
  security: BEARER_OR_API_KEY,
  request: { params: OrgParams, query: ListQuery },
  responses: { 200: json(AthleteList, 'A page of athletes'), 400: ERRORS[400], 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404] },
});

const get = createRoute({
  method: 'get',
  path: '/organizations/{org_id}/athletes/{athlete_id}',
  tags: ['athletes'],
  summary: 'One athlete',
  security: BEARER_OR_API_KEY,
  request: { params: AthleteParams },
  responses: { 200: json(AthleteDoc, 'The athlete'), 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404] },
});

const patch = createRoute({
  method: 'patch',
  path: '/organizations/{org_id}/athletes/{athlete_id}',
  tags: ['athletes'],
  summary: 'Change the organization attributes of an athlete (display name, member level, labels, private notes, status)',
  security: BEARER_OR_API_KEY,
  request: { params: AthleteParams, body: jsonBody(AthletePatchBody) },
  responses: { 200: json(AthleteDoc, 'The updated athlete'), 400: ERRORS[400], 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404] },
});

const putCoaches = createRoute({
  method: 'put',
  path: '/organizations/{org_id}/athletes/{athlete_id}/coaches',
  tags: ['athletes'],
  summary: 'Assign the athlete to exactly these coaches (head coach only; `[]` unassigns). Every id must be a current coach (GET .../coaches)',
  security: BEARER,
  request: { params: AthleteParams, body: jsonBody(AthleteCoachesBody) },
  responses: {
    200: json(AthleteDoc, 'The updated athlete'),
    400: ERRORS[400],
    401: ERRORS[401],
    403: { ...ERRORS[403], description: 'Not the head coach (code `forbidden`), or not a coach of this organization' },
    404: ERRORS[404],
  },
});

const bulk = createRoute({
  method: 'post',
  path: '/organizations/{org_id}/athletes/bulk',
  tags: ['athletes'],
  summary: 'One action for many athletes (at most 500), in one write, with an outcome per athlete: updated, unchanged or refused (with the reason)',
  security: BEARER_OR_API_KEY,
  request: { params: OrgParams, body: jsonBody(BulkRequest) },
  responses: {
    200: json(BulkResult, 'What happened to each athlete, in the order given'),
    400: ERRORS[400],
    401: ERRORS[401],
    403: { ...ERRORS[403], description: 'A coach action by anyone but the head coach, or not a coach of this organization' },
    404: ERRORS[404],
  },
});

export function athleteRoutes(deps: ApiDeps) {
  const { db, store } = deps;
  const app = newApi<MemberEnv>();
  app.use('/organizations/:org_id/athletes', requireCaller(db), requireCoach(db));
  app.use('/organizations/:org_id/athletes/*', requireCaller(db), requireCoach(db));
  // The body validator skips a request without a JSON Content-Type, which would be a silent no-op PATCH.
  app.use('/organizations/:org_id/athletes/:athlete_id', async (c, next) => {
    if (c.req.method === 'PATCH' && !/^application\/([\w.+-]+\+)?json\b/i.test(c.req.header('content-type') ?? '')) {
      throw new HttpProblem(400, 'invalid_request', 'A JSON body is required (Content-Type: application/json).');
    }
    await next();
  });

  app.openapi(list, async (c) => {
    const { coach_id, ...query } = c.req.valid('query');
    const member = c.get('member');
    let coach = coach_id;
    if (coach_id === 'me') {
      if (member.apiKeyId) throw new HttpProblem(400, 'invalid_request', 'coach_id: an API key is not a coach; use a coach id or none', 'coach_id');
      coach = member.coachId;
    }
    return c.json(await listAthletes(db, member.orgId, { ...query, coach_id: coach }), 200);
  });

  app.openapi(get, async (c) => {
    const { athlete_id } = c.req.valid('param');
    const doc = await store.get(c.get('member').orgId, 'athletes', athlete_id);
    if (!doc || doc.deleted) throw notFound('Athlete');
    return c.json(doc.data as Athlete, 200);
  });

  app.openapi(patch, async (c) => {
    const { athlete_id } = c.req.valid('param');
    return c.json(await patchAthlete(store, c.get('member'), athlete_id, c.req.valid('json')), 200);
  });

  app.openapi(putCoaches, async (c) => {
    const { athlete_id } = c.req.valid('param');
    return c.json(await setAthleteCoaches(store, c.get('member'), athlete_id, c.req.valid('json').coach_ids), 200);
  });

  app.openapi(bulk, async (c) => c.json(await bulkUpdateAthletes(store, c.get('member'), c.req.valid('json')), 200));

  return app;
}
