import { expect, type Page, type Locator } from '@playwright/test';

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
  await expect(page.getByRole('button', { name: 'Edit' })).toBeVisible();
}

/** Opens the edit form, fills what is given, saves. */
export async function editAthlete(page: Page, values: EditValues): Promise<void> {
  await page.getByRole('button', { name: 'Edit' }).click();
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
