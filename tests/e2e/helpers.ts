import { expect, type Browser, type BrowserContext, type Page, type Locator } from '@playwright/test';
import { DEMO_PASSWORD, type AstralServer } from './fixtures';

export type EditValues = {
  displayName?: string;
  memberLevel?: string;
  addLabels?: string[];
  privateNotes?: string;
  status?: 'Active' | 'Inactive' | 'Suspended';
};

/** The edit form of an athlete's profile. */
export function editForm(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Edit athlete' });
}

export async function openAthlete(page: Page, url: string, athleteId: string): Promise<void> {
  await page.goto(`${url}/athletes/${athleteId}`);
  await expect(page.getByRole('button', { name: 'Edit', exact: true })).toBeVisible();
}

/** Opens the edit form, fills what is given, saves. */
export async function editAthlete(page: Page, values: EditValues): Promise<void> {
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  const form = editForm(page);
  await expect(form).toBeVisible();
  if (values.displayName !== undefined) await form.getByLabel('Display name').fill(values.displayName);
  if (values.memberLevel !== undefined) {
    await form.getByLabel('Member level').fill(values.memberLevel);
    await closeDropdowns(form);
  }
  if (values.addLabels) {
    const input = form.getByLabel('Labels');
    for (const label of values.addLabels) {
      await input.fill(label);
      await input.press('Enter');
    }
    await closeDropdowns(form);
  }
  if (values.privateNotes !== undefined) await form.getByLabel('Private notes').fill(values.privateNotes);
  if (values.status) await chooseOption(page, form, 'Status', values.status);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toBeHidden();
}

/** Closes an open suggestion list by clicking a neutral spot of the form (Escape would close the dialog). */
async function closeDropdowns(form: Locator): Promise<void> {
  await form.getByRole('heading', { name: 'Edit athlete' }).click();
}

/** Picks an option of a Mantine Select / SegmentedControl by its label, whichever the form uses. */
export async function chooseOption(page: Page, scope: Locator, label: string, option: string): Promise<void> {
  const radio = scope.getByRole('radio', { name: option, exact: true });
  if (await radio.count()) {
    await radio.check({ force: true });
    return;
  }
  await scope.getByLabel(label, { exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

export function syncStatus(page: Page): Locator {
  return page.getByRole('status', { name: 'Sync status' });
}

// ---- Plans, groups and assignments (issue 3) ----

/** The demo organization's time zone (server/demo/roster.ts). */
export const DEMO_TIME_ZONE = 'Europe/London';

/** The Monday of the current week in the organization's calendar: a start date that makes a plan current. */
export function thisMonday(timeZone = DEMO_TIME_ZONE): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

/**
 * Picks an option of a Mantine Select (or the roster's filter boxes) by the field's label. The field
 * is a textbox while closed and a combobox while its list is open (a dialog may open it on focus),
 * so the locator waits for either: deciding once by counting raced a dialog still opening.
 */
export async function pickOption(page: Page, scope: Locator | Page, label: string, option: string | RegExp): Promise<void> {
  const field = scope.getByRole('combobox', { name: label, exact: true }).or(scope.getByRole('textbox', { name: label, exact: true }));
  await field.first().click();
  await page.getByRole('option', { name: option }).first().click();
}

export type WorkoutValues = { kind?: string; km?: string; duration?: string; pace?: string; rpe?: string; note?: string };

/** In the plan editor: opens a day of the grid, fills its workout, adds it. */
export async function addWorkout(page: Page, week: number, day: string, values: WorkoutValues): Promise<void> {
  await page.getByRole('button', { name: `Week ${week}, ${day}: add a workout` }).click();
  const form = page.getByRole('dialog', { name: `Week ${week}, ${day}` });
  await expect(form).toBeVisible();
  if (values.kind) await pickOption(page, form, 'Kind', values.kind);
  if (values.km !== undefined) await form.getByLabel('Distance (km)').fill(values.km);
  if (values.duration !== undefined) await form.getByLabel('Duration (h:mm)').fill(values.duration);
  if (values.pace !== undefined) await form.getByLabel('Target pace (m:ss per km)').fill(values.pace);
  if (values.rpe !== undefined) await form.getByLabel('Effort (RPE 1-10)').fill(values.rpe);
  if (values.note !== undefined) await form.getByLabel('Note').fill(values.note);
  await form.getByRole('button', { name: 'Add to plan' }).click();
  await expect(form).toBeHidden();
}

/** In the open Assign-a-plan dialog: chooses the plan and start date, assigns, and returns the outcome report. */
export async function assignInDialog(page: Page, planName: string, startDate: string): Promise<Locator> {
  const dialog = page.getByRole('dialog', { name: 'Assign a plan' });
  await expect(dialog).toBeVisible();
  await pickOption(page, dialog, 'Plan', new RegExp(`^${planName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} ·`));
  await dialog.getByLabel('Start date').fill(startDate);
  await dialog.getByRole('button', { name: 'Assign', exact: true }).click();
  const report = page.getByRole('dialog', { name: 'Plan assignment' });
  await expect(report).toBeVisible();
  return report;
}

/** Client-side navigation through the main menu (works offline, unlike page.goto). */
export async function openSection(page: Page, section: 'Roster' | 'Plans' | 'Groups'): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: section }).click();
}

/**
 * Like fixtures' newCoachPage, with more time for the first sync: on a busy machine (parallel test
 * servers) the first sync of the demo organization can take longer than the default 15 s.
 */
export async function coachPage(browser: Browser, server: AstralServer, email: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/signin`);
  await page.getByLabel('Server URL').fill(server.url);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('table', { name: 'Athletes' }).getByRole('row').nth(1)).toBeVisible({ timeout: 60_000 });
  return { context, page };
}
