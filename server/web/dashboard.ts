/**
 * The web dashboard: the built renderer (dist/renderer) served at `/`, with index.html for any
 * other GET that is not an API or sync path, so client-side routes (/signin, /athletes/…) work on
 * reload. HTML answers carry a strict CSP; the dashboard only talks to its own origin.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Hono, type MiddlewareHandler } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';

export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const MISSING_BUILD = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Astral Coach server</title></head>
<body><main>
<h1>Astral Coach server</h1>
<p>The server is running, but the web dashboard has not been built yet. Run <code>npm run build:renderer</code>, then reload this page.</p>
<p>The API is at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p>
</main></body></html>`;

function setHtmlHeaders(headers: Headers) {
  headers.set('Content-Security-Policy', DASHBOARD_CSP);
  headers.set('Cache-Control', 'no-cache');
  headers.set('Referrer-Policy', 'no-referrer');
  headers.set('X-Frame-Options', 'DENY');
}

/** `root` is the built renderer folder; it is looked up per request, so a build made later is picked up. */
export function dashboardApp(root: string) {
  const dir = resolve(root);
  const app = new Hono();
  const index = () => {
    const file = join(dir, 'index.html');
    return existsSync(file) ? readFileSync(file, 'utf8') : null;
  };

  // Created on first use: the folder may be built after the server started.
  let files: MiddlewareHandler | null = null;
  app.use('/*', async (c, next) => {
    if (!existsSync(join(dir, 'index.html'))) return next();
    files ??= serveStatic({ root: dir });
    const found = await files(c, next);
    if (found instanceof Response && found !== c.res) c.res = found;
    if (/^text\/html/.test(c.res.headers.get('content-type') ?? '')) setHtmlHeaders(c.res.headers);
    else if (c.res.status === 200 && c.req.path.startsWith('/assets/')) c.res.headers.set('Cache-Control', 'public, max-age=31536000, immutable');
    else c.res.headers.set('Cache-Control', 'no-cache');
  });

  app.get('/*', (c) => {
    // A missing file (e.g. an old hashed asset) is a 404, not the app's HTML.
    if (/\.[A-Za-z0-9]+$/.test(c.req.path)) return c.text('Not found', 404);
    const html = index();
    const res = html === null ? c.html(MISSING_BUILD, c.req.path === '/' ? 200 : 404) : c.html(html);
    setHtmlHeaders(res.headers);
    return res;
  });

  return app;
}
