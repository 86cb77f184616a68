/**
 * Plan assignments: /api/v1/organizations/{org_id}/athletes/{athlete_id}/plans (assign, list,
 * end or reopen, remove) and .../plan-assignments/bulk. Any coach or an organization API key;
 * logic in server/plans/assignments.ts and bulk-assign.ts.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { requireCaller } from '../auth/authenticate';
import { assignPlan, listAssignments, removeAssignment, setAssignmentEnd } from '../plans/assignments';
import { bulkAssign } from '../plans/bulk-assign';
import { requireJsonBody } from '../plans/json-body';
import { AssignPlanBody, AssignmentList, AssignmentPatchBody, AssignmentView, BulkAssignBody, BulkAssignResult } from '../plans/requests';
import type { ApiDeps } from './deps';
import { BEARER_OR_API_KEY, ERRORS, OrgParams, newApi, requireCoach, type MemberEnv } from './openapi';
import { json, jsonBody } from './schemas';

const AthleteParams = OrgParams.extend({
  athlete_id: z.string().max(100).openapi({ param: { name: 'athlete_id', in: 'path' }, format: 'uuid' }),
});
const AssignmentParams = AthleteParams.extend({
  assignment_id: z.string().max(100).openapi({ param: { name: 'assignment_id', in: 'path' }, format: 'uuid' }),
});
const PLAN_NOT_ASSIGNABLE = {
  404: { ...ERRORS[404], description: 'No such athlete or plan in this organization (field `training_plan_id` for the plan)' },
  409: { ...ERRORS[409], description: 'The plan is archived (code `plan_archived`): unarchive it first' },
};

const assign = createRoute({
  method: 'post',
  path: '/organizations/{org_id}/athletes/{athlete_id}/plans',
  tags: ['plan assignments'],
  summary: 'Assign a plan to the athlete from a start date; week 1 is the calendar week (Monday to Sunday) holding the start date',
  description:
    'Idempotent: the same plan with the same start date again changes nothing and answers 200 with the existing assignment. ' +
    'A removed assignment is assigned again (201). Overlapping another assignment is allowed and shown (`overlaps`).',
  security: BEARER_OR_API_KEY,
  request: { params: AthleteParams, body: jsonBody(AssignPlanBody) },
  responses: {
    201: json(AssignmentView, 'Assigned'),
    200: json(AssignmentView, 'Already assigned: nothing changed'),
    400: ERRORS[400],
    401: ERRORS[401],
    403: ERRORS[403],
    ...PLAN_NOT_ASSIGNABLE,
  },
});

const list = createRoute({
  method: 'get',
  path: '/organizations/{org_id}/athletes/{athlete_id}/plans',
  tags: ['plan assignments'],
  summary: 'The athlete’s assignments (not removed ones), by start date, with status on the organization’s today',
  security: BEARER_OR_API_KEY,
  request: { params: AthleteParams },
  responses: { 200: json(AssignmentList, 'Assignments'), 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404] },
});

const patch = createRoute({
  method: 'patch',
  path: '/organizations/{org_id}/athletes/{athlete_id}/plans/{assignment_id}',
  tags: ['plan assignments'],
  summary: 'End an assignment early (`ended_on`: its first day without the plan) or reopen it (`ended_on: null`)',
  security: BEARER_OR_API_KEY,
  request: { params: AssignmentParams, body: jsonBody(AssignmentPatchBody) },
  responses: { 200: json(AssignmentView, 'The assignment'), 400: ERRORS[400], 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404] },
});

const remove = createRoute({
  method: 'delete',
  path: '/organizations/{org_id}/athletes/{athlete_id}/plans/{assignment_id}',
  tags: ['plan assignments'],
  summary: 'Remove an assignment (assigning the same plan and start date again brings it back)',
  security: BEARER_OR_API_KEY,
  request: { params: AssignmentParams },
  responses: { 204: { description: 'Removed' }, 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404] },
});

const bulk = createRoute({
  method: 'post',
  path: '/organizations/{org_id}/plan-assignments/bulk',
  tags: ['plan assignments'],
  summary: 'Assign one plan from one start date to many athletes (a list of at most 500, or a whole group) in one write, with an outcome per athlete',
  description: 'Outcomes: `assigned`, `already_assigned` (nothing changed), `refused` with `error` (e.g. an unknown athlete). An unknown or archived plan, or an unknown group, refuses the whole request.',
  security: BEARER_OR_API_KEY,
  request: { params: OrgParams, body: jsonBody(BulkAssignBody) },
  responses: {
    200: json(BulkAssignResult, 'What happened to each athlete, in the order given (a group: by name)'),
    400: ERRORS[400],
    401: ERRORS[401],
    403: ERRORS[403],
    404: { ...ERRORS[404], description: 'No such plan or group in this organization (the field says which)' },
    409: PLAN_NOT_ASSIGNABLE[409],
  },
});

export function assignmentRoutes(deps: ApiDeps) {
  const { db, store } = deps;
  const app = newApi<MemberEnv>();
  for (const path of ['/organizations/:org_id/athletes/:athlete_id/plans', '/organizations/:org_id/athletes/:athlete_id/plans/*', '/organizations/:org_id/plan-assignments/*']) {
    app.use(path, requireCaller(db), requireCoach(db));
    app.on(['POST', 'PATCH'], path, requireJsonBody);
  }

  app.openapi(assign, async (c) => {
    const { view, created } = await assignPlan(store, c.get('member'), c.req.valid('param').athlete_id, c.req.valid('json'));
    return created ? c.json(view, 201) : c.json(view, 200);
  });

  app.openapi(list, async (c) => c.json({ data: await listAssignments(store, c.get('member').orgId, c.req.valid('param').athlete_id) }, 200));

  app.openapi(patch, async (c) => {
    const { athlete_id, assignment_id } = c.req.valid('param');
    return c.json(await setAssignmentEnd(store, c.get('member'), athlete_id, assignment_id, c.req.valid('json').ended_on), 200);
  });

  app.openapi(remove, async (c) => {
    const { athlete_id, assignment_id } = c.req.valid('param');
    await removeAssignment(store, c.get('member'), athlete_id, assignment_id);
    return c.body(null, 204);
  });

  app.openapi(bulk, async (c) => c.json(await bulkAssign(store, c.get('member'), c.req.valid('json')), 200));

  return app;
}
