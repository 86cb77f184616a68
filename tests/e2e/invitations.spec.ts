/**
 * Issue 4 in the app: a coach invites offline and the athlete joins from the emailed link, a
 * multi-use join link, adding an existing user online and offline, removing and re-adding.
 */
import { test, expect, HEAD_COACH } from './fixtures';
import { coachPage, pickOption, syncStatus, thisMonday } from './helpers';
import { joinLinkFromEmail, joinThroughLink, shot } from './invitationHelpers';
import type { Page } from '@playwright/test';

const FREE_AGENT = { email: 'free.agent@demo.local', name: 'Frankie Agent' };

const openInvitations = (page: Page) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Invitations' }).click();
const openRoster = (page: Page) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Roster' }).click();
const invitationsTable = (page: Page) => page.getByRole('table', { name: 'Invitations' });
const roster = (page: Page) => page.getByRole('table', { name: 'Athletes' });

test('a coach invites offline; the athlete joins from the emailed link and shows up live with group and plan', async ({ browser, server }) => {
  const { context, page } = await coachPage(browser, server, HEAD_COACH);
  await openInvitations(page);
  await expect(page.getByRole('heading', { name: 'Invitations' })).toBeVisible();

  await context.setOffline(true);
  await expect(syncStatus(page)).toContainText('Offline');
  await page.getByRole('button', { name: 'Invite athlete' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invite an athlete' });
  await dialog.getByLabel('First name').fill('Nina');
  await dialog.getByLabel('Email').fill('nina@example.test');
  await pickOption(page, dialog, 'Group', 'Marathon squad');
  await pickOption(page, dialog, 'Training plan', /^Half marathon ·/);
  await dialog.getByLabel('Plan start date').fill(thisMonday());
  await shot(page, 'invite-modal', dialog);
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  await expect(dialog).toBeHidden();

  const row = invitationsTable(page).getByRole('row', { name: /Nina/ });
  await expect(row).toContainText('Waiting to sync');
  await expect(row).toContainText('This invitation is on this laptop only; the link works once the app has synced.');
  await expect(row).toContainText('Marathon squad');
  await expect(row).toContainText('Half marathon');
  await expect(row).toContainText('Helen Hartley');
  await shot(page, 'invitations-waiting');

  await context.setOffline(false);
  await expect(row).toContainText('Pending', { timeout: 30_000 });
  await expect(syncStatus(page)).not.toContainText('not yet sent', { timeout: 30_000 });
  await shot(page, 'invitations-page');

  const link = await joinLinkFromEmail(server, 'nina@example.test');
  await joinThroughLink(browser, link, { first: 'Nina', last: 'Petersen', email: 'nina@example.test' }, {
    org: 'Demo Running Club',
    inviter: 'Helen Hartley',
    screenshot: 'join-page',
  });

  // The coach's app, never reloaded: the invitation is accepted and Nina is in the roster.
  await expect(row).toContainText('Accepted', { timeout: 30_000 });
  await openRoster(page);
  const nina = roster(page).getByRole('link', { name: 'Nina Petersen' });
  await expect(nina).toBeVisible({ timeout: 30_000 });
  await nina.click();
  await expect(page.getByRole('heading', { name: 'Nina Petersen' })).toBeVisible();
  await expect(page.getByText('Marathon squad').first()).toBeVisible();
  await page.getByRole('tab', { name: 'Plans' }).click();
  await expect(page.getByRole('article', { name: 'Half marathon' })).toBeVisible();
  await context.close();
});

test('a multi-use join link: created, copied, two athletes join, the page counts them', async ({ browser, server }) => {
  const { context, page } = await coachPage(browser, server, HEAD_COACH);
  await openInvitations(page);
  await page.getByRole('button', { name: 'Create join link' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create a join link' });
  await pickOption(page, dialog, 'Group', 'Tuesday track');
  await dialog.getByLabel('Maximum uses').fill('5');
  await shot(page, 'join-link-modal', dialog);
  await dialog.getByRole('button', { name: 'Create link' }).click();
  const made = page.getByRole('dialog', { name: 'Your join link' });
  const link = await made.getByLabel('Join link').inputValue();
  expect(link).toMatch(new RegExp(`^${server.url}/join/[A-Za-z0-9_-]{43}$`));
  await made.getByRole('button', { name: 'Copy link' }).click();
  await expect(made.getByRole('button', { name: 'Copied' })).toBeVisible();
  await shot(page, 'join-link-made', made);
  await made.getByRole('button', { name: 'Done' }).click();

  const row = invitationsTable(page).getByRole('row', { name: /Join link/ });
  await expect(row).toContainText('Pending', { timeout: 30_000 });
  await expect(row).toContainText('0 of 5 joined');
  await expect(row.getByRole('button', { name: 'Copy link of join link' })).toHaveAttribute('data-link', link);

  for (const [first, last] of [['Ada', 'Lovelace'], ['Alan', 'Turing']] as const) {
    await joinThroughLink(browser, link, { first, last, email: `${first.toLowerCase()}@example.test` }, { org: 'Demo Running Club' });
  }
  await expect(row).toContainText('2 of 5 joined', { timeout: 30_000 });
  await openRoster(page);
  await expect(roster(page).getByRole('link', { name: 'Alan Turing' })).toBeVisible({ timeout: 30_000 });
  await context.close();
});

test('add an existing user offline (carried out on reconnect), an unknown email offers to invite instead', async ({ browser, server }) => {
  const { context, page } = await coachPage(browser, server, HEAD_COACH);
  await context.setOffline(true);
  await expect(syncStatus(page)).toContainText('Offline');
  await page.getByRole('button', { name: 'Add existing user' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add an existing user' });
  await dialog.getByLabel("Their account's email").fill(FREE_AGENT.email);
  await pickOption(page, dialog, 'Group', 'Trail crew');
  await shot(page, 'add-existing-offline', dialog);
  await dialog.getByRole('button', { name: 'Add when online' }).click();
  await expect(dialog).toContainText("Saved: it will be added when you're back online");
  await dialog.getByRole('button', { name: 'Done' }).click();

  await context.setOffline(false);
  await expect(page.getByText(`${FREE_AGENT.name} was added`)).toBeVisible({ timeout: 45_000 });
  await expect(roster(page).getByRole('link', { name: FREE_AGENT.name })).toBeVisible({ timeout: 30_000 });

  // Online: already a member, then an email nobody uses.
  await page.getByRole('button', { name: 'Add existing user' }).click();
  await dialog.getByLabel("Their account's email").fill(FREE_AGENT.email);
  await dialog.getByRole('button', { name: 'Add athlete' }).click();
  await expect(dialog).toContainText(`${FREE_AGENT.email} is already in the organization`);
  await dialog.getByRole('button', { name: 'Add another' }).click();
  await dialog.getByLabel("Their account's email").fill('nobody@example.test');
  await dialog.getByRole('button', { name: 'Add athlete' }).click();
  await expect(dialog).toContainText('No Astral account uses nobody@example.test');
  await dialog.getByRole('button', { name: 'Invite instead' }).click();
  const invite = page.getByRole('dialog', { name: 'Invite an athlete' });
  await expect(invite.getByLabel('Email')).toHaveValue('nobody@example.test');
  await context.close();
});

test('remove an athlete, then add them again: a new roster row, the account untouched', async ({ browser, server }) => {
  const { context, page } = await coachPage(browser, server, HEAD_COACH);
  const addFreeAgent = async () => {
    await page.getByRole('button', { name: 'Add existing user' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add an existing user' });
    await dialog.getByLabel("Their account's email").fill(FREE_AGENT.email);
    await dialog.getByRole('button', { name: 'Add athlete' }).click();
    await expect(dialog).toContainText(`${FREE_AGENT.name} was added`);
    await dialog.getByRole('button', { name: 'Done' }).click();
    const link = roster(page).getByRole('link', { name: FREE_AGENT.name });
    await expect(link).toBeVisible({ timeout: 30_000 });
    return link.getAttribute('href');
  };
  const first = await addFreeAgent();
  await roster(page).getByRole('link', { name: FREE_AGENT.name }).click();
  await page.getByRole('button', { name: `More actions for ${FREE_AGENT.name}` }).click();
  await page.getByRole('menuitem', { name: 'Remove from organization' }).click();
  const confirm = page.getByRole('dialog', { name: `Remove ${FREE_AGENT.name}?` });
  await expect(confirm).toContainText('Their Astral account is not deleted');
  await shot(page, 'remove-confirm', confirm);
  await confirm.getByRole('button', { name: 'Remove from organization' }).click();
  await expect(page.getByRole('heading', { name: 'Athletes' })).toBeVisible();
  await expect(page.getByText(`${FREE_AGENT.name} was removed`)).toBeVisible();
  await expect(roster(page).getByRole('link', { name: FREE_AGENT.name })).toHaveCount(0);
  await expect(syncStatus(page)).not.toContainText('not yet sent', { timeout: 30_000 });

  const again = await addFreeAgent();
  expect(again).not.toBe(first);
  await expect(roster(page).getByRole('link', { name: FREE_AGENT.name })).toHaveCount(1);
  await context.close();
});
