import { expect, test } from '@playwright/test';
import { formatReleaseTime, fromSchoolDateTimeInput, toSchoolDateTimeInput } from '@exam-results/web-shell/school-time';
import { addTeacher, advanceBackendClock, resetBackendClock, stopsTheBackend, uniqueEmail } from '../src/control';
import { studentUrl } from '../src/environment';
import { expectNoReload, openExam, studentRow } from '../src/student-pages';
import { addResult, firstSignIn } from '../src/teacher-pages';

const password = 'Chosen-Password-42';

/** A time `minutes` to `minutes + 1` ahead, whole minutes as a datetime-local input takes it, on the school's clock. */
function minutesAhead(minutes: number): { input: string; at: string } {
  const input = toSchoolDateTimeInput(new Date(Math.ceil((Date.now() + minutes * 60_000) / 60_000) * 60_000).toISOString());
  return { input, at: fromSchoolDateTimeInput(input) ?? '' };
}

// The backend's clock is moved past the release time rather than waited for; since every test shares
// the backend, this one runs with those that stop it, one at a time after the others.
test.describe(`results released at a set time ${stopsTheBackend.tag}`, () => {
  test.afterEach(() => resetBackendClock());

  test('a student page open before the release counts down, shows the results when the clock passes it, and loses them when the teacher withdraws them', async ({ browser }) => {
    const { email, temporaryPassword } = await addTeacher(uniqueEmail('release'), 'Rosalind Franklin');
    const teacher = await (await browser.newContext()).newPage();
    // The teacher's page tells scheduled from released by its own clock, which moves with the others.
    await teacher.clock.install();
    await firstSignIn(teacher, email, temporaryPassword, password);

    // Within the five minutes SigV4 allows between a signature and the backend's clock, which the test moves past it.
    const { input: releaseInput, at: releaseAt } = minutesAhead(3);
    await teacher.getByLabel('Subject').fill('Crystallography');
    await teacher.getByLabel('Date').fill('2026-08-20');
    await teacher.getByRole('radio', { name: 'At a set time' }).check();
    await teacher.getByLabel(/^Release at/).fill(releaseInput);
    await teacher.getByRole('button', { name: 'Create exam' }).click();
    await expect(teacher.getByRole('heading', { level: 1, name: 'Crystallography' })).toBeVisible();
    const examId = /\/exams\/([^/?#]+)/.exec(teacher.url())?.[1] ?? '';
    await expect(teacher.getByRole('status').filter({ hasText: `Scheduled: results released at ${formatReleaseTime(releaseAt)}` })).toBeVisible();
    await expect(teacher.getByText(`; set for ${formatReleaseTime(releaseAt)}.`)).toBeVisible();
    await addResult(teacher, 'Ada', 'A');
    await addResult(teacher, 'Bo', 'B');

    const student = await (await browser.newContext()).newPage();
    await student.clock.install();
    await openExam(student, examId, 'Crystallography');
    await expect(student.getByRole('heading', { level: 2, name: `Results at ${formatReleaseTime(releaseAt)}` })).toBeVisible();
    await expect(student.getByRole('timer')).toHaveText(/\d+ min \d\d s/);
    await expect(student.getByRole('table')).toHaveCount(0);

    // Without JavaScript, the server's page says when the results come, and that it will not update.
    const noScript = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    await noScript.goto(`${studentUrl}/exams/${examId}`);
    await expect(noScript.getByRole('heading', { level: 2, name: `Results at ${formatReleaseTime(releaseAt)}` })).toBeVisible();
    await expect(noScript.getByRole('table')).toHaveCount(0);
    await expect(noScript.getByText('Without JavaScript it does not update by itself')).toBeVisible();

    // Past the release on every clock: the page's timer fires and it reads the results once.
    const past = Date.parse(releaseAt) - Date.now() + 2000;
    await advanceBackendClock(past);
    await student.clock.runFor(past);
    await teacher.clock.runFor(past);
    await expect(studentRow(student, 'Ada', 'A')).toBeVisible();
    await expect(studentRow(student, 'Bo', 'B')).toBeVisible();
    await expect(teacher.getByRole('status').filter({ hasText: `Released at ${formatReleaseTime(releaseAt)}` })).toBeVisible();

    // Corrections after the release are live, as before.
    await addResult(teacher, 'Cy', 'C');
    await expect(studentRow(student, 'Cy', 'C')).toBeVisible();

    await teacher.getByRole('button', { name: 'Withdraw the results' }).click();
    await expect(student.getByText('The teacher has withdrawn these results for now.')).toBeVisible();
    await expect(teacher.getByRole('status').filter({ hasText: /^Draft/ }), 'focus is on what happened, not lost with the button').toBeFocused();
    await expect(student.getByRole('table')).toHaveCount(0);
    await expect(student.getByRole('heading', { level: 2, name: 'Results not released yet' })).toBeVisible();

    // what the Release panel says from the click on: released as soon as the update is back, never "Scheduled" for a moment
    await teacher.locator('.release-panel').evaluate((panel) => {
      const said: string[] = [];
      Object.assign(window, { releaseStatusesSaid: said });
      new MutationObserver(() => said.push(panel.querySelector('.release-status')?.textContent ?? '')).observe(panel, { childList: true, characterData: true, subtree: true });
    });
    await teacher.getByRole('button', { name: 'Release now' }).click();
    await expect(teacher.getByRole('status').filter({ hasText: /^Released at / })).toBeVisible();
    const said = await teacher.evaluate(() => (window as unknown as { releaseStatusesSaid: string[] }).releaseStatusesSaid);
    expect(said.filter((text) => text.startsWith('Scheduled'))).toEqual([]);
    await expect(studentRow(student, 'Cy', 'C')).toBeVisible();
    await expectNoReload(student);

  });

  test('the teacher moves a scheduled release, and a page open before it follows the new time', async ({ browser }) => {
    const { email, temporaryPassword } = await addTeacher(uniqueEmail('move-release'), 'Dorothy Hodgkin');
    const teacher = await (await browser.newContext()).newPage();
    await firstSignIn(teacher, email, temporaryPassword, password);
    await teacher.getByLabel('Subject').fill('Insulin');
    await teacher.getByLabel('Date').fill('2026-08-21');
    await teacher.getByRole('radio', { name: 'When I release them' }).check();
    await teacher.getByRole('button', { name: 'Create exam' }).click();
    await expect(teacher.getByRole('heading', { level: 1, name: 'Insulin' })).toBeVisible();
    const examId = /\/exams\/([^/?#]+)/.exec(teacher.url())?.[1] ?? '';
    await expect(teacher.getByRole('status').filter({ hasText: 'Draft: students do not see the results yet' })).toBeVisible();
    await addResult(teacher, 'Eve', 'A');

    const student = await (await browser.newContext()).newPage();
    await student.clock.install();
    await openExam(student, examId, 'Insulin');
    await expect(student.getByRole('heading', { level: 2, name: 'Results not released yet' })).toBeVisible();

    const { input: moved, at: movedAt } = minutesAhead(3);
    await teacher.getByLabel('Release at').fill(moved);
    await teacher.getByRole('button', { name: 'Schedule' }).click();
    await expect(student.getByRole('heading', { level: 2, name: `Results at ${formatReleaseTime(movedAt)}` })).toBeVisible();

    const past = Date.parse(movedAt) - Date.now() + 2000;
    await advanceBackendClock(past);
    await student.clock.runFor(past);
    await expect(studentRow(student, 'Eve', 'A')).toBeVisible();
    await expectNoReload(student);
  });
});
