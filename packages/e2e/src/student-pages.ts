import { expect, type Locator, type Page } from '@playwright/test';
import { studentUrl } from './environment';

export async function openExam(page: Page, examId: string, subject: string): Promise<void> {
  await page.goto(`${studentUrl}/exams/${examId}`);
  await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible();
  await expect(connectionState(page)).toHaveText('Live');
  // A mark on this very document: still there at the end means the page was never reloaded.
  await page.evaluate(() => Object.assign(window, { sameDocument: true }));
}

export async function expectNoReload(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument)).toBe(true);
}

export function connectionState(page: Page) {
  return page.locator('p.connection[role="status"]');
}

export function studentRow(page: Page, student: string, grade?: string) {
  return page.getByRole('table').getByRole('row', { name: grade === undefined ? new RegExp(`^${student} `) : `${student} ${grade}` });
}

/**
 * The card of the exam named `subject` on the student list (open, with JavaScript), showing older
 * exams until it is there: the list shows 20 exams at a time, newest first, and every test's exams
 * are on it, so other tests' exams dated later can fill the first page.
 */
export async function examCard(page: Page, subject: string | RegExp): Promise<Locator> {
  const card = page.getByRole('link', { name: subject });
  const older = page.getByRole('button', { name: 'Show older exams' });
  await expect(page.getByRole('list', { name: 'Exams, newest first' })).toBeVisible();
  for (let shown = 0; shown < 50 && (await card.count()) === 0 && (await older.isVisible()); shown++) {
    await older.click();
    await expect(page.getByRole('button', { name: 'Loading older exams…' })).toHaveCount(0);
  }
  await expect(card).toBeVisible();
  return card;
}
