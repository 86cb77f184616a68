/**
 * Playwright fixtures: every test gets its own real server (tsx server/main.ts) on a fresh temporary
 * data folder with the demo organization, on a free loopback port, stopped after the test.
 */
import { test as base, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/free-port';

export const DEMO_PASSWORD = 'astral-demo';
export const HEAD_COACH = 'headcoach@demo.local';
export const COACH1 = 'coach1@demo.local';
export const COACH2 = 'coach2@demo.local';

export type AstralServer = { url: string; dataDir: string; logs: () => string; stop: (options?: { keepData?: boolean }) => Promise<void> };


/**
 * Starts a real server on a free port. With the demo on (the default) and a template prepared by
 * global-setup.ts, the data folder starts as a copy of the seeded template.
 */
export async function startServer(env: Record<string, string> = {}, options: { template?: boolean } = {}): Promise<AstralServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'astral-e2e-'));
  const template = process.env.ASTRAL_E2E_TEMPLATE;
  if (options.template !== false && template && env.ASTRAL_DEMO !== '') cpSync(template, dataDir, { recursive: true });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ASTRAL_DATA_DIR: dataDir, ASTRAL_DEMO: '1', DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 150_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`server did not start within 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    dataDir,
    logs: () => output,
    stop: async ({ keepData = false } = {}) => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the UI and waits until the first sync has filled the roster. */
export async function signIn(page: Page, server: AstralServer, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${server.url}/signin`);
  await page.getByLabel('Server URL').fill(server.url);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The first sync pulls nine collections (with the demo's activities); on a loaded CI machine it can take longer than the default expect timeout.
  await expect(page.getByRole('heading', { name: 'Athletes' })).toBeVisible({ timeout: 120_000 });
  await expect(page.getByRole('table', { name: 'Athletes' }).getByRole('row').nth(1)).toBeVisible({ timeout: 120_000 });
}

export async function newCoachPage(browser: Browser, server: AstralServer, email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, server, email);
  return { context, page };
}

/** Calls the public API as the given coach. */
export async function apiLogin(server: AstralServer, email: string, password = DEMO_PASSWORD) {
  const res = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { token: string; organizations: { id: string; name: string; role: string }[] };
  const org = body.organizations[0];
  if (!org) throw new Error('no organization');
  const call = async (method: string, path: string, json?: unknown) => {
    const r = await fetch(`${server.url}/api/v1/organizations/${org.id}${path}`, {
      method,
      headers: { authorization: `Bearer ${body.token}`, 'content-type': 'application/json' },
      body: json === undefined ? undefined : JSON.stringify(json),
    });
    return { status: r.status, body: (await r.json().catch(() => null)) as unknown };
  };
  return { token: body.token, orgId: org.id, call };
}

export const test = base.extend<{ server: AstralServer }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form
  server: async ({}, use) => {
    const server = await startServer();
    await use(server);
    await server.stop();
  },
});
export { expect };
