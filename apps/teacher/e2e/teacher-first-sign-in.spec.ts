import { expect, test } from '@playwright/test';
import { addTeacher, uniqueEmail } from '../../../packages/e2e/src/control';
import { createExam, firstSignIn, resultRow, resultsGrid } from '../../../packages/e2e/src/teacher-pages';

test('a teacher created by the CLI signs in for the first time, sets a password, creates an exam and adds three results that are still there after a reload', async ({
  page,
}) => {
  const identityCalls: string[] = [];
  page.on('request', (request) => {
    const target = request.headers()['x-amz-target'];
    if (target?.startsWith('AWSCognitoIdentityService.')) identityCalls.push(target.slice('AWSCognitoIdentityService.'.length));
  });
  const { email, temporaryPassword } = await addTeacher(uniqueEmail('first-sign-in'), 'Grace Hopper');
  await firstSignIn(page, email, temporaryPassword, 'Chosen-Password-42');

  await expect(page.getByText('No exams yet — create your first one above.')).toBeVisible();
  await expect(page.getByLabel('Teacher')).toHaveValue('Grace Hopper');
  await createExam(page, 'Astronomy', '2026-06-15');

  const studentField = page.getByRole('textbox', { name: 'Student', exact: true });
  const entries = [
    ['Ada Lovelace', 'A-'],
    ['Alan Turing', '17/20'],
    ['Katherine Johnson', 'pass'],
  ] as const;
  // keyboard only: the page starts in the student field; Tab to the grade, Enter adds and goes back
  await expect(studentField).toBeFocused();
  for (const [student, grade] of entries) {
    await page.keyboard.type(student);
    await page.keyboard.press('Tab');
    await page.keyboard.type(grade);
    await page.keyboard.press('Enter');
    await expect(studentField).toBeFocused();
    await expect(studentField).toHaveValue('');
    await expect(resultRow(page, student, grade)).toBeVisible();
  }
  const results = resultsGrid(page);
  await expect(results.getByText('Saving…')).toHaveCount(0);

  // Signing in asks for the teacher's identity (and maybe a guest one before it); a page load
  // after it asks once, whatever number of requests the page makes at once.
  expect(identityCalls.filter((call) => call === 'GetId').length).toBeLessThanOrEqual(2);
  identityCalls.splice(0);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Astronomy' })).toBeVisible();
  for (const [student, grade] of entries) await expect(resultRow(page, student, grade)).toBeVisible();
  // the header, the results, and the row for a new one
  await expect(results.getByRole('row')).toHaveCount(entries.length + 2);
  expect(identityCalls.sort()).toEqual(['GetCredentialsForIdentity', 'GetId']);
});
