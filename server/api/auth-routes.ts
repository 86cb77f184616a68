/** /api/v1 auth and account routes: login, signup, logout, me, config. */
import { getConnInfo } from '@hono/node-server/conninfo';
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { SYNC_SCHEMA_VERSION } from '../../shared/sync/protocol';
import { requireCaller, type AuthEnv } from '../auth/authenticate';
import { burnPasswordCheck, verifyPassword } from '../auth/password';
import { createSession, deleteSession } from '../auth/sessions';
import { findUserByEmail, findUserById } from '../auth/users';
import { LoginRateLimit } from '../auth/rate-limit';
import { HttpProblem, errorBody } from '../http/errors';
import { createOrganizationWithHeadCoach, organizationsOfUser } from '../orgs/organizations';
import type { ApiDeps } from './deps';
import { BEARER, ERRORS, newApi } from './openapi';
import { LoginBody, MembershipSummaryDoc, SessionDoc, SignupBody, UserDoc, json, jsonBody } from './schemas';

const Me = z.object({ user: UserDoc, organizations: z.array(MembershipSummaryDoc) });
const Config = z.object({ signup: z.enum(['open', 'closed']), sync_schema_version: z.number().int() });

const login = createRoute({
  method: 'post',
  path: '/auth/login',
  tags: ['auth'],
  summary: 'Sign in with email and password; returns a session token (30 days)',
  request: { body: jsonBody(LoginBody) },
  responses: { 200: json(SessionDoc, 'Signed in'), 400: ERRORS[400], 401: ERRORS[401], 429: ERRORS[429] },
});

const signup = createRoute({
  method: 'post',
  path: '/auth/signup',
  tags: ['auth'],
  summary: 'Create an organization and its head coach (only when the server allows sign-up)',
  request: { body: jsonBody(SignupBody) },
  responses: { 201: json(SessionDoc, 'Organization created, signed in'), 400: ERRORS[400], 403: ERRORS[403], 409: ERRORS[409] },
});

const logout = createRoute({
  method: 'post',
  path: '/auth/logout',
  tags: ['auth'],
  summary: 'End this session',
  security: BEARER,
  responses: { 204: { description: 'Signed out' }, 401: ERRORS[401] },
});

const me = createRoute({
  method: 'get',
  path: '/me',
  tags: ['auth'],
  summary: 'The signed-in user and the organizations they coach',
  security: BEARER,
  responses: { 200: json(Me, 'The caller'), 401: ERRORS[401] },
});

const config = createRoute({
  method: 'get',
  path: '/config',
  tags: ['server'],
  summary: 'What this server offers (no sign-in needed)',
  responses: { 200: json(Config, 'Server configuration') },
});

/** The TCP peer; X-Forwarded-For is not trusted (no proxy is configured), so behind one all callers share a limit. */
function clientIp(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // not served by @hono/node-server (in-process requests)
  }
}

export function authRoutes(deps: ApiDeps) {
  const { db, store } = deps;
  const loginLimit = deps.loginLimit ?? new LoginRateLimit();
  const app = newApi<AuthEnv>();
  const auth = requireCaller(db);
  app.use('/auth/logout', auth);
  app.use('/me', auth);
  // Before the body validator: a closed server says so whatever the body is.
  app.use('/auth/signup', async (_c, next) => {
    if (deps.signup !== 'open') throw new HttpProblem(403, 'signup_closed', 'This server does not allow sign-up; ask its operator for an account.');
    await next();
  });

  app.openapi(login, async (c) => {
    const { email, password } = c.req.valid('json');
    const ip = clientIp(c);
    const waitMs = loginLimit.retryAfterMs(email, ip);
    if (waitMs > 0) {
      const minutes = Math.ceil(waitMs / 60_000);
      c.header('Retry-After', String(Math.ceil(waitMs / 1000)));
      return c.json(errorBody('rate_limited', `Too many sign-in attempts; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`), 429);
    }
    const user = await findUserByEmail(db, email);
    const ok = user?.password_hash ? await verifyPassword(password, user.password_hash) : (await burnPasswordCheck(password), false);
    if (!user || !ok) {
      loginLimit.fail(email, ip);
      throw new HttpProblem(401, 'invalid_credentials', 'Wrong email or password.');
    }
    const token = await createSession(db, user.id);
    const organizations = await organizationsOfUser(db, user.id);
    return c.json({ token, user: { id: user.id, email: user.email, first_name: user.first_name, last_name: user.last_name }, organizations }, 200);
  });

  app.openapi(signup, async (c) => {
    const input = c.req.valid('json');
    const created = await createOrganizationWithHeadCoach(store, {
      organizationName: input.organization_name,
      timeZone: input.time_zone,
      email: input.email,
      firstName: input.first_name,
      lastName: input.last_name,
      password: input.password,
    });
    const token = await createSession(db, created.user.id);
    const organizations = [{ id: created.organization.id, name: created.organization.name, role: created.membership.role, time_zone: created.organization.time_zone }];
    return c.json({ token, user: created.user, organizations }, 201);
  });

  app.openapi(logout, async (c) => {
    const { tokenHash } = c.get('caller');
    await deleteSession(db, tokenHash);
    store.streams.closeSession(tokenHash); // open live streams of this session end now
    return c.body(null, 204);
  });

  app.openapi(me, async (c) => {
    const userId = c.get('caller').userId;
    const user = await findUserById(db, userId);
    if (!user) throw new HttpProblem(401, 'unauthorized', 'The account no longer exists.');
    return c.json({ user, organizations: await organizationsOfUser(db, userId) }, 200);
  });

  app.openapi(config, (c) => c.json({ signup: deps.signup, sync_schema_version: SYNC_SCHEMA_VERSION }, 200));

  return app;
}
