/**
 * Membership of athletes through the REST API: add a user who already has an account
 * (POST .../athletes) and remove an athlete from the organization (DELETE .../athletes/{id}).
 * Any coach or an organization API key. Logic in server/athletes/{add-existing,remove}.ts.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { PlanAssignment } from '../../shared/domain/assignment';
import { AddExistingAthleteRequest } from '../../shared/domain/invitation';
import { requireCaller } from '../auth/authenticate';
import { addExistingAthlete } from '../athletes/add-existing';
import { removeAthlete } from '../athletes/remove';
import { requireJsonBody } from '../plans/json-body';
import type { ApiDeps } from './deps';
import { BEARER_OR_API_KEY, ERRORS, OrgParams, newApi, requireCoach, type MemberEnv } from './openapi';
import { AthleteDoc, json, jsonBody } from './schemas';

const AthleteParams = OrgParams.extend({
  athlete_id: z.string().max(100).openapi({ param: { name: 'athlete_id', in: 'path' }, format: 'uuid' }),
});

const AddedAthlete = AthleteDoc.extend({
  assignment: PlanAssignment.optional().openapi({ description: 'The plan assignment made, when a training plan was given' }),
}).meta({ id: 'AddedAthlete' });

const add = createRoute({
  method: 'post',
  path: '/organizations/{org_id}/athletes',
  tags: ['athletes'],
  summary: 'Add a user who already has an Astral account as an athlete, by email; optionally into a group and with a training plan from a start date',
  description:
    'Without `plan_start_date` the plan starts on the organization’s today. Any coach may add anyone with an account, themselves included. ' +
    'Someone removed earlier can be added again: they get a new athlete id.',
  security: BEARER_OR_API_KEY,
  request: { params: OrgParams, body: jsonBody(AddExistingAthleteRequest.meta({ id: 'AddExistingAthlete' })) },
  responses: {
    201: json(AddedAthlete, 'The new athlete (with `assignment` when a plan was given)'),
    400: ERRORS[400],
    401: ERRORS[401],
    403: ERRORS[403],
    404: { ...ERRORS[404], description: 'No account uses this email (`user_not_found`, field `email`), or no such group (`not_found`, field `group_id`) or plan (field `training_plan_id`)' },
    409: { ...ERRORS[409], description: 'Already an athlete of the organization (`already_member`), or the plan is archived (`plan_archived`)' },
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/organizations/{org_id}/athletes/{athlete_id}',
  tags: ['athletes'],
  summary: 'Remove an athlete from the organization: the roster drops them, their plan assignments are removed and open attention signals resolved; their account stays',
  description: 'Idempotent: removing an athlete already removed answers 204 again. An id that was never an athlete of the organization: 404.',
  security: BEARER_OR_API_KEY,
  request: { params: AthleteParams },
  responses: { 204: { description: 'Removed' }, 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404] },
});

export function memberRoutes(deps: ApiDeps) {
  const { db, store } = deps;
  const app = newApi<MemberEnv>();
  app.on(['POST'], '/organizations/:org_id/athletes', requireCaller(db), requireCoach(db), requireJsonBody);
  app.on(['DELETE'], '/organizations/:org_id/athletes/:athlete_id', requireCaller(db), requireCoach(db));

  app.openapi(add, async (c) => c.json(await addExistingAthlete(store, c.get('member'), c.req.valid('json')), 201));
  app.openapi(remove, async (c) => {
    await removeAthlete(store, c.get('member'), c.req.valid('param').athlete_id);
    return c.body(null, 204);
  });
  return app;
}
