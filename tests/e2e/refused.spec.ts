import { test, expect, newCoachPage, apiLogin, HEAD_COACH } from './fixtures';
import { editForm, openAthlete } from './helpers';

type Coach = { id: string; email: string; first_name: string; last_name: string; role: string };
type ApiAthlete = { id: string; coach_ids: string[] };

test('an edit the server refuses is reported with its reason and the athlete returns to the server version', async ({ browser, server }) => {
  const head = await apiLogin(server, HEAD_COACH);
  const coaches = ((await head.call('GET', '/coaches')).body as { data: Coach[] }).data;
  const coach1 = coaches.find((c) => c.email === 'coach1@demo.local')!;
  const coach2 = coaches.find((c) => c.email === 'coach2@demo.local')!;
  const athlete = ((await head.call('GET', '/athletes?limit=50')).body as { data: ApiAthlete[] }).data.find((a) => a.coach_ids.length === 0)!;
  expect(athlete).toBeTruthy();

  const a = await newCoachPage(browser, server, HEAD_COACH);
  await openAthlete(a.page, server.url, athlete.id);
  await a.context.setOffline(true);

  // Offline, the head coach assigns coach 2 to the athlete.
  await a.page.getByRole('button', { name: 'Edit', exact: true }).click();
  const form = editForm(a.page);
  await form.getByLabel('Assigned coaches').click();
  await a.page.getByRole('option', { name: `${coach2.first_name} ${coach2.last_name}` }).click();
  await form.getByLabel('Assigned coaches').press('Escape');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toBeHidden();
  await expect(a.page.getByText(`${coach2.first_name} ${coach2.last_name}`).first()).toBeVisible();

  // Meanwhile, from another device, the head coach hands the role to coach 1.
  const handed = await head.call('PATCH', `/coaches/${coach1.id}`, { role: 'head_coach' });
  expect(handed.status).toBe(200);

  // Back online: the assignment is refused, the coach is told why, the local copy is the server's again.
  await a.context.setOffline(false);
  await expect(a.page.getByText(/refused: Only the head coach can change assigned coaches/i).first()).toBeVisible({ timeout: 30_000 });
  await expect(a.page.getByText('Unassigned').first()).toBeVisible();
  expect(((await head.call('GET', `/athletes/${athlete.id}`)).body as ApiAthlete).coach_ids).toEqual([]);
  // And the control that would fail is gone now that the role changed.
  await a.page.getByRole('button', { name: 'Edit', exact: true }).click();
  await expect(editForm(a.page).getByLabel('Assigned coaches')).toHaveCount(0);
  await a.context.close();
});
