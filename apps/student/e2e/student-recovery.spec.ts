import { expect, test, type Page } from '@playwright/test';
import { newApiTeacher, written, type ApiTeacher } from '../../../packages/e2e/src/api-teacher';
import { startBackend, stopBackend, stopsTheBackend } from '../../../packages/e2e/src/control';
import { connectionState, openExam, studentRow } from '../../../packages/e2e/src/student-pages';

let teacher: ApiTeacher;

test.beforeAll(async () => {
  teacher = await newApiTeacher('recovery', 'Mr Outage');
});

test.afterAll(async () => {
  await teacher.signOut();
});

async function openLiveExam(page: Page, subject: string): Promise<string> {
  const exam = written(await teacher.client.models.Exam.create({ subject, date: '2026-07-03', teacher: 'Mr Outage' }));
  written(await teacher.client.models.Result.create({ examId: exam.id, student: 'Before', grade: 'B' }));
  await openExam(page, exam.id, subject);
  await expect(studentRow(page, 'Before', 'B')).toBeVisible();
  return exam.id;
}

/**
 * Lets `ms` of the page's time pass while the backend is down. On the page's own clock
 * (`page.clock.install()` before it loaded), second by second: each second's timers fire (the page's
 * reconnection attempts), then a moment of real time lets what they started (a refused connection)
 * come back, as it would within that second. Otherwise, real time.
 */
async function letTimePass(page: Page, ms: number, onPageClock: boolean): Promise<void> {
  if (!onPageClock) return page.waitForTimeout(ms);
  for (let passed = 0; passed < ms; passed += 1000) {
    await page.clock.runFor(Math.min(1000, ms - passed));
    await page.waitForTimeout(50);
  }
}

/**
 * Stops the backend for `outageMs` (of the page's time, on its own clock if it has one), starts it
 * again, writes a result at once (before the page is back) and waits until the page is Live with it;
 * prints how long that took after the backend answered.
 */
async function outage(page: Page, examId: string, outageMs: number, { duringOutage = async () => {}, onPageClock = false }: { duringOutage?: () => Promise<void>; onPageClock?: boolean } = {}): Promise<void> {
  await stopBackend();
  await expect(connectionState(page)).toHaveText('Reconnecting…');
  await expect(page.getByRole('button', { name: 'Retry now' })).toBeVisible();
  await duringOutage();
  // The outage itself: the scenario is a backend that is away this long.
  const started = Date.now();
  await letTimePass(page, outageMs, onPageClock);
  if (onPageClock) console.log(`outage ${outageMs / 1000} s of the page's time took ${Date.now() - started} ms of real time`);
  await startBackend();
  const answered = Date.now();
  const write = teacher.client.models.Result.create({ examId, student: 'After', grade: 'A' });
  await expect(connectionState(page)).toHaveText('Live');
  const live = Date.now() - answered;
  written(await write);
  await expect(studentRow(page, 'After', 'A')).toBeVisible();
  console.log(`outage ${outageMs / 1000} s: Live ${live} ms and caught up ${Date.now() - answered} ms after the backend answered again`);
  await expect(page.getByRole('button', { name: 'Retry now' })).toHaveCount(0);
  await expect(studentRow(page, 'Before', 'B')).toBeVisible();
}

test('after a 5 s outage the exam page is Live again and has caught up', stopsTheBackend, async ({ page }) => {
  const examId = await openLiveExam(page, 'Outage of 5 s');
  await outage(page, examId, 5_000);
});

// The 60 s pass on the page's clock (Playwright's page.clock), not waited out: the page retries through a
// minute of its own time, about sixty reconnection attempts, in a few seconds.
test('after a 60 s outage the exam page is Live again and has caught up; Retry now during it keeps trying', stopsTheBackend, async ({ page }) => {
  await page.clock.install();
  const examId = await openLiveExam(page, 'Outage of 60 s');
  await outage(page, examId, 60_000, {
    onPageClock: true,
    duringOutage: async () => {
      await page.getByRole('button', { name: 'Retry now' }).click();
      await expect(connectionState(page)).toHaveText('Reconnecting…');
    },
  });
});

test('going offline and online again is followed; Retry now while the backend is down keeps trying, and the page is Live once it is back', stopsTheBackend, async ({ page, context }) => {
  const examId = await openLiveExam(page, 'Offline and back');
  await context.setOffline(true);
  await expect(connectionState(page)).toHaveText('Reconnecting…');
  written(await teacher.client.models.Result.create({ examId, student: 'Offline', grade: 'C' }));
  await context.setOffline(false);
  await expect(connectionState(page)).toHaveText('Live');
  await expect(studentRow(page, 'Offline', 'C')).toBeVisible();

  await stopBackend();
  await page.getByRole('button', { name: 'Retry now' }).click();
  await expect(connectionState(page)).toHaveText('Reconnecting…');
  // Once the backend is back, the page's own retry (every second at most) and a click race to
  // reconnect, so the click is made while it is down; reconnectNow's effect is tested in appsync-guest.
  await startBackend();
  await expect(connectionState(page)).toHaveText('Live');
});
