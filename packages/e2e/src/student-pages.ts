import { expect, type Page } from '@playwright/test';
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
