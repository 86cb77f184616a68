/**
 * The renderer's Content Security Policy, in Chromium against the real server: the dashboard's HTML
 * carries a policy (server/web/dashboard.ts) whose script rules are the Electron shell's
 * (electron/security.ts), and it blocks script injected into the running app (an inline <script>,
 * an onerror attribute, a javascript: URL, a string timer: eval), each reported as a
 * securitypolicyviolation, while the app's own scripts run. The join page (no scripts at all)
 * blocks the same. A regression here is what would turn any HTML-injection bug into script
 * execution with the coach's session.
 */
import type { Page } from '@playwright/test';
import { CONTENT_SECURITY_POLICY } from '../../electron/security';
import { test, expect } from './fixtures';

type Violation = { directive: string; blocked: string };
type Probe = { ran: string[]; violations: Violation[] };

const directive = (policy: string, name: string) => policy.split(';').map((d) => d.trim()).find((d) => d.split(' ')[0] === name) ?? '';

/** Injects script every way an HTML-injection bug could, and reports what ran and what the CSP reported. */
async function inject(page: Page): Promise<Probe> {
  return page.evaluate(async () => {
    // Code run by page.evaluate itself is exempt from the CSP (DevTools), so each probe makes the
    // page run the script: parsing, event handlers, navigation and timers are the page's own.
    const w = window as unknown as Record<string, unknown>;
    const violations: { directive: string; blocked: string }[] = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push({ directive: e.violatedDirective, blocked: e.blockedURI }));
    const host = document.createElement('div');
    document.body.append(host);
    // A parsed <script> (createContextualFragment runs scripts, unlike innerHTML).
    host.append(document.createRange().createContextualFragment('<script>window.__inline = 1</script>'));
    const script = document.createElement('script');
    script.textContent = 'window.__created = 1';
    host.append(script);
    host.insertAdjacentHTML('beforeend', '<img src="data:," onerror="window.__onerror = 1"><img src="/nonexistent.png" onerror="window.__onerror2 = 1">');
    const link = document.createElement('a');
    link.href = 'javascript:window.__jsurl = 1';
    host.append(link);
    link.click();
    setTimeout('window.__timer = 1' as unknown as () => void, 0);
    // Violation reports are queued tasks: give them, the image errors and the timer time to arrive.
    for (let i = 0; i < 50 && (i < 5 || violations.length < 5); i++) await new Promise((r) => setTimeout(r, 100));
    const ran = ['__inline', '__created', '__onerror', '__onerror2', '__jsurl', '__timer'].filter((k) => w[k] !== undefined);
    return { ran, violations };
  });
}

test('the dashboard CSP blocks injected inline script, event handlers, javascript: URLs and string timers (eval); the app itself runs', async ({ page, server }) => {
  const response = await page.goto(`${server.url}/signin`);
  const policy = response?.headers()['content-security-policy'] ?? '';
  expect(policy, 'the dashboard HTML carries a CSP').not.toBe('');
  // The browser dashboard and the desktop shell treat script the same way.
  for (const name of ['script-src', 'object-src', 'base-uri', 'frame-ancestors']) expect(directive(policy, name), name).toBe(directive(CONTENT_SECURITY_POLICY, name));
  expect(policy).not.toContain('unsafe-eval');
  // The app's own bundle runs under the policy.
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();

  const probe = await inject(page);
  expect(probe.ran, 'injected script that ran').toEqual([]);
  const directives = new Set(probe.violations.map((v) => v.directive));
  expect([...directives].sort()).toEqual(expect.arrayContaining(['script-src-attr', 'script-src-elem']));
  expect(probe.violations.filter((v) => v.directive === 'script-src-elem').length).toBeGreaterThanOrEqual(2);
  expect(probe.violations.filter((v) => v.directive === 'script-src-attr').length).toBeGreaterThanOrEqual(1);
  expect(probe.violations.some((v) => v.blocked === 'eval')).toBe(true);
  // Still the app: nothing navigated away or broke it.
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
});

test('the join page CSP blocks injected script too', async ({ page, server }) => {
  const response = await page.goto(`${server.url}/join/${'x'.repeat(43)}`);
  expect(response?.headers()['content-security-policy'] ?? '').toContain("default-src 'none'");
  const probe = await inject(page);
  expect(probe.ran).toEqual([]);
  expect(probe.violations.map((v) => v.directive)).toEqual(expect.arrayContaining(['script-src-elem', 'script-src-attr']));
});
