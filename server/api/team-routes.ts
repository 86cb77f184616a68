/**
 * /api/v1/organizations/{org_id}: coaches (list, add an existing user, remove, hand over the
 * head-coach role; changes are the head coach's) and groups (list).
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Group } from '../../shared/domain/group';
import { CoachRole, type CoachMembership } from '../../shared/domain/organization';
import { Email } from '../../shared/domain/common';
import { requireCaller } from '../auth/authenticate';
import { addCoach, handOverHeadCoach, removeCoach } from '../orgs/coaches';
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
    role: CoachRole.optional().meta({ description: 'Only `coach` (the default): an organization has one head coach, changed by hand-over' }),
  })
  .meta({ id: 'AddCoach' });
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
  summary: 'Add an existing Astral user as a coach (head coach only)',
  description:
    'The email must belong to an existing account: otherwise 404 `user_not_found`. Inviting a coach who has no account yet, by email, ' +
    'comes with invitations. 409 `already_coach` when they already coach this organization.',
  security: BEARER,
  request: { params: OrgParams, body: jsonBody(AddCoach) },
  responses: { 201: json(CoachDoc, 'The new coach membership'), 400: ERRORS[400], 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404], 409: ERRORS[409] },
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
  const { db, store } = deps;
  const app = newApi<MemberEnv>();
  for (const path of ['/organizations/:org_id/coaches', '/organizations/:org_id/coaches/*', '/organizations/:org_id/groups']) {
    app.use(path, requireCaller(db), requireCoach(db));
  }

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
    const { email, role } = c.req.valid('json');
    if (role === 'head_coach') {
      throw new HttpProblem(400, 'invalid_request', 'role: an organization has one head coach; add them as a coach, then hand the role over', 'role');
    }
    return c.json(await addCoach(store, c.get('member'), email), 201);
  });

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
