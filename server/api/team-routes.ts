/** /api/v1/organizations/{org_id}: coaches (list, hand over the head-coach role) and groups (list). */
import { createRoute, z } from '@hono/zod-openapi';
import type { Group } from '../../shared/domain/group';
import type { CoachMembership } from '../../shared/domain/organization';
import { requireCaller } from '../auth/authenticate';
import { handOverHeadCoach } from '../orgs/coaches';
import type { ApiDeps } from './deps';
import { BEARER, ERRORS, OrgParams, newApi, requireCoach, type MemberEnv } from './openapi';
import { CoachDoc, GroupDoc, json, jsonBody } from './schemas';

const CoachParams = OrgParams.extend({
  coach_id: z.string().max(100).openapi({ param: { name: 'coach_id', in: 'path' }, format: 'uuid' }),
});
const RoleChange = z.strictObject({ role: z.literal('head_coach') }).meta({ id: 'RoleChange' });

const listCoaches = createRoute({
  method: 'get',
  path: '/organizations/{org_id}/coaches',
  tags: ['coaches'],
  summary: 'The coaches of the organization and their roles',
  security: BEARER,
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

const listGroups = createRoute({
  method: 'get',
  path: '/organizations/{org_id}/groups',
  tags: ['groups'],
  summary: 'The groups of the organization',
  security: BEARER,
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
    const member = c.get('member');
    return c.json(await handOverHeadCoach(store, member.orgId, member.userId, coach_id), 200);
  });

  app.openapi(listGroups, async (c) => {
    const docs = await store.list(c.get('member').orgId, 'groups');
    const data = docs.map((d) => d.data as Group).sort((a, b) => a.name.localeCompare(b.name));
    return c.json({ data }, 200);
  });

  return app;
}
