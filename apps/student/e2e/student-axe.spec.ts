import { expect, test } from '@playwright/test';
import { newApiTeacher, written, type ApiTeacher } from '../../../packages/e2e/src/api-teacher';
import { expectNoAxeViolations } from '../../../packages/e2e/src/axe';
import { studentUrl } from '../../../packages/e2e/src/environment';
import { connectionState, studentRow } from '../../../packages/e2e/src/student-pages';

let teacher: ApiTeacher;
let examId: string;

test.beforeAll(async () => {
  teacher = await newApiTeacher('axe', 'Ms Access');
  const exam = written(await teacher.client.models.Exam.create({ subject: 'Accessible art', date: '2026-07-05', teacher: 'Ms Access' }));
  for (const [student, grade] of [['Ada', 'A'], ['Bob', '15/20'], ['Cy', 'pass']] as const) {
    written(await teacher.client.models.Result.create({ examId: exam.id, student, grade }));
  }
  examId = exam.id;
});

test.afterAll(async () => {
  await teacher.signOut();
});

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 375, height: 740 },
]) {
  test(`every student page has no axe violation at ${viewport.width} px`, async ({ browser }) => {
    // Five axe scans, one of them of a list holding every test's exams: 39–54 s on a busy two-core machine.
    test.slow();
    const page = await (await browser.newContext({ viewport })).newPage();

    await page.goto(studentUrl);
    await expect(connectionState(page)).toHaveText('Live');
    await expectNoAxeViolations(page);

    await page.goto(`${studentUrl}/exams/${examId}`);
    await expect(connectionState(page)).toHaveText('Live');
    await expect(studentRow(page, 'Ada', 'A')).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByText('Chart as a table').click();
    await expectNoAxeViolations(page);

    await page.goto(`${studentUrl}/exams/no-such-exam`);
    await expect(page.getByRole('heading', { level: 1, name: 'Exam not found' })).toBeVisible();
    await expectNoAxeViolations(page);

    await page.goto(`${studentUrl}/no/such/page`);
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    await expectNoAxeViolations(page);
  });
}
