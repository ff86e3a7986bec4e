import { expect, test } from '@playwright/test';
import { addTeacher, uniqueEmail } from '../../../packages/e2e/src/control';
import { teacherUrl } from '../../../packages/e2e/src/environment';

test('a teacher created by the CLI signs in for the first time, sets a password, creates an exam and adds three results that are still there after a reload', async ({
  page,
}) => {
  const { email, temporaryPassword } = await addTeacher(uniqueEmail('first-sign-in'), 'Grace Hopper');
  const password = 'Chosen-Password-42';

  await page.goto(teacherUrl);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(temporaryPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page.getByRole('heading', { name: 'Change Password' })).toBeVisible();
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Confirm Password').fill(password);
  await page.getByRole('button', { name: 'Change Password' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Your exams' })).toBeVisible();
  await expect(page.getByText('No exams yet — create your first one above.')).toBeVisible();
  await expect(page.getByLabel('Teacher')).toHaveValue('Grace Hopper');
  await page.getByLabel('Subject').fill('Astronomy');
  await page.getByLabel('Date').fill('2026-06-15');
  await page.getByRole('button', { name: 'Create exam' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Astronomy' })).toBeVisible();
  const studentField = page.getByRole('textbox', { name: 'Student', exact: true });
  const results = page.getByRole('table', { name: 'Results' });
  const entries = [
    ['Ada Lovelace', 'A-'],
    ['Alan Turing', '17/20'],
    ['Katherine Johnson', 'pass'],
  ] as const;

  // keyboard only: type the name, Tab to the grade, Enter adds and puts the cursor back on the name
  await studentField.focus();
  for (const [student, grade] of entries) {
    await page.keyboard.type(student);
    await page.keyboard.press('Tab');
    await page.keyboard.type(grade);
    await page.keyboard.press('Enter');
    await expect(studentField).toBeFocused();
    await expect(studentField).toHaveValue('');
    await expect(results.getByRole('row', { name: new RegExp(`^${student} ${grade}`) })).toBeVisible();
  }
  await expect(results.getByText('Saving…')).toHaveCount(0);

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Astronomy' })).toBeVisible();
  for (const [student, grade] of entries) {
    await expect(results.getByRole('row', { name: new RegExp(`^${student} ${grade}`) })).toBeVisible();
  }
  await expect(results.getByRole('row')).toHaveCount(entries.length + 1);
});
