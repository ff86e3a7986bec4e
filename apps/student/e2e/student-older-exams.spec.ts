import { expect, test, type Response } from '@playwright/test';
import { newApiTeacher, written, type ApiTeacher } from '../../../packages/e2e/src/api-teacher';
import { studentUrl } from '../../../packages/e2e/src/environment';
import { connectionState } from '../../../packages/e2e/src/student-pages';

let teacher: ApiTeacher;

test.beforeAll(async () => {
  teacher = await newApiTeacher('older-exams', 'Ms Archive');
});

test.afterAll(async () => {
  await teacher.signOut();
});

test('"Show older exams" by keyboard leaves the focus on the first exam it added, to the last page', async ({ page }) => {
  // More than a page of exams older than any other test's, so that they come last, on the list's last pages; each
  // on a date of its own, so that a page's exams follow the ones shown before it.
  const archived = await Promise.all(
    Array.from({ length: 21 }, async (_, n) =>
      written(await teacher.client.models.Exam.create({ subject: `Archived astronomy ${n}`, date: `1990-01-${String(n + 1).padStart(2, '0')}`, teacher: 'Ms Archive' })),
    ),
  );
  await page.goto(studentUrl);
  await expect(connectionState(page)).toHaveText('Live');
  const links = page.locator('a.exam-link');
  const button = page.getByRole('button', { name: /older exams/ });

  const shownIds = () => links.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-exam-id') ?? ''));
  // The older pages the button reads (with a nextToken), as the server answered them.
  const olderPages: Response[] = [];
  page.on('response', (response) => {
    const body = response.request().postDataJSON() as { query?: string; variables?: { nextToken?: string | null } } | null;
    if (body?.query?.includes('listExamsByDate') && body.variables?.nextToken) olderPages.push(response);
  });
  let pages = 0;
  while (await button.isVisible()) {
    const before = olderPages.length;
    await button.focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('a.exam-link:focus')).toHaveCount(1);
    const answer = olderPages.length > before ? ((await olderPages.at(-1)?.json()) as { data: { listExamsByDate: { items: { id: string }[] } } }) : undefined;
    const added = new Set(answer?.data.listExamsByDate.items.map((item) => item.id));
    // The first of them in the list (exams of one date can fall among those shown already), else the last exam.
    const shown = await shownIds();
    const focused = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.examId);
    expect(focused).toBe(shown.find((id) => added.has(id)) ?? shown.at(-1));
    pages += 1;
    expect(pages).toBeLessThan(50);
  }

  for (const exam of archived) await expect(page.locator(`a[data-exam-id="${exam.id}"]`)).toHaveCount(1);
  // The last page holds only archived exams (fewer than 21), and the one before its first is archived too.
  await expect(page.locator('a.exam-link:focus')).toContainText('Archived astronomy');
  await page.keyboard.press('Shift+Tab');
  await expect(page.locator('a.exam-link:focus')).toContainText('Archived astronomy');
});
