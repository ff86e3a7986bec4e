import { expect, test, type Page } from '@playwright/test';
import { addTeacher, uniqueEmail } from '../src/control';
import { studentUrl, teacherUrl } from '../src/environment';
import { studentRow } from '../src/student-pages';
import { resultRow, resultsGrid } from '../src/teacher-pages';

// A phone held upright; 640 CSS pixels is also what a 1280-pixel window shows at 200% zoom.
test.use({ viewport: { width: 375, height: 740 }, hasTouch: true });

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

async function expectVisibleFocus(page: Page): Promise<void> {
  const outline = await page.evaluate(() => {
    const style = document.activeElement ? getComputedStyle(document.activeElement) : undefined;
    return style ? { width: parseFloat(style.outlineWidth), style: style.outlineStyle, shadow: style.boxShadow } : undefined;
  });
  expect(outline && ((outline.style !== 'none' && outline.width > 0) || outline.shadow !== 'none')).toBe(true);
}

test('on a phone, a teacher signs in, creates an exam, adds a result and corrects its grade with the keyboard alone', async ({ page }) => {
  const { email, temporaryPassword } = await addTeacher(uniqueEmail('phone'), 'Phone Teacher');
  const password = 'Chosen-Password-42';
  await page.goto(teacherUrl);
  await page.getByLabel('Email').focus();
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(temporaryPassword);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Change Password' })).toBeVisible();
  await page.getByLabel('Password', { exact: true }).focus();
  await page.keyboard.type(password);
  await page.getByLabel('Confirm Password').focus();
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Your exams' })).toBeVisible();
  await expectNoSidewaysScroll(page);

  await page.getByLabel('Subject').focus();
  await expectVisibleFocus(page);
  await page.keyboard.type('Pocket physics');
  await page.getByLabel('Date').fill('2026-03-02');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Pocket physics' })).toBeVisible();

  const studentField = page.getByRole('textbox', { name: 'Student', exact: true });
  await expect(studentField).toBeFocused();
  await page.keyboard.type('Lise Meitner');
  await page.keyboard.press('Tab');
  await expectVisibleFocus(page);
  await page.keyboard.type('18/20');
  await page.keyboard.press('Enter');
  await expect(resultRow(page, 'Lise Meitner', '18/20')).toBeVisible();
  await expect(studentField).toBeFocused();
  await expectNoSidewaysScroll(page);

  // back into the grid: its tab stop is the first grade; typing replaces it, Enter saves and moves down
  await page.keyboard.press('Shift+Tab');
  await expect(resultRow(page, 'Lise Meitner', '18/20').getByRole('gridcell', { name: '18/20' })).toBeFocused();
  await expectVisibleFocus(page);
  await page.keyboard.type('19/20');
  await page.keyboard.press('Enter');
  await expect(resultRow(page, 'Lise Meitner', '19/20')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Grade', exact: true })).toBeFocused();
  await expect(resultsGrid(page).getByText('Saving…')).toHaveCount(0);
  await expectNoSidewaysScroll(page);

  const examPath = new URL(page.url()).pathname;
  const student = await (await page.context().browser()?.newContext({ viewport: { width: 375, height: 740 } }))?.newPage();
  if (!student) throw new Error('no second page');
  await student.goto(`${studentUrl}${examPath}`);
  await expect(studentRow(student, 'Lise Meitner', '19/20')).toBeVisible();
  await expectNoSidewaysScroll(student);
  await student.getByLabel('Search students').focus();
  await expectVisibleFocus(student);
  await student.keyboard.type('nobody');
  await expect(studentRow(student, 'Lise Meitner')).toHaveCount(0);
  await student.keyboard.press('Control+A');
  await student.keyboard.press('Backspace');
  await expect(studentRow(student, 'Lise Meitner', '19/20')).toBeVisible();
  await expectNoSidewaysScroll(student);
});
