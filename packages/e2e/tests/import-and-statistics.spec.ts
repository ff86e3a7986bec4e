import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from '../src/axe';
import { addTeacher, uniqueEmail } from '../src/control';
import { teacherUrl } from '../src/environment';
import { addResult, firstSignIn, resultRow } from '../src/teacher-pages';

const password = 'Chosen-Password-42';
const sizes = [
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
  { name: 'phone', viewport: { width: 375, height: 740 } },
] as const;
const onPercentScale = 'This exam is graded in percent: a number from 0 to 100 (for example 72)';
const inPercent = `${onPercentScale}, or absent.`;

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** A new teacher, signed in, on a new exam graded in percent. */
async function percentExam(page: Page, label: string, subject: string): Promise<void> {
  const { email, temporaryPassword } = await addTeacher(uniqueEmail(label), 'Rosalind Franklin');
  await firstSignIn(page, email, temporaryPassword, password);
  await page.getByLabel('Subject').fill(subject);
  await page.getByLabel('Date').fill('2026-06-12');
  await page.getByLabel('Grading').selectOption('percentage');
  await page.getByRole('button', { name: 'Create exam' }).click();
  await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible();
  await expect(page.locator('.exam-meta')).toContainText('Graded in percent.');
}

function previewRow(page: Page, line: number) {
  return page.getByRole('region', { name: 'Preview' }).getByRole('row', { name: new RegExp(`^${line} `) });
}

for (const { name, viewport } of sizes) {
  test.describe(`import and statistics (${name})`, () => {
    test.use({ viewport });

    test('the import preview refuses what the save refuses, and refused rows keep their line numbers after the import', async ({ page }) => {
      await percentExam(page, `import-${name}`, 'Chemistry');
      await page.getByText('Add many results at once').click();
      await page
        .getByLabel('Paste one result per line: student, grade')
        .fill(['student,grade', 'Ana,72', 'Ben,105', 'Cy,abc', 'Dee,-3', 'Eve,100', 'ana,80'].join('\n'));

      await expect(page.getByText('2 ready to import, 4 will not be imported (the header line is skipped).')).toBeVisible();
      await expect(previewRow(page, 2)).toContainText('Ready');
      for (const line of [3, 4, 5]) await expect(previewRow(page, line)).toContainText(inPercent);
      await expect(previewRow(page, 6)).toContainText('Ready');
      await expect(previewRow(page, 7)).toContainText('ana is also on line 2 of this import.');
      await expectNoAxeViolations(page);

      await page.getByRole('button', { name: 'Import 2 results (skip 4)' }).click();
      // the button is gone once the import ends: focus is on how it went, not lost to the page
      await expect(page.locator('.import-outcome')).toBeFocused();
      await expect(page.getByText('Imported 2 results.')).toBeVisible();
      await expect(resultRow(page, 'Ana', '72%')).toBeVisible();
      await expect(resultRow(page, 'Eve', '100%')).toBeVisible();

      // What was refused stays in the box, each row on the line the preview and the file named.
      await expect(page.getByText('0 ready to import, 4 will not be imported (the header line is skipped).')).toBeVisible();
      await expect(previewRow(page, 3)).toContainText('Ben');
      await expect(previewRow(page, 3)).toContainText(inPercent);
      await expect(previewRow(page, 5)).toContainText('Dee');
      await expect(previewRow(page, 7)).toContainText('Ana already has a result in this exam.');
      await expect(previewRow(page, 2)).toHaveCount(0);
      await expectNoSidewaysScroll(page);
    });

    test('the statistics count against a pass mark the teacher sets on the panel, and it stays with the exam', async ({ page }) => {
      await percentExam(page, `pass-mark-${name}`, 'Biology');
      await addResult(page, 'Ana', '40%');
      await addResult(page, 'Ben', '72%');
      await addResult(page, 'Cy', '55%');

      const panel = page.getByRole('region', { name: 'Statistics' });
      const figures = panel.locator('.figures');
      await expect(panel.getByText('No pass mark set, so there is no pass rate')).toBeVisible();
      await expect(figures).toContainText('Mean55.67%');
      await expect(figures).not.toContainText('Pass rate');

      await panel.getByRole('button', { name: 'Set a pass mark' }).click();
      const field = panel.getByRole('textbox', { name: 'Pass mark' });
      await expect(field).toBeFocused();
      await field.fill('B');
      await field.press('Enter');
      await expect(panel.getByRole('alert')).toContainText(`The pass mark is a grade of this exam. ${onPercentScale}.`);
      await expect(field).toHaveAttribute('aria-invalid', 'true');
      await expectNoAxeViolations(page);

      await field.fill('60');
      await panel.getByRole('button', { name: 'Save pass mark' }).click();
      await expect(panel.getByText('Pass mark: 60%')).toBeVisible();
      await expect(figures).toContainText('Pass rate33% (1 of 3)');
      // the exam as the page follows it live is whole after the write
      await expect(page.getByRole('heading', { level: 1, name: 'Biology' })).toBeVisible();
      await expect(page.locator('.exam-meta')).toContainText('Graded in percent.');
      await expect(panel.getByRole('button', { name: 'Change the pass mark' })).toBeFocused();

      await panel.getByRole('button', { name: 'Change the pass mark' }).click();
      await expect(field).toHaveValue('60%');
      await field.fill('50');
      await field.press('Enter');
      await expect(panel.getByText('Pass mark: 50%')).toBeVisible();
      await expect(figures).toContainText('Pass rate67% (2 of 3)');
      await expectNoSidewaysScroll(page);
      await expectNoAxeViolations(page);

      await page.reload();
      await expect(panel.getByText('Pass mark: 50%')).toBeVisible();
      await expect(figures).toContainText('Pass rate67% (2 of 3)');

      // a change made in another tab shows here without a reload
      const other = await page.context().newPage();
      await other.goto(page.url());
      const otherPanel = other.getByRole('region', { name: 'Statistics' });
      await otherPanel.getByRole('button', { name: 'Change the pass mark' }).click();
      await otherPanel.getByRole('textbox', { name: 'Pass mark' }).fill('');
      await otherPanel.getByRole('button', { name: 'Save pass mark' }).click();
      await expect(otherPanel.getByText('No pass mark set, so there is no pass rate')).toBeVisible();
      await expect(panel.getByText('No pass mark set, so there is no pass rate')).toBeVisible();
      await expect(figures).not.toContainText('Pass rate');
      await other.close();
    });
  });
}

test('sign-in is in the app’s blue, the show-password button sits on its field, and a lockout says sorry and to wait', async ({ page }) => {
  const { email } = await addTeacher(uniqueEmail('lockout'), 'Locked Out');
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  await page.goto(teacherUrl);
  const signIn = page.getByRole('button', { name: 'Sign in', exact: true });
  await expect(signIn).toBeVisible();
  // Amplify configures the local backend's Cognito endpoints on every page load, without saying they are custom.
  expect(warnings.filter((text) => text.includes('custom Amazon'))).toEqual([]);
  expect(await signIn.evaluate((button) => getComputedStyle(button).backgroundColor)).toBe('rgb(29, 78, 216)');
  const passwordField = page.getByLabel('Password', { exact: true });
  const field = await passwordField.boundingBox();
  const show = await page.getByRole('switch', { name: 'Show password' }).boundingBox();
  expect(show && field && Math.round(show.x - (field.x + field.width))).toBe(0);

  await page.getByLabel('Email').fill(email);
  await passwordField.fill('not-the-password');
  const alert = page.locator('[data-amplify-authenticator]').getByRole('alert');
  const sorry = alert.filter({ hasText: 'Sorry, there were too many attempts with a wrong password' });
  // Cognito locks an account for 1 s after five wrong passwords, then 2 s, 4 s, 8 s …: keep trying until it does.
  for (let attempt = 0; attempt < 12 && !(await sorry.isVisible()); attempt += 1) {
    await signIn.click();
    await expect(alert).toBeVisible();
  }
  await expect(sorry).toContainText('Wait a few minutes and try again later.');
  await expectNoAxeViolations(page);
});
