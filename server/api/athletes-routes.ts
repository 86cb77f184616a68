/** /api/v1/organizations/{org_id}/athletes: list with filters and cursor, get one, patch one. */
import { createRoute, z } from '@hono/zod-openapi';
import { AthleteStatus, type Athlete } from '../../shared/domain/athlete';
import { CONTROL_CHARS, LONE_SURROGATE, LONE_SURROGATE_MESSAGE } from '../../shared/domain/common';
import { requireCaller } from '../auth/authenticate';
import { listAthletes } from '../athletes/list';
import { patchAthlete } from '../athletes/patch';
import { HttpProblem, notFound } from '../http/errors';
import type { ApiDeps } from './deps';
import { BEARER, ERRORS, OrgParams, newApi, requireCoach, type MemberEnv } from './openapi';
import { AthleteDoc, AthletePatchBody, json, jsonBody } from './schemas';

const AthleteParams = OrgParams.extend({
  athlete_id: z.string().max(100).openapi({ param: { name: 'athlete_id', in: 'path' }, format: 'uuid' }),
});

// PostgreSQL text cannot hold NUL or a lone surrogate, and no query value needs control characters.
const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((v) => !CONTROL_CHARS.test(v) && !/[\t\r\n]/.test(v), 'must not contain control characters')
    .refine((v) => !LONE_SURROGATE.test(v), LONE_SURROGATE_MESSAGE);

const ListQuery = z.strictObject({
  status: AthleteStatus.optional().meta({ description: 'Only athletes with this status' }),
  member_level: text(40).optional().openapi({ description: 'Only this member level (case-insensitive)' }),
  label: text(41).optional().openapi({ description: 'Only athletes carrying this label, e.g. @marathon' }),
  q: text(200).optional().openapi({ description: 'Search in first, last and display name and email (case-insensitive)' }),
  limit: z.coerce.number().int().min(1).max(200).default(50).openapi({ description: '1..200, default 50' }),
  cursor: z.string().max(2000).optional().openapi({ description: 'The next_cursor of the previous page' }),
});

const AthleteList = z.object({ data: z.array(AthleteDoc), next_cursor: z.string().nullable() }).meta({ id: 'AthleteList' });

const list = createRoute({
  method: 'get',
  path: '/organizations/{org_id}/athletes',
  tags: ['athletes'],
  summary: 'List athletes, sorted by last name, first name',
  security: BEARER,
  request: { params: OrgParams, query: ListQuery },
  responses: { 200: json(AthleteList, 'A page of athletes'), 400: ERRORS[400], 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404] },
});

const get = createRoute({
  method: 'get',
  path: '/organizations/{org_id}/athletes/{athlete_id}',
  tags: ['athletes'],
  summary: 'One athlete',
  security: BEARER,
  request: { params: AthleteParams },
  responses: { 200: json(AthleteDoc, 'The athlete'), 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404] },
});

const patch = createRoute({
  method: 'patch',
  path: '/organizations/{org_id}/athletes/{athlete_id}',
  tags: ['athletes'],
  summary: 'Change the organization attributes of an athlete (display name, member level, labels, private notes, status)',
  security: BEARER,
  request: { params: AthleteParams, body: jsonBody(AthletePatchBody) },
  responses: { 200: json(AthleteDoc, 'The updated athlete'), 400: ERRORS[400], 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404] },
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
    const query = c.req.valid('query');
    return c.json(await listAthletes(db, c.get('member').orgId, query), 200);
  });

  app.openapi(get, async (c) => {
    const { athlete_id } = c.req.valid('param');
    const doc = await store.get(c.get('member').orgId, 'athletes', athlete_id);
    if (!doc || doc.deleted) throw notFound('Athlete');
    return c.json(doc.data as Athlete, 200);
  });

  app.openapi(patch, async (c) => {
    const { athlete_id } = c.req.valid('param');
    const member = c.get('member');
    const updated = await patchAthlete(store, member.orgId, member.userId, athlete_id, c.req.valid('json'));
    return c.json(updated, 200);
  });

  return app;
}
