/**
 * /api/v1/organizations/{org_id}/api-keys: the head coach creates, lists and revokes the
 * organization's API keys. Only a signed-in head coach: a coach gets 403, and so does an API key
 * (a key never manages keys). The key is in the creation answer only; storage: server/apikeys.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { ApiKey, CreatedApiKey } from '../../shared/domain/api-key';
import { Id, lineText } from '../../shared/domain/common';
import { MAX_ACTIVE_KEYS, countActiveKeys, createApiKey, listApiKeys, revokeApiKey } from '../apikeys/keys';
import { requireCaller } from '../auth/authenticate';
import { requireHeadCoach } from '../auth/membership';
import { HttpProblem, notFound } from '../http/errors';
import type { ApiDeps } from './deps';
import { BEARER, ERRORS, OrgParams, newApi, requireCoach, type MemberEnv } from './openapi';
import { json, jsonBody } from './schemas';

const MAX_EXPIRY_DAYS = 5 * 366;

const KeyParams = OrgParams.extend({
  key_id: z.string().max(100).openapi({ param: { name: 'key_id', in: 'path' }, format: 'uuid' }),
});

const CreateKey = z
  .strictObject({
    name: lineText(80).pipe(z.string().min(1, 'is required')).meta({ description: 'What the key is for, e.g. "Club website"' }),
    expires_at: z
      .string()
      .datetime({ offset: true, error: 'must be an ISO 8601 date-time such as 2027-01-31T00:00:00Z' })
      .nullable()
      .optional()
      .meta({ description: 'When the key stops working; omitted or null: never (until revoked)' }),
  })
  .meta({ id: 'CreateApiKey' });

const ApiKeyDoc = ApiKey.meta({ id: 'ApiKey' });
const CreatedKey = CreatedApiKey.meta({ id: 'CreatedApiKey' });

const HEAD_ONLY = { ...ERRORS[403], description: 'Not the signed-in head coach (code `forbidden`); API keys cannot manage keys' };

const create = createRoute({
  method: 'post',
  path: '/organizations/{org_id}/api-keys',
  tags: ['api-keys'],
  summary: 'Create an API key (head coach only). Send it as `X-API-Key` to act with coach rights on this organization’s routes',
  security: BEARER,
  request: { params: OrgParams, body: jsonBody(CreateKey) },
  responses: { 201: json(CreatedKey, 'The key, shown once'), 400: ERRORS[400], 401: ERRORS[401], 403: HEAD_ONLY, 404: ERRORS[404], 409: ERRORS[409] },
});

const list = createRoute({
  method: 'get',
  path: '/organizations/{org_id}/api-keys',
  tags: ['api-keys'],
  summary: 'The organization’s API keys, newest first, revoked and expired ones included (head coach only; never the keys themselves)',
  security: BEARER,
  request: { params: OrgParams },
  responses: { 200: json(z.object({ data: z.array(ApiKeyDoc) }), 'API keys'), 401: ERRORS[401], 403: HEAD_ONLY, 404: ERRORS[404] },
});

const revoke = createRoute({
  method: 'delete',
  path: '/organizations/{org_id}/api-keys/{key_id}',
  tags: ['api-keys'],
  summary: 'Revoke an API key (head coach only): it stops working at once. Revoking twice is fine',
  security: BEARER,
  request: { params: KeyParams },
  responses: { 204: { description: 'Revoked' }, 401: ERRORS[401], 403: HEAD_ONLY, 404: ERRORS[404] },
});

export function apiKeyRoutes(deps: ApiDeps) {
  const { db } = deps;
  const app = newApi<MemberEnv>();
  for (const path of ['/organizations/:org_id/api-keys', '/organizations/:org_id/api-keys/*']) {
    app.use(path, requireCaller(db), requireCoach(db), async (c, next) => {
      requireHeadCoach(c.get('member'), 'manage API keys');
      await next();
    });
  }

  app.openapi(create, async (c) => {
    const { name, expires_at } = c.req.valid('json');
    const member = c.get('member');
    if (expires_at) {
      const at = Date.parse(expires_at);
      if (at <= Date.now()) throw new HttpProblem(400, 'invalid_request', 'expires_at: must be in the future', 'expires_at');
      if (at > Date.now() + MAX_EXPIRY_DAYS * 86_400_000) throw new HttpProblem(400, 'invalid_request', 'expires_at: must be within 5 years; omit it for a key without expiry', 'expires_at');
    }
    if ((await countActiveKeys(db, member.orgId)) >= MAX_ACTIVE_KEYS) {
      throw new HttpProblem(409, 'too_many_keys', `An organization can have at most ${MAX_ACTIVE_KEYS} active API keys; revoke one first.`);
    }
    const { key, info } = await createApiKey(db, { orgId: member.orgId, name, createdBy: member.userId, expiresAt: expires_at ? new Date(expires_at).toISOString() : null });
    c.header('Cache-Control', 'no-store');
    return c.json({ ...info, key }, 201);
  });

  app.openapi(list, async (c) => c.json({ data: await listApiKeys(db, c.get('member').orgId) }, 200));

  app.openapi(revoke, async (c) => {
    const { key_id } = c.req.valid('param');
    if (!Id.safeParse(key_id).success) throw notFound('API key');
    if (!(await revokeApiKey(db, c.get('member').orgId, key_id))) throw notFound('API key');
    return c.body(null, 204);
  });

  return app;
}
