/**
 * The HTTP application: health, /api/v1, /sync, the dashboard, and the cross-cutting rules
 * (CORS for the desktop app, body limits, JSON-only bodies, one error shape, request logs).
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import type { Logger } from 'pino';
import { apiApp } from './api/index';
import type { ApiDeps } from './api/deps';
import { HttpProblem, errorBody, handleError } from './http/errors';
import { ACTIVITY_UPLOAD_LIMIT, isActivityUpload } from './profile/upload';
import { syncApp } from './sync/routes';
import type { StreamOptions } from './sync/stream';
import { dashboardApp } from './web/dashboard';
import { joinApp } from './web/join';

export type AppOptions = ApiDeps & {
  logger: Logger;
  dashboardDir: string;
  stream?: StreamOptions;
  apiBodyLimit?: number;
  syncBodyLimit?: number;
};

// The rest of the oversized body is not read, so the connection cannot be reused: close it.
const tooLarge = (limit: number) => (c: Context) => {
  c.header('Connection', 'close');
  return c.json(errorBody('payload_too_large', `The request body is larger than ${Math.round(limit / 1024)} KiB.`), 413);
};

/** Join-link tokens are secrets: never in a log line (`/join/{token}`, `/api/v1/invitations/{token}/accept`). */
export const maskTokens = (path: string): string => path.replace(/^(\/join\/|\/api\/v1\/invitations\/)[^/]+/, '$1…');

const JSON_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;

export function createApp(options: AppOptions) {
  const { logger } = options;
  const apiLimit = options.apiBodyLimit ?? 1024 * 1024;
  const syncLimit = options.syncBodyLimit ?? 8 * 1024 * 1024;
  const app = new Hono();

  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    // Paths only: query strings may carry search text about people.
    logger.info({ method: c.req.method, path: maskTokens(c.req.path), status: c.res.status, ms: Math.round(performance.now() - started) }, 'request');
    c.header('X-Content-Type-Options', 'nosniff');
  });

  const corsed = cors({
    origin: '*',
    allowMethods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Authorization', 'Content-Type', 'X-API-Key'],
    maxAge: 600,
  });
  app.use('/api/*', corsed);
  app.use('/sync/*', corsed);
  // One exception: an activity file posted to an athlete's activities (server/profile/upload.ts) may be 50 MB.
  const apiBody = bodyLimit({ maxSize: apiLimit, onError: tooLarge(apiLimit) });
  const uploadBody = bodyLimit({ maxSize: ACTIVITY_UPLOAD_LIMIT, onError: tooLarge(ACTIVITY_UPLOAD_LIMIT) });
  const isUpload = (c: Context) => isActivityUpload(c.req.method, c.req.path, c.req.header('content-type'));
  app.use('/api/*', (c, next) => (isUpload(c) ? uploadBody(c, next) : apiBody(c, next)));
  app.use('/sync/*', bodyLimit({ maxSize: syncLimit, onError: tooLarge(syncLimit) }));

  // A body must be JSON; without this a form post would validate as an empty object.
  const jsonOnly = async (c: Parameters<Parameters<typeof app.use>[1]>[0], next: () => Promise<void>) => {
    const hasBody = c.req.header('content-length') ? c.req.header('content-length') !== '0' : c.req.header('transfer-encoding') !== undefined;
    if (hasBody && ['POST', 'PATCH', 'PUT'].includes(c.req.method) && !JSON_TYPE.test(c.req.header('content-type') ?? '') && !isUpload(c)) {
      throw new HttpProblem(415, 'unsupported_media_type', 'Send the body as JSON (Content-Type: application/json).');
    }
    await next();
  };
  app.use('/api/*', jsonOnly);
  app.use('/sync/*', jsonOnly);

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.route('/', apiApp(options));
  app.route('/sync', syncApp(options.db, options.store, options.services, options.stream));

  app.all('/api/*', () => {
    throw new HttpProblem(404, 'not_found', 'No such API route.');
  });
  app.all('/sync/*', () => {
    throw new HttpProblem(404, 'not_found', 'No such sync route.');
  });
  app.route('/', joinApp(options.store));
  app.route('/', dashboardApp(options.dashboardDir));

  app.notFound((c) => c.json(errorBody('not_found', 'Not found.'), 404));
  app.onError((err, c) => handleError(err, c, logger));
  return app;
}
