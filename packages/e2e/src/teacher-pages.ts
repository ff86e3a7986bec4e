import { expect, type Page } from '@playwright/test';
import { teacherUrl } from './environment';

/** Signs in through the Authenticator with the temporary password and chooses `password`. */
export async function firstSignIn(page: Page, email: string, temporaryPassword: string, password: string): Promise<void> {
  await page.goto(teacherUrl);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(temporaryPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Change Password' })).toBeVisible();
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Confirm Password').fill(password);
  await page.getByRole('button', { name: 'Change Password' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your exams' })).toBeVisible();
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto(teacherUrl);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your exams' })).toBeVisible();
}

/** Creates an exam from the exam list and returns its id, read from the exam page's URL. */
export async function createExam(page: Page, subject: string, date: string): Promise<string> {
  await page.getByLabel('Subject').fill(subject);
  await page.getByLabel('Date').fill(date);
  await page.getByRole('button', { name: 'Create exam' }).click();
  await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible();
  const id = /\/exams\/([^/?#]+)/.exec(page.url())?.[1];
  if (!id) throw new Error(`no exam id in ${page.url()}`);
  return id;
}

/** Adds a result with the keyboard, as a teacher would, and waits until the backend has it. */
export async function addResult(page: Page, student: string, grade: string): Promise<void> {
  const studentField = page.getByRole('textbox', { name: 'Student', exact: true });
  await studentField.fill(student);
  await page.getByRole('textbox', { name: 'Grade', exact: true }).fill(grade);
  await page.keyboard.press('Enter');
  await expect(studentField).toBeFocused();
  await expect(resultRow(page, student, grade)).toBeVisible();
  await expect(resultsGrid(page).getByText('Saving…')).toHaveCount(0);
}

/** The exam page's results: a grid whose last row enters a new result. */
export function resultsGrid(page: Page) {
  return page.getByRole('grid', { name: 'Results' });
}

export function resultRow(page: Page, student: string, grade: string) {
  return resultsGrid(page).getByRole('row', { name: new RegExp(`^${student} ${grade}`) });
}
