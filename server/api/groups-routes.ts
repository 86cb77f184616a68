/**
 * /api/v1/organizations/{org_id}/groups: create, rename, delete (the list is in team-routes.ts).
 * Any coach or an organization API key; logic in server/plans/groups.ts.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { requireCaller } from '../auth/authenticate';
import { createGroup, deleteGroup, renameGroup } from '../plans/groups';
import { requireJsonBody } from '../plans/json-body';
import { DeletedGroup, GroupBody, GroupWithSize } from '../plans/requests';
import type { ApiDeps } from './deps';
import { BEARER_OR_API_KEY, ERRORS, OrgParams, newApi, requireCoach, type MemberEnv } from './openapi';
import { json, jsonBody } from './schemas';

const GroupParams = OrgParams.extend({
  group_id: z.string().max(100).openapi({ param: { name: 'group_id', in: 'path' }, format: 'uuid' }),
});
const NAME_TAKEN = { ...ERRORS[409], description: 'Another group has this name, ignoring case (code `conflict`, field `name`)' };

const create = createRoute({
  method: 'post',
  path: '/organizations/{org_id}/groups',
  tags: ['groups'],
  summary: 'Create a group; names are unique in the organization, ignoring case',
  security: BEARER_OR_API_KEY,
  request: { params: OrgParams, body: jsonBody(GroupBody) },
  responses: { 201: json(GroupWithSize, 'The new group'), 400: ERRORS[400], 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404], 409: NAME_TAKEN },
});

const rename = createRoute({
  method: 'patch',
  path: '/organizations/{org_id}/groups/{group_id}',
  tags: ['groups'],
  summary: 'Rename a group',
  security: BEARER_OR_API_KEY,
  request: { params: GroupParams, body: jsonBody(GroupBody) },
  responses: { 200: json(GroupWithSize, 'The renamed group'), 400: ERRORS[400], 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404], 409: NAME_TAKEN },
});

const remove = createRoute({
  method: 'delete',
  path: '/organizations/{org_id}/groups/{group_id}',
  tags: ['groups'],
  summary: 'Delete a group: its athletes stay, each loses the group (in the same write)',
  security: BEARER_OR_API_KEY,
  request: { params: GroupParams },
  responses: { 200: json(DeletedGroup, 'The group was deleted'), 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404] },
});

export function groupRoutes(deps: ApiDeps) {
  const { db, store } = deps;
  const app = newApi<MemberEnv>();
  app.use('/organizations/:org_id/groups/*', requireCaller(db), requireCoach(db));
  // GET .../groups (team-routes.ts) already authenticates its own path; POST goes through here.
  app.on('POST', '/organizations/:org_id/groups', requireCaller(db), requireCoach(db));
  app.on(['POST', 'PATCH'], ['/organizations/:org_id/groups', '/organizations/:org_id/groups/*'], requireJsonBody);

  app.openapi(create, async (c) => c.json(await createGroup(store, c.get('member'), c.req.valid('json').name), 201));

  app.openapi(rename, async (c) => c.json(await renameGroup(store, c.get('member'), c.req.valid('param').group_id, c.req.valid('json').name), 200));

  app.openapi(remove, async (c) => c.json(await deleteGroup(store, c.get('member'), c.req.valid('param').group_id), 200));

  return app;
}
