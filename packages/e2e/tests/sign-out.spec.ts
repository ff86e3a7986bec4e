import { expect, test } from '@playwright/test';
import { addTeacher, uniqueEmail } from '../src/control';
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
