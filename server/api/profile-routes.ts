/**
 * The athlete profile through the REST API: the profile aggregate, activities in (JSON from
 * partners, or an activity file as the raw body) and out, the goal race and target pace, and a
 * partner's report of an integration. Any coach or an organization API key. Logic lives in
 * server/profile/**; every write goes through DocumentStore.write, so open apps see it live, and
 * re-evaluates the athlete's attention signals in the same write.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { parseActivityFile } from '../../shared/activities/import';
import { Activity, ActivitiesRequest } from '../../shared/domain/activity';
import { GoalRequest, INTEGRATION_PROVIDERS, IntegrationReport } from '../../shared/domain/athlete';
import { requireCaller } from '../auth/authenticate';
import { HttpProblem, notFound } from '../http/errors';
import { ActivityListQuery, ingest, listActivities } from '../profile/activities';
import { ACTIVITY_FILE_TYPES, orgZone } from '../profile/upload';
import { athleteProfile, ProfileView } from '../profile/view';
import { reportIntegration, setGoal } from '../profile/goal';
import type { ApiDeps } from './deps';
import { BEARER_OR_API_KEY, ERRORS, OrgParams, newApi, requireCoach, type MemberEnv } from './openapi';
import { AthleteDoc, json, jsonBody } from './schemas';

const AthleteParams = OrgParams.extend({
  athlete_id: z.string().max(100).openapi({ param: { name: 'athlete_id', in: 'path' }, format: 'uuid' }),
});
const ProviderParams = AthleteParams.extend({
  provider: z.string().max(40).openapi({ param: { name: 'provider', in: 'path' }, enum: [...INTEGRATION_PROVIDERS] }),
});

const ActivityDoc = Activity.meta({ id: 'Activity' });
const IngestResult = z
  .object({
    created: z.number().int(),
    duplicates: z.number().int(),
    metrics: z.number().int().meta({ description: 'Daily measurements (resting HR, HRV) written from an Apple Health export' }),
    activities: z.array(ActivityDoc),
    skipped: z.array(z.object({ where: z.string(), message: z.string() })).meta({ description: 'Activities of the file left out, and why' }),
  })
  .meta({ id: 'ActivityImport' });

const FILE_BODY = { schema: { type: 'string', format: 'binary' } as const };

const postActivities = createRoute({
  method: 'post',
  path: '/organizations/{org_id}/athletes/{athlete_id}/activities',
  tags: ['profile'],
  summary: 'Add activities: JSON (one activity or {activities: [...]}, source `api` by default) or an activity file as the raw body (FIT, GPX, TCX, Apple Health export.xml; at most 50 MB)',
  description:
    'The same activity (same athlete, same start minute) twice is stored once and counted in `duplicates`. ' +
    'A file that cannot be read answers 422 `invalid_file` with `error.problems` and stores nothing. ' +
    'Apple Health resting heart rate and HRV go to the daily measurements. Give the file name with `?filename=`.',
  security: BEARER_OR_API_KEY,
  request: {
    params: AthleteParams,
    query: z.object({ filename: z.string().max(255).optional() }),
    body: {
      required: false,
      content: {
        'application/json': { schema: ActivitiesRequest.meta({ id: 'ActivitiesRequest' }) },
        ...Object.fromEntries(ACTIVITY_FILE_TYPES.map((t) => [t, FILE_BODY])),
      },
    },
  },
  responses: {
    201: json(IngestResult, 'Stored (created and duplicates counted)'),
    400: ERRORS[400],
    401: ERRORS[401],
    403: ERRORS[403],
    404: ERRORS[404],
    413: { ...ERRORS[400], description: 'The body is larger than 50 MB (a file) or 1 MiB (JSON)' },
    422: { ...ERRORS[400], description: 'The file cannot be read (code `invalid_file`, `error.problems` lists where and why); nothing was stored' },
  },
});

const getActivities = createRoute({
  method: 'get',
  path: '/organizations/{org_id}/athletes/{athlete_id}/activities',
  tags: ['profile'],
  summary: 'The athlete’s activities, newest first; `from`/`to` are days (local_date, the organization’s calendar)',
  security: BEARER_OR_API_KEY,
  request: { params: AthleteParams, query: ActivityListQuery },
  responses: { 200: json(z.object({ data: z.array(ActivityDoc), next_cursor: z.string().nullable() }), 'A page of activities'), 400: ERRORS[400], 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404] },
});

const getProfile = createRoute({
  method: 'get',
  path: '/organizations/{org_id}/athletes/{athlete_id}/profile',
  tags: ['profile'],
  summary: 'Everything the profile page shows: athlete, plans, goal, integrations, recent activities, 16-week distance trend, training load, compliance, insights and open signals',
  description: 'Private notes are included: every caller of organization routes is a coach or an organization API key (coach rights).',
  security: BEARER_OR_API_KEY,
  request: { params: AthleteParams, query: z.object({ units: z.enum(['km', 'mi']).default('km').meta({ description: 'Units of the insight sentences' }) }) },
  responses: { 200: json(ProfileView, 'The profile'), 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404] },
});

const putGoal = createRoute({
  method: 'put',
  path: '/organizations/{org_id}/athletes/{athlete_id}/goal',
  tags: ['profile'],
  summary: 'Set the goal race and the target pace (seconds per km); null clears one',
  security: BEARER_OR_API_KEY,
  request: { params: AthleteParams, body: jsonBody(GoalRequest.meta({ id: 'GoalRequest' })) },
  responses: { 200: json(AthleteDoc, 'The updated athlete'), 400: ERRORS[400], 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404] },
});

const putIntegration = createRoute({
  method: 'put',
  path: '/organizations/{org_id}/athletes/{athlete_id}/integrations/{provider}',
  tags: ['profile'],
  summary: 'A partner reports the state of the athlete’s connection (strava, garmin, apple_health)',
  security: BEARER_OR_API_KEY,
  request: { params: ProviderParams, body: jsonBody(IntegrationReport.meta({ id: 'IntegrationReport' })) },
  responses: { 200: json(AthleteDoc, 'The updated athlete'), 400: ERRORS[400], 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404] },
});

export function profileRoutes(deps: ApiDeps) {
  const { db, store } = deps;
  const app = newApi<MemberEnv>();
  for (const path of ['/organizations/:org_id/athletes/:athlete_id/activities', '/organizations/:org_id/athletes/:athlete_id/profile', '/organizations/:org_id/athletes/:athlete_id/goal', '/organizations/:org_id/athletes/:athlete_id/integrations/*']) {
    app.use(path, requireCaller(db), requireCoach(db));
  }
  const requireJson = async (c: { req: { header(name: string): string | undefined } }, next: () => Promise<void>) => {
    if (!/^application\/([\w.+-]+\+)?json\b/i.test(c.req.header('content-type') ?? '')) throw new HttpProblem(400, 'invalid_request', 'A JSON body is required (Content-Type: application/json).');
    await next();
  };
  app.on('PUT', ['/organizations/:org_id/athletes/:athlete_id/goal', '/organizations/:org_id/athletes/:athlete_id/integrations/*'], requireJson);

  app.openapi(postActivities, async (c) => {
    const { athlete_id } = c.req.valid('param');
    const member = c.get('member');
    const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (type === '' || /json$/.test(type)) {
      const raw = c.req.valid('json') as unknown;
      const parsed = ActivitiesRequest.safeParse(raw);
      if (!parsed.success) throw new HttpProblem(400, 'invalid_request', 'A JSON activity or {"activities": [...]} is required.');
      const list = 'activities' in parsed.data ? parsed.data.activities : [parsed.data];
      const result = await ingest(store, member, athlete_id, list, [], 'api');
      return c.json({ ...result, skipped: [] }, 201);
    }
    const athlete = await store.get(member.orgId, 'athletes', athlete_id);
    if (!athlete || athlete.deleted) throw notFound('Athlete');
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const name = c.req.valid('query').filename ?? 'upload';
    const parsed = parseActivityFile(name, bytes, { timeZone: await orgZone(db, member.orgId) });
    if (!parsed.ok) {
      const first = parsed.problems[0];
      const message = first ? (first.where === 'file' ? first.message : `${first.where}: ${first.message}`) : 'The file cannot be read.';
      return c.json({ error: { code: 'invalid_file', message, problems: parsed.problems } }, 422);
    }
    const result = await ingest(store, member, athlete_id, parsed.activities, parsed.metrics, parsed.format === 'apple_health' ? 'apple_health' : 'api');
    return c.json({ ...result, skipped: parsed.skipped }, 201);
  });

  app.openapi(getActivities, async (c) => c.json(await listActivities(store, c.get('member').orgId, c.req.valid('param').athlete_id, c.req.valid('query')), 200));

  app.openapi(getProfile, async (c) => c.json(await athleteProfile(store, c.get('member').orgId, c.req.valid('param').athlete_id, c.req.valid('query').units), 200));

  app.openapi(putGoal, async (c) => c.json(await setGoal(store, c.get('member'), c.req.valid('param').athlete_id, c.req.valid('json')), 200));

  app.openapi(putIntegration, async (c) => {
    const { athlete_id, provider } = c.req.valid('param');
    return c.json(await reportIntegration(store, c.get('member'), athlete_id, provider, c.req.valid('json')), 200);
  });

  return app;
}

