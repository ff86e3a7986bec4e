import { expect, test } from '@playwright/test';
import { addTeacher, uniqueEmail } from '../src/control';
import { teacherUrl } from '../src/environment';
import { firstSignIn } from '../src/teacher-pages';

test('signing out by keyboard says so and leaves the focus there, the email field next; a first visit says nothing of it', async ({ page }) => {
  const { email, temporaryPassword } = await addTeacher(uniqueEmail('sign-out'), 'Tim Berners-Lee');
  await firstSignIn(page, email, temporaryPassword, 'Chosen-Password-42');

  await page.getByRole('button', { name: 'Sign out' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator(':focus')).toHaveText('You have signed out. Teachers sign in here.');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Email')).toBeFocused();

  await page.reload();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByText('You have signed out')).toHaveCount(0);
});

test('choosing a password, at the first sign-in and on a reset, says what it needs before the first try', async ({ page }) => {
  // amplify/backend.ts: at least 10 characters, lowercase, uppercase and numbers.
  const rules = 'At least 10 characters, with a lowercase letter, a capital letter and a number.';
  const { email, temporaryPassword } = await addTeacher(uniqueEmail('password-rules'), 'Hedy Lamarr');
  await page.goto(teacherUrl);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(temporaryPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Change Password' })).toBeVisible();
  await expect(page.getByText(rules)).toBeVisible();
  await page.getByLabel('Password', { exact: true }).fill('Chosen-Password-42');
  await page.getByLabel('Confirm Password').fill('Chosen-Password-42');
  await page.getByRole('button', { name: 'Change Password' }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();

  // Cognito resets only a password the teacher has chosen.
  await page.getByRole('button', { name: 'Forgot your password?' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(page.getByRole('heading', { name: 'Reset Password' })).toBeVisible();
  await expect(page.getByText(rules)).toBeVisible();
});
