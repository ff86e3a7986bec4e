import { expect, test } from '@playwright/test';
import type { Schema } from '@exam-results/amplify/data/resource';
import { generateClient } from 'aws-amplify/data';
import { newApiTeacher, written } from '../src/api-teacher';
import { expectNoAxeViolations } from '../src/axe';
import { uniqueEmail } from '../src/control';
import { e2ePorts } from '../src/environment';

// The developer console the e2e backend serves at its root URL, driven as a developer would in Chromium.
const consoleUrl = `http://127.0.0.1:${e2ePorts.backend}/`;

test('the console adds and disables a teacher, edits an exam, and shows a guest read and an Unauthorized write with the generated function that decided', async ({ page }) => {
  const owner = await newApiTeacher('console-owner', 'Console Owner');
  const subject = `Console geology ${Date.now()}`;
  const exam = written(await owner.client.models.Exam.create({ subject, date: '2026-12-01', teacher: 'Console Owner' }));
  await owner.signOut();

  await page.goto(consoleUrl);
  await expect(page.getByRole('heading', { level: 1, name: 'Local backend console' })).toBeVisible();

  // Teachers: add one with a generated temporary password, see it listed, disable it.
  const email = uniqueEmail('console-added');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Name', { exact: true }).fill('Added By Console');
  await page.getByRole('button', { name: 'Add teacher' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Added ${email}, temporary password: ` })).toBeVisible();
  const teachers = page.getByRole('table', { name: 'Teachers in the user pool' });
  const row = teachers.getByRole('row').filter({ hasText: email });
  await expect(row.getByRole('cell', { name: 'FORCE_CHANGE_PASSWORD' })).toBeVisible();
  await row.getByRole('button', { name: `Disable ${email}` }).click();
  await expect(row.getByRole('button', { name: `Enable ${email}` })).toBeVisible();
  await expect(row.getByRole('cell', { name: 'no', exact: true })).toBeVisible();

  // Data: find the exam among the Exam items and edit its subject.
  await page.getByLabel('Filter').fill(subject);
  await page.getByLabel('Model').selectOption('Exam');
  const items = page.getByRole('table', { name: /^Exam items/ });
  await items.getByRole('button', { name: `Edit Exam ${exam.id}` }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit item' });
  const json = dialog.getByLabel('Item (JSON)');
  const item = JSON.parse(await json.inputValue()) as Record<string, unknown>;
  const edited = `${subject} (edited)`;
  await json.fill(JSON.stringify({ ...item, subject: edited }, null, 2));
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `Saved Exam ${exam.id}.` })).toBeVisible();
  await expect(items.getByRole('cell', { name: edited })).toBeVisible();

  // A guest, through the real client: the read sees the edit, the write is refused.
  const guest = generateClient<Schema>({ authMode: 'identityPool' });
  expect((await guest.models.Exam.get({ id: exam.id })).data?.subject).toBe(edited);
  const refused = await guest.models.Exam.create({ subject: 'Not allowed', date: '2026-12-01', teacher: 'Guest' });
  expect((refused.errors?.[0] as { errorType?: string } | undefined)?.errorType).toBe('Unauthorized');

  const requests = page.getByRole('table', { name: 'The last 500 requests, newest first' });
  const read = requests.getByRole('row').filter({ hasText: 'query getExam' }).filter({ hasText: 'guest' }).first();
  await expect(read).toContainText('allowed');
  await expect(read).toContainText('Query.getExam: allowed by QuerygetExamauth0Function');
  const write = requests.getByRole('row').filter({ hasText: 'mutation createExam' }).filter({ hasText: 'guest' }).first();
  await expect(write).toContainText('Unauthorized');
  await expect(write).toContainText('Mutation.createExam: refused by MutationcreateExamauth0Function');

  // The request table holds the last 500 requests of every test sharing the backend (and the teacher
  // table every test's teacher), and gains rows while axe runs: a scan of them all took over 25 s on a
  // busy machine, as long as the other tests' traffic made it. Their first 20 rows show each kind of row.
  await expectNoAxeViolations(page, { exclude: ['#requests-table tbody tr:nth-child(n+21)', '#teachers-table tbody tr:nth-child(n+21)'] });
});

test('the console shows the items of the filter last typed, even when an earlier read answers after it', async ({ page }) => {
  const owner = await newApiTeacher('console-latest', 'Console Latest');
  const subject = `Console latest ${Date.now()}`;
  const exam = written(await owner.client.models.Exam.create({ subject, date: '2026-12-01', teacher: 'Console Latest' }));
  // Another exam, so that a read without the filter has more to show, whatever other tests wrote.
  written(await owner.client.models.Exam.create({ subject: 'Console other', date: '2026-12-01', teacher: 'Console Latest' }));
  await owner.signOut();
  await page.goto(consoleUrl);
  await page.getByLabel('Model').selectOption('Exam');
  const items = page.getByRole('table', { name: /^Exam items/ });
  await expect(items).toBeVisible();

  // From now on a read without a filter answers a second and a half late.
  const unfiltered = (url: string) => url.includes('/console/api/items?') && !new URL(url).searchParams.get('filter');
  await page.route((url) => unfiltered(url.href), async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  const lateAnswer = page.waitForResponse((response) => unfiltered(response.url()));
  await page.getByRole('button', { name: 'Refresh' }).click();
  await page.getByLabel('Filter').fill(subject);
  await expect(items.getByRole('button', { name: `Edit Exam ${exam.id}` })).toBeVisible();
  await lateAnswer;
  // The late answer is in the page; it had every exam, and would have replaced the one row.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 250)));
  await expect(items.locator('tbody tr')).toHaveCount(1);
  await expect(items.getByRole('button', { name: `Edit Exam ${exam.id}` })).toBeVisible();
});
