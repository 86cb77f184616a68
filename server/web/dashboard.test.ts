import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DASHBOARD_CSP, dashboardApp } from './dashboard';

const dir = mkdtempSync(join(tmpdir(), 'astral-dash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('dashboard', () => {
  it('says how to build the renderer while dist/renderer is missing, then serves the build without a restart', async () => {
    const app = dashboardApp(dir);
    const missing = await app.request('/');
    expect(missing.status).toBe(200);
    expect(await missing.text()).toContain('npm run build:renderer');
    expect(missing.headers.get('content-security-policy')).toBe(DASHBOARD_CSP);

    mkdirSync(join(dir, 'assets'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Astral Coach</title><div id="root"></div>');
    writeFileSync(join(dir, 'assets', 'app-1a2b.js'), 'console.log(1)');
    writeFileSync(join(dir, 'sw.js'), 'self.addEventListener("fetch", () => {})');

    const index = await app.request('/');
    expect(await index.text()).toContain('Astral Coach');
    expect(index.headers.get('content-security-policy')).toBe(DASHBOARD_CSP);

    // Client-side routes get index.html so a reload works.
    const route = await app.request('/athletes/123?status=active');
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<div id="root">');
    expect(route.headers.get('content-security-policy')).toContain("connect-src 'self'");

    const asset = await app.request('/assets/app-1a2b.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const sw = await app.request('/sw.js');
    expect(sw.headers.get('cache-control')).toBe('no-cache');

    expect((await app.request('/assets/gone-9z9z.js')).status).toBe(404);
    expect((await app.request('/../../etc/passwd')).status).not.toBe(500);
  });

  it('has a strict CSP: no inline or eval scripts, only its own origin', () => {
    expect(DASHBOARD_CSP).toContain("default-src 'self'");
    expect(DASHBOARD_CSP).toContain("script-src 'self'");
    expect(DASHBOARD_CSP).toContain("style-src 'self' 'unsafe-inline'");
    expect(DASHBOARD_CSP).toContain("img-src 'self' data:");
    expect(DASHBOARD_CSP).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|\*/);
  });
});
