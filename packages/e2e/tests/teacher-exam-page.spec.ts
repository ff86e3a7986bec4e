import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { addTeacher, uniqueEmail } from '../src/control';
import { studentUrl, teacherUrl } from '../src/environment';
import { studentRow } from '../src/student-pages';
import { addResult, createExam, firstSignIn, resultRow, resultsGrid } from '../src/teacher-pages';

const password = 'Chosen-Password-42';
const sizes = [
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
  { name: 'phone', viewport: { width: 375, height: 740 } },
] as const;

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

async function expectNoAxeViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map(({ id, nodes }) => `${id}: ${nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Adds a result with a full name, as a teacher would: Student, Grade, then the optional full name. */
async function addNamedResult(page: Page, student: string, grade: string, fullName: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Student', exact: true }).fill(student);
  await page.getByRole('textbox', { name: 'Grade', exact: true }).fill(grade);
  await page.getByRole('textbox', { name: 'Full name (only you)' }).fill(fullName);
  await page.keyboard.press('Enter');
}

for (const { name, viewport } of sizes) {
  test.describe(`the teacher's exam page (${name})`, () => {
    test.use({ viewport });

    test('grading in points, private full names, statistics, and the student page shared by link and QR code', async ({ browser }) => {
      // Three axe scans and two browsers on top of a first sign-in: 52–63 s on a busy two-core machine
      // (beside `next dev` compiling for teacher-dev-server.spec.ts), over the 60 s a test has.
      test.slow();
      const { email, temporaryPassword } = await addTeacher(uniqueEmail(`exam-page-${name}`), 'Mary Somerville');
      const context = await browser.newContext({ viewport, permissions: ['clipboard-read', 'clipboard-write'] });
      const teacher = await context.newPage();
      await firstSignIn(teacher, email, temporaryPassword, password);
      await expectNoAxeViolations(teacher);

      await teacher.getByLabel('Subject').fill('Optics');
      await teacher.getByLabel('Date').fill('2026-06-10');
      await teacher.getByLabel('Grading').selectOption('points');
      await teacher.getByLabel('Out of (points)').fill('20');
      await teacher.getByRole('button', { name: 'Create exam' }).click();
      await expect(teacher.getByRole('heading', { level: 1, name: 'Optics' })).toBeVisible();
      const examId = /\/exams\/([^/?#]+)/.exec(teacher.url())?.[1] ?? '';
      await expect(teacher.locator('.exam-meta')).toContainText('Graded in points, out of 20.');

      await addNamedResult(teacher, 'C-01', '25', 'Caroline Herschel');
      await expect(teacher.getByRole('alert').filter({ hasText: 'This exam is graded in points: a number from 0 to 20' })).toBeVisible();
      await teacher.getByRole('textbox', { name: 'Grade', exact: true }).fill('14');
      await teacher.keyboard.press('Enter');
      await expect(resultRow(teacher, 'C-01', '14/20')).toBeVisible();
      await addNamedResult(teacher, 'C-02', '17', 'William Herschel');
      await expect(resultRow(teacher, 'C-02', '17/20')).toBeVisible();
      await expect(resultsGrid(teacher).getByText('Saving…')).toHaveCount(0);
      // the live events carry no full name: the page keeps the ones it wrote
      await expect(resultRow(teacher, 'C-01', '14/20')).toContainText('Caroline Herschel');
      await expect(resultRow(teacher, 'C-02', '17/20')).toContainText('William Herschel');

      const figures = teacher.locator('.figures');
      await expect(figures).toContainText('Mean15.5/20');
      await expect(figures).toContainText('Median15.5/20');
      // no pass mark set, so no pass rate (import-and-statistics.spec.ts sets one)
      await expect(figures).not.toContainText('Pass rate');

      const url = `${studentUrl}/exams/${examId}`;
      await expect(teacher.getByText('Anyone with this link can read it, without signing in')).toBeVisible();
      await expect(teacher.getByRole('link', { name: 'Open student page' })).toHaveAttribute('href', url);
      await teacher.getByRole('button', { name: 'Copy link' }).click();
      await expect(teacher.getByText('Link copied.')).toBeVisible();
      expect(await teacher.evaluate(() => navigator.clipboard.readText())).toBe(url);
      await teacher.getByText('Preview what students see').click();
      const preview = teacher.getByRole('table', { name: 'What students see' });
      await expect(preview.getByRole('row', { name: 'C-01 14/20' })).toBeVisible();
      await expect(preview).not.toContainText('Herschel');
      await expectNoSidewaysScroll(teacher);
      await expectNoAxeViolations(teacher);

      await teacher.getByRole('button', { name: 'Show QR code' }).click();
      const dialog = teacher.getByRole('dialog', { name: 'Optics: scan for the results' });
      await expect(dialog.getByRole('img', { name: `QR code of ${url}` })).toBeVisible();
      await expectNoAxeViolations(teacher);
      await dialog.getByRole('button', { name: 'Close' }).click();
      await expect(dialog).toHaveCount(0);

      const student = await (await browser.newContext({ viewport })).newPage();
      await student.goto(url);
      await expect(studentRow(student, 'C-01', '14/20')).toBeVisible();
      await expect(studentRow(student, 'C-02', '17/20')).toBeVisible();
      expect(await student.content()).not.toContain('Herschel');
      await expectNoSidewaysScroll(student);
    });

    test('the longest values the API accepts never push the page sideways', async ({ browser }) => {
      const { email, temporaryPassword } = await addTeacher(uniqueEmail(`long-${name}`), 'Long Names');
      const teacher = await (await browser.newContext({ viewport })).newPage();
      await firstSignIn(teacher, email, temporaryPassword, password);
      const subject = `Long${'x'.repeat(116)}`;
      await teacher.getByLabel('Subject').fill(`${subject}and more that the field cuts off`);
      await expect(teacher.getByLabel('Subject')).toHaveValue(subject);
      await teacher.getByLabel('Date').fill('2026-06-11');
      await teacher.getByRole('button', { name: 'Create exam' }).click();
      await expect(teacher.getByRole('heading', { level: 1, name: subject })).toBeVisible();
      const student = 'S'.repeat(60);
      // typing stops at the limit, and says so
      await teacher.getByRole('textbox', { name: 'Student', exact: true }).fill(`${student}-more`);
      await expect(teacher.getByText('No characters left: the name students see is at most 60.')).toBeVisible();
      await addNamedResult(teacher, student, 'G'.repeat(20), 'F'.repeat(120));
      await expect(resultsGrid(teacher).getByRole('row', { name: new RegExp(`^${student} `) })).toBeVisible();
      await expect(resultsGrid(teacher).getByText('Saving…')).toHaveCount(0);
      await expectNoSidewaysScroll(teacher);
      await teacher.goto(teacherUrl);
      await expect(teacher.getByRole('link', { name: subject })).toBeVisible();
      await expectNoSidewaysScroll(teacher);
    });

    test('deleting an exam with results removes them and the exam from an open student page', async ({ browser }) => {
      const { email, temporaryPassword } = await addTeacher(uniqueEmail(`delete-${name}`), 'Emmy Noether');
      const teacher = await (await browser.newContext({ viewport })).newPage();
      await firstSignIn(teacher, email, temporaryPassword, password);
      const examId = await createExam(teacher, 'Rings', '2026-05-02');
      await addResult(teacher, 'Ana', 'A');
      await addResult(teacher, 'Ben', 'B');

      const student = await (await browser.newContext({ viewport })).newPage();
      await student.goto(`${studentUrl}/exams/${examId}`);
      await expect(studentRow(student, 'Ana', 'A')).toBeVisible();

      await teacher.goto(teacherUrl);
      // counted before the dialog opens, so its Delete button is enabled from the start
      await expect(teacher.getByRole('listitem').filter({ hasText: 'Rings' })).toContainText('2 results');
      await teacher.getByRole('button', { name: /^Delete Rings/ }).click();
      const dialog = teacher.getByRole('dialog', { name: 'Delete Rings?' });
      await expect(dialog).toContainText('has 2 results');
      await expect(dialog.getByRole('button', { name: 'Cancel' }), 'Enter on a dialog just opened must not delete').toBeFocused();
      await expectNoAxeViolations(teacher);
      await dialog.getByRole('button', { name: 'Delete exam and results' }).click();
      await expect(teacher.getByRole('link', { name: 'Rings' })).toHaveCount(0);
      await expect(teacher.getByRole('heading', { level: 2, name: 'Exams' }), 'focus is not lost with the exam').toBeFocused();
      await expect(teacher.getByText('No exams yet — create your first one above.')).toBeVisible();

      await expect(student.getByRole('heading', { level: 1, name: 'Exam not found' })).toBeVisible();
      await expect(studentRow(student, 'Ana')).toHaveCount(0);
    });
  });
}

test('the sign-in page has no accessibility violations, on a desktop and on a phone', async ({ browser }) => {
  for (const { viewport } of sizes) {
    const page = await (await browser.newContext({ viewport })).newPage();
    await page.goto(teacherUrl);
    await expect(page.getByRole('heading', { level: 1, name: 'Exam Results' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await expectNoAxeViolations(page);
    await expectNoSidewaysScroll(page);
  }
});
