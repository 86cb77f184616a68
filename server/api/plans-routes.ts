/**
 * /api/v1/organizations/{org_id}/training-plans: the plan library (list, create, read, patch,
 * delete). Any coach or an organization API key; logic in server/plans/plans.ts.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { requireCaller } from '../auth/authenticate';
import { createPlan, deletePlan, getPlan, listPlans, patchPlan } from '../plans/plans';
import { requireJsonBody } from '../plans/json-body';
import { PlanContentBody, PlanList, PlanListQuery, TrainingPlanDoc, TrainingPlanPatchBody } from '../plans/requests';
import type { ApiDeps } from './deps';
import { BEARER_OR_API_KEY, ERRORS, OrgParams, newApi, requireCoach, type MemberEnv } from './openapi';
import { json, jsonBody } from './schemas';

const PlanParams = OrgParams.extend({
  plan_id: z.string().max(100).openapi({ param: { name: 'plan_id', in: 'path' }, format: 'uuid' }),
});

const list = createRoute({
  method: 'get',
  path: '/organizations/{org_id}/training-plans',
  tags: ['training plans'],
  summary: 'List training plans, sorted by name; archived ones included unless `archived=false`',
  security: BEARER_OR_API_KEY,
  request: { params: OrgParams, query: PlanListQuery },
  responses: { 200: json(PlanList, 'A page of plans'), 400: ERRORS[400], 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404] },
});

const create = createRoute({
  method: 'post',
  path: '/organizations/{org_id}/training-plans',
  tags: ['training plans'],
  summary: 'Create a plan (the body is also the `plan` of an exported plan file); sessions are stored sorted by week and day',
  security: BEARER_OR_API_KEY,
  request: { params: OrgParams, body: jsonBody(PlanContentBody) },
  responses: { 201: json(TrainingPlanDoc, 'The new plan'), 400: ERRORS[400], 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404] },
});

const get = createRoute({
  method: 'get',
  path: '/organizations/{org_id}/training-plans/{plan_id}',
  tags: ['training plans'],
  summary: 'One plan with its sessions',
  security: BEARER_OR_API_KEY,
  request: { params: PlanParams },
  responses: { 200: json(TrainingPlanDoc, 'The plan'), 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404] },
});

const patch = createRoute({
  method: 'patch',
  path: '/organizations/{org_id}/training-plans/{plan_id}',
  tags: ['training plans'],
  summary: 'Change a plan: any content field, or `archived` (an archived plan cannot be newly assigned; its assignments go on)',
  description: 'The result is checked as a whole: fewer `weeks` than a session’s week is a 400 naming that session. Changing `weeks` moves the end of its assignments.',
  security: BEARER_OR_API_KEY,
  request: { params: PlanParams, body: jsonBody(TrainingPlanPatchBody) },
  responses: { 200: json(TrainingPlanDoc, 'The updated plan'), 400: ERRORS[400], 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404] },
});

const remove = createRoute({
  method: 'delete',
  path: '/organizations/{org_id}/training-plans/{plan_id}',
  tags: ['training plans'],
  summary: 'Delete a plan that is not assigned to anyone',
  security: BEARER_OR_API_KEY,
  request: { params: PlanParams },
  responses: {
    204: { description: 'Deleted' },
    401: ERRORS[401],
    403: ERRORS[403],
    404: ERRORS[404],
    409: { ...ERRORS[409], description: 'The plan is assigned (code `in_use`): archive it instead (PATCH `{"archived": true}`)' },
  },
});

export function planRoutes(deps: ApiDeps) {
  const { db, store } = deps;
  const app = newApi<MemberEnv>();
  app.use('/organizations/:org_id/training-plans', requireCaller(db), requireCoach(db));
  app.use('/organizations/:org_id/training-plans/*', requireCaller(db), requireCoach(db));
  app.on(['POST', 'PATCH'], ['/organizations/:org_id/training-plans', '/organizations/:org_id/training-plans/*'], requireJsonBody);

  app.openapi(list, async (c) => c.json(await listPlans(db, c.get('member').orgId, c.req.valid('query')), 200));

  app.openapi(create, async (c) => c.json(await createPlan(store, c.get('member'), c.req.valid('json')), 201));

  app.openapi(get, async (c) => c.json(await getPlan(store, c.get('member').orgId, c.req.valid('param').plan_id), 200));

  app.openapi(patch, async (c) => c.json(await patchPlan(store, c.get('member'), c.req.valid('param').plan_id, c.req.valid('json')), 200));

  app.openapi(remove, async (c) => {
    await deletePlan(store, c.get('member'), c.req.valid('param').plan_id);
    return c.body(null, 204);
  });

  return app;
}
