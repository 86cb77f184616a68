/**
 * Coach invitations (issue 9) in Chromium against the real server: the head coach types an email
 * that has no account, is offered an invitation, is told plainly offline (nothing typed is lost),
 * sends it, sees it pending (resend, revoke); the email's link (the server's .eml outbox) opens the
 * join page in a browser of its own; the new coach joins and appears in the staff list live.
 * Screenshots of the team screen go to /tmp/shots-coachinvite for a person to look at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test, expect, HEAD_COACH, signIn } from './fixtures';
import { joinLinkFromEmail } from './invitationHelpers';

const SHOTS = '/tmp/shots-coachinvite';
test.describe.configure({ timeout: 240_000 });

async function shot(page: Page, name: string, target?: Locator): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await (target ?? page).screenshot({ path: join(SHOTS, `${name}.png`) });
}

async function openSettings(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Account:/ }).click();
  await page.getByRole('menuitem', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
}

test('the head coach invites a coach by email; they join from the emailed link and appear in the staff live', async ({ page, server, browser }) => {
  const ada = `ada.${Date.now()}@newcoach.test`;
  const bo = `bo.${Date.now()}@newcoach.test`;
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, server, HEAD_COACH);
  await openSettings(page);
  const staff = page.getByRole('region', { name: 'Coaching staff' });
  const staffTable = page.getByRole('table', { name: 'Coaching staff' });
  await expect(staffTable.getByRole('row')).toHaveCount(4);
  const email = page.getByRole('textbox', { name: 'Add a coach' });

  // An email without an account: the form offers an invitation instead of a dead end.
  await email.fill(ada);
  await page.getByRole('button', { name: 'Add coach' }).click();
  // The offer is a region named by its title.
  const offer = page.getByRole('region', { name: /^No Astral account uses / });
  await expect(offer).toHaveAccessibleName(`No Astral account uses ${ada} yet`);
  await offer.getByLabel('First name (optional)').fill('Ada');
  await shot(page, '1-invite-offer', staff);

  // Offline: said plainly, and what was typed stays.
  await page.context().setOffline(true);
  await offer.getByRole('button', { name: 'Send invitation' }).click();
  await expect(offer.getByRole('alert')).toContainText('Sending an invitation needs a connection to the server');
  await expect(email).toHaveValue(ada);
  await expect(offer.getByLabel('First name (optional)')).toHaveValue('Ada');
  await shot(page, '2-invite-offline', staff);
  await page.context().setOffline(false);

  await offer.getByRole('button', { name: 'Send invitation' }).click();
  await expect(offer).toBeHidden();
  await expect(email).toHaveValue('');
  const pending = page.getByRole('table', { name: 'Pending coach invitations' });
  await expect(pending.getByRole('row').filter({ hasText: ada })).toContainText('Ada');

  // A second invitation, resent and then revoked.
  await email.fill(bo);
  await page.getByRole('button', { name: 'Add coach' }).click();
  await offer.getByRole('button', { name: 'Send invitation' }).click();
  const boRow = pending.getByRole('row').filter({ hasText: bo });
  await expect(boRow).toBeVisible();
  await expect(pending.getByRole('row').filter({ hasText: ada })).toContainText('Email sent');
  await shot(page, '3-pending-invitations', staff);
  await boRow.getByRole('button', { name: `Resend the invitation to ${bo}` }).click();
  await expect(page.getByText(`Invitation sent again to ${bo}`)).toBeVisible();
  await boRow.getByRole('button', { name: `Revoke the invitation to ${bo}` }).click();
  const confirm = page.getByRole('dialog', { name: 'Revoke this invitation?' });
  await confirm.getByRole('button', { name: 'Revoke invitation' }).click();
  await expect(confirm).toBeHidden();
  await expect(boRow).toHaveCount(0);

  // The email's link, opened by the invitee in a browser of their own.
  const link = await joinLinkFromEmail(server, ada);
  const invitee = await browser.newContext();
  try {
    const join = await invitee.newPage();
    await join.setViewportSize({ width: 480, height: 1000 });
    await join.goto(link);
    await expect(join.getByRole('heading', { level: 1 })).toHaveText(/^Helen Hartley invites you to coach at /);
    const form = join.locator('section', { has: join.getByRole('heading', { name: 'Create your Astral account' }) });
    await expect(form.getByLabel('Email')).toHaveValue(ada);
    await expect(form.getByLabel('First name')).toHaveValue('Ada');
    await form.getByLabel('Last name').fill('Lovelace');
    await form.getByLabel('Password (at least 8 characters)').fill('analytical-engine');
    await form.getByLabel('Confirm password').fill('analytical-engine');
    await shot(join, '4-join-page');
    await form.getByRole('button', { name: 'Create account and join as a coach' }).click();
    await expect(join.getByRole('heading', { level: 1 })).toContainText("You're in: you now coach");
  } finally {
    await invitee.close();
  }

  // Live: the new coach is on the staff without a reload, and the invitation has left the pending list.
  const adaRow = staffTable.getByRole('row').filter({ hasText: ada });
  await expect(adaRow).toContainText('Ada Lovelace', { timeout: 60_000 });
  await expect(adaRow).toContainText('Coach');
  await expect(pending).toHaveCount(0, { timeout: 30_000 });
  await shot(page, '5-new-coach-joined', staff);
});
