import { expect, test } from '@playwright/test';
import { formatReleaseTime } from '@exam-results/web-shell/school-time';
import { newApiTeacher, written, type ApiTeacher } from '../../../packages/e2e/src/api-teacher';
import { studentUrl } from '../../../packages/e2e/src/environment';
import { connectionState, examCard, expectNoReload } from '../../../packages/e2e/src/student-pages';

let teacher: ApiTeacher;

test.beforeAll(async () => {
  teacher = await newApiTeacher('list-release', 'Ms Clock');
});

test.afterAll(async () => {
  await teacher.signOut();
});

// Only the page's clock moves: the list reads no result, so the backend's clock (shared by every test) stays as it is.
test('an open exam list says when results come, and says they are released once that time passes, with no reload and no request', async ({ page }) => {
  // A whole minute two to three minutes ahead: within the five minutes SigV4 allows between the page's clock and the backend's.
  const releaseAt = new Date(Math.ceil((Date.now() + 2 * 60_000) / 60_000) * 60_000).toISOString();
  written(await teacher.client.models.Exam.create({ subject: 'Timed topology', date: '2026-07-03', teacher: 'Ms Clock', release: 'held', releaseAt }));
  const reads: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/graphql')) reads.push(request.url());
  });
  await page.clock.install();

  await page.goto(studentUrl);
  await expect(connectionState(page)).toHaveText('Live');
  await page.evaluate(() => Object.assign(window, { sameDocument: true }));
  const card = await examCard(page, /Timed topology/);
  await expect(card).toContainText(`Results at ${formatReleaseTime(releaseAt)}`);
  const readsBefore = reads.length;

  // Paused 5 s before the release: on a busy machine those 5 s could pass in real time before the check.
  await page.clock.pauseAt(Date.parse(releaseAt) - 5000);
  await expect(card).toContainText(`Results at ${formatReleaseTime(releaseAt)}`);
  await page.clock.runFor(7000);
  await expect(card).toContainText('Results released');
  await expect(card).not.toContainText('Results at');

  expect(reads.length).toBe(readsBefore);
  await expectNoReload(page);
});

test('an exam whose results show as they are entered does not claim on the list that they are out', async ({ page }) => {
  written(await teacher.client.models.Exam.create({ subject: 'Open optics', date: '2026-07-03', teacher: 'Ms Clock', release: 'live' }));

  await page.goto(studentUrl);
  const card = await examCard(page, /Open optics/);
  await expect(card).toContainText('Results as they are entered');
  await expect(card).not.toContainText('Results out');
});
