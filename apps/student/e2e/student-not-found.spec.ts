import { expect, test } from '@playwright/test';
import { newApiTeacher, written, type ApiTeacher } from '../../../packages/e2e/src/api-teacher';
import { studentUrl } from '../../../packages/e2e/src/environment';
import { expectNoReload, openExam } from '../../../packages/e2e/src/student-pages';

let teacher: ApiTeacher;

test.beforeAll(async () => {
  teacher = await newApiTeacher('not-found', 'Mr Gone');
});

test.afterAll(async () => {
  await teacher.signOut();
});

test('an exam that does not exist answers 404 with the app’s page, which leads back to the exams', async ({ page }) => {
  const response = await page.goto(`${studentUrl}/exams/no-such-exam`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'Exam not found' })).toBeVisible();
  await expect(page).toHaveTitle('Exam not found · Exam results');

  await page.getByRole('link', { name: '← All exams' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Exam results' })).toBeVisible();
});

test('an address that is no page answers 404 with the app’s page, which leads back to the exams', async ({ page }) => {
  const response = await page.goto(`${studentUrl}/no/such/page`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expect(page).toHaveTitle('Page not found · Exam results');
  await expect(page.locator('link[rel="stylesheet"]')).not.toHaveCount(0);

  await page.getByRole('link', { name: '← All exams' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Exam results' })).toBeVisible();
});

test('an exam its teacher deletes while its page is open says so in place', async ({ page }) => {
  const exam = written(await teacher.client.models.Exam.create({ subject: 'Vanishing vectors', date: '2026-07-04', teacher: 'Mr Gone' }));
  await openExam(page, exam.id, 'Vanishing vectors');

  written(await teacher.client.models.Exam.delete({ id: exam.id }));
  await expect(page.getByRole('heading', { level: 1, name: 'Exam not found' })).toBeVisible();
  await expect(page.getByText('its teacher removed it')).toBeVisible();
  await expectNoReload(page);
});
