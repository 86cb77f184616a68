/**
 * Helpers of invitations.spec.ts: the join link of the newest email the server wrote to its outbox
 * folder (no SMTP configured), an athlete joining through a link in a browser context of their own,
 * and screenshots kept for a person to look at.
 */
import { expect, type Browser, type Locator, type Page } from '@playwright/test';
import { mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import type { AstralServer } from './fixtures';

export const SHOTS = '/tmp/shots-invite';

export async function shot(page: Page, name: string, target?: Locator): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await (target ?? page).screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** The /join/ link of the newest .eml written for `to`, waiting up to 60 s for it. */
export async function joinLinkFromEmail(server: AstralServer, to: string): Promise<string> {
  const dir = join(server.dataDir, 'outbox');
  let link: string | null = null;
  await expect
    .poll(
      async () => {
        let files: string[];
        try {
          files = readdirSync(dir).filter((f) => f.endsWith('.eml'));
        } catch {
          return null;
        }
        const newest = files.map((f) => join(dir, f)).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
        for (const file of newest) {
          const mail = await simpleParser(readFileSync(file));
          const recipients = [mail.to ?? []].flat().map((a) => a.text.toLowerCase());
          if (!recipients.some((r) => r.includes(to.toLowerCase()))) continue;
          link = `${mail.text ?? ''} ${typeof mail.html === 'string' ? mail.html : ''}`.match(/https?:\/\/[^\s"'<>]+\/join\/[A-Za-z0-9_-]+/)?.[0] ?? null;
          if (link) return link;
        }
        return null;
      },
      { timeout: 60_000, message: `an email with a join link to ${to} in ${dir}` },
    )
    .not.toBeNull();
  return link as unknown as string;
}

export type Joiner = { first: string; last: string; email: string; password?: string };

/**
 * Opens a join link in a fresh browser context (no session), creates an account and accepts.
 */
export async function joinThroughLink(browser: Browser, link: string, who: Joiner, checks: { org?: string; inviter?: string; screenshot?: string } = {}): Promise<void> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link);
  if (checks.org) await expect(page.getByText(checks.org).first()).toBeVisible();
  if (checks.inviter) await expect(page.getByText(checks.inviter).first()).toBeVisible();
  // The page's "create an account" form (the other one signs in to an existing account).
  const form = page.locator('section', { has: page.getByRole('heading', { name: /create your astral account/i }) });
  const first = form.getByLabel('First name');
  if ((await first.inputValue()) !== who.first) await first.fill(who.first);
  await form.getByLabel('Last name').fill(who.last);
  const email = form.getByLabel('Email');
  if (await email.isEditable()) await email.fill(who.email);
  else await expect(email).toHaveValue(who.email);
  const password = who.password ?? 'correct-horse-battery';
  await form.getByLabel(/^password/i).fill(password);
  const confirm = form.getByLabel(/confirm password/i);
  if (await confirm.count()) await confirm.fill(password);
  if (checks.screenshot) await shot(page, checks.screenshot);
  await form.getByRole('button').first().click();
  await expect(page.getByText(/you're in|you (have )?joined|welcome to/i).first()).toBeVisible({ timeout: 30_000 });
  await context.close();
}
