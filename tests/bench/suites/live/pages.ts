/**
 * The two app pages of the propagation figure and how they are timed, both on the one clock of
 * this machine (performance.timeOrigin + performance.now() in each page):
 * - committed locally (page A): IndexedDB's `complete` event of the first readwrite transaction
 *   whose put/add carried the edit (IDBObjectStore.put/add are wrapped to spot the marker in the
 *   value): the moment Dexie's write of the edited athlete is durable in the browser;
 * - showing (page B): the first animation frame after the marker entered B's DOM (a
 *   MutationObserver notes the DOM change, requestAnimationFrame the frame that paints it).
 * The dashboard is served from this process (a static server with the SPA fallback), the app
 * signs in to the server process by its URL (the sync routes allow any origin, as for the
 * desktop app), so a rebuild of dist/renderer by other work cannot break a run.
 */
import { readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { RECORD_NETWORK } from './phases';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

export type StaticSite = { url: string; close(): Promise<void> };

/** Serves `dir` on loopback; unknown paths get index.html (client-side routes such as /athletes/:id). */
export function serveDashboard(dir: string): Promise<StaticSite> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    let file = normalize(join(dir, path));
    if (!file.startsWith(dir)) return void res.writeHead(404).end();
    try {
      if (!statSync(file).isFile()) file = join(dir, 'index.html');
    } catch {
      file = join(dir, 'index.html');
    }
    try {
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolveSite, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolveSite({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}

type Marks = Record<number, number>;
type LiveWindow = Window & { __liveCommits: Marks; __liveDom: Marks; __liveShown: Marks };

/** Page A's recorder: when the write carrying marker n committed to IndexedDB. */
function recordCommits(): void {
  const w = window as unknown as LiveWindow;
  w.__liveCommits = {};
  const re = /LiveMark(\d+)\./g;
  type Tx = IDBTransaction & { __liveMarks?: Set<number> };
  for (const name of ['put', 'add'] as const) {
    const original = IDBObjectStore.prototype[name];
    IDBObjectStore.prototype[name] = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      try {
        const text = JSON.stringify(value) ?? '';
        if (text.includes('LiveMark')) {
          const tx = this.transaction as Tx;
          if (!tx.__liveMarks) {
            const marks = (tx.__liveMarks = new Set<number>());
            tx.addEventListener('complete', () => {
              const at = performance.timeOrigin + performance.now();
              for (const n of marks) if (!(n in w.__liveCommits)) w.__liveCommits[n] = at;
            });
          }
          for (const m of text.matchAll(re)) tx.__liveMarks.add(Number(m[1]));
        }
      } catch {
        // A value JSON cannot show (a Blob): not ours.
      }
      return key === undefined ? original.call(this, value) : original.call(this, value, key);
    };
  }
}

/** Page B's recorder: when marker n entered the DOM, and the animation frame that paints it. */
function recordShown(): void {
  const w = window as unknown as LiveWindow;
  w.__liveDom = {};
  w.__liveShown = {};
  const re = /LiveMark(\d+)\./g;
  // No named inner functions here: tsx (esbuild keepNames) would wrap them in a __name() call that does not exist in the page.
  new MutationObserver((records) => {
    const at = performance.timeOrigin + performance.now();
    for (const r of records) {
      const text = r.type === 'characterData' ? (r.target as CharacterData).data : r.target.textContent;
      if (!text?.includes('LiveMark')) continue;
      for (const m of text.matchAll(re)) {
        const n = Number(m[1]);
        if (n in w.__liveDom) continue;
        w.__liveDom[n] = at;
        requestAnimationFrame(() => (w.__liveShown[n] = performance.timeOrigin + performance.now()));
      }
    }
  }).observe(document, { subtree: true, childList: true, characterData: true });
}

export async function newAppContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  await context.addInitScript(recordCommits);
  await context.addInitScript(recordShown);
  await context.addInitScript({ content: RECORD_NETWORK });
  return context;
}

/** Signs in through the UI to the server at `serverUrl`, then opens the athlete's profile. */
export async function signInAndOpen(page: Page, site: string, serverUrl: string, email: string, password: string, athleteId: string): Promise<void> {
  await page.goto(`${site}/signin`);
  await page.getByLabel('Server URL').fill(serverUrl);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Athletes' }).first().waitFor({ timeout: 180_000 });
  await page.goto(`${site}/athletes/${athleteId}`);
  await page.getByRole('button', { name: 'Edit', exact: true }).waitFor({ timeout: 120_000 });
}

/** Coach A edits the display name through the app's edit form. */
export async function editDisplayName(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  const form = page.getByRole('dialog', { name: 'Edit athlete' });
  await form.getByLabel('Display name').fill(name);
  await form.getByRole('button', { name: 'Save' }).click();
  await form.waitFor({ state: 'hidden', timeout: 30_000 });
}

export type EditTimes = { committed: number | null; dom: number | null; shown: number | null; bWrite: number | null };

/** Waits (bounded) for marker n on page B, then reads the three times. */
export async function timesOf(a: Page, b: Page, n: number, timeoutMs: number): Promise<EditTimes> {
  await b.waitForFunction((k) => k in (window as unknown as LiveWindow).__liveShown, n, { timeout: timeoutMs, polling: 20 }).catch(() => {});
  const committed = await a.evaluate((k) => (window as unknown as LiveWindow).__liveCommits[k] ?? null, n);
  const [dom, shown, bWrite] = await b.evaluate((k) => {
    const w = window as unknown as LiveWindow;
    return [w.__liveDom[k] ?? null, w.__liveShown[k] ?? null, w.__liveCommits[k] ?? null];
  }, n);
  return { committed, dom: dom ?? null, shown: shown ?? null, bWrite: bWrite ?? null };
}
