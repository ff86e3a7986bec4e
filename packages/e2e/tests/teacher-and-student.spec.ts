import { expect, test } from '@playwright/test';
import { addTeacher, resetCodeFor, startBackend, stopBackend, stopsTheBackend, uniqueEmail } from '../src/control';
import { connectionState, expectNoReload, openExam, studentRow } from '../src/student-pages';
import { teacherApi } from '../src/teacher-api';
import { addResult, createExam, firstSignIn, resultRow, signIn } from '../src/teacher-pages';

const password = 'Chosen-Password-42';

/**
 * How long the student page took to show what the teacher did, from the teacher's action on: printed
 * and attached to the report as a figure, not asserted (a loaded machine must not fail the test).
 */
function printLatency(what: string, since: number): void {
  const ms = Date.now() - since;
  console.log(`live update on the student page: ${what} in ${ms} ms`);
  test.info().annotations.push({ type: 'latency', description: `${what}: ${ms} ms` });
}

test('results a teacher enters appear on the student page, and edits and deletes follow live (the delays are printed)', async ({ browser }) => {
  const { email, temporaryPassword } = await addTeacher(uniqueEmail('side-by-side'), 'Grace Hopper');
  const teacher = await (await browser.newContext()).newPage();
  const student = await (await browser.newContext()).newPage();

  await firstSignIn(teacher, email, temporaryPassword, password);
  const examId = await createExam(teacher, 'Side by side', '2026-06-01');
  await openExam(student, examId, 'Side by side');

  for (const [name, grade] of [['Ada Lovelace', 'A-'], ['Alan Turing', '17/20'], ['Edsger Dijkstra', 'pass']] as const) {
    const added = Date.now();
    await addResult(teacher, name, grade);
    await expect(studentRow(student, name, grade)).toBeVisible();
    printLatency(`added ${name}`, added);
  }

  await resultRow(teacher, 'Alan Turing', '17/20').getByRole('gridcell', { name: '17/20' }).click();
  await teacher.getByRole('textbox', { name: 'Grade for Alan Turing' }).fill('19/20');
  const edited = Date.now();
  await teacher.keyboard.press('Enter');
  await expect(resultRow(teacher, 'Alan Turing', '19/20')).toBeVisible();
  await expect(studentRow(student, 'Alan Turing', '19/20')).toBeVisible();
  printLatency('edited Alan Turing', edited);

  const deleted = Date.now();
  await teacher.getByRole('button', { name: 'Delete Edsger Dijkstra' }).click();
  // The count follows at once; the row itself fades out over two seconds so the change is seen.
  await expect(student.getByRole('heading', { level: 2, name: 'Results (2)' })).toBeVisible();
  printLatency('deleted Edsger Dijkstra (the count)', deleted);
  await expect(studentRow(student, 'Edsger Dijkstra')).toHaveCount(0);
  await expect(studentRow(student, 'Ada Lovelace', 'A-')).toBeVisible();
  await expectNoReload(student);
});

test("a second teacher sees none of the first teacher's exams and cannot change them through the API", async ({ browser }) => {
  const first = await addTeacher(uniqueEmail('owner'), 'First Teacher');
  const second = await addTeacher(uniqueEmail('other'), 'Second Teacher');
  const firstPage = await (await browser.newContext()).newPage();
  await firstSignIn(firstPage, first.email, first.temporaryPassword, password);
  const examId = await createExam(firstPage, 'Private chemistry', '2026-05-04');
  await addResult(firstPage, 'Marie Curie', 'A');

  const secondPage = await (await browser.newContext()).newPage();
  await firstSignIn(secondPage, second.email, second.temporaryPassword, password);
  await expect(secondPage.getByText('No exams yet — create your first one above.')).toBeVisible();
  await expect(secondPage.getByRole('link', { name: 'Private chemistry' })).toHaveCount(0);

  const api = await teacherApi(second.email, password);
  try {
    const update = await api.client.models.Exam.update({ id: examId, subject: 'Taken over' });
    expect(update.data).toBeNull();
    expect(update.errors?.[0]?.errorType).toBe('Unauthorized');
    const removal = await api.client.models.Exam.delete({ id: examId });
    expect(removal.errors?.[0]?.errorType).toBe('Unauthorized');
    // Every page: the list is filtered to the caller's exams after a page of all of them is read, so
    // with every test's exams in the backend the first exam could be past the first page, seen or not.
    const listed: string[] = [];
    let nextToken: string | null | undefined;
    do {
      const page = await api.client.models.Exam.list({ nextToken });
      expect(page.errors).toBeUndefined();
      listed.push(...page.data.map((exam) => exam.id));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(listed).not.toContain(examId);
  } finally {
    await api.signOut();
  }

  await firstPage.reload();
  await expect(firstPage.getByRole('heading', { level: 1, name: 'Private chemistry' })).toBeVisible();
  await expect(resultRow(firstPage, 'Marie Curie', 'A')).toBeVisible();
});

test('the student page says it is reconnecting while the backend restarts, then catches up', stopsTheBackend, async ({ browser }) => {
  const { email, temporaryPassword } = await addTeacher(uniqueEmail('restart'), 'Restart Teacher');
  const teacher = await (await browser.newContext()).newPage();
  await firstSignIn(teacher, email, temporaryPassword, password);
  const examId = await createExam(teacher, 'Through a restart', '2026-04-01');
  await addResult(teacher, 'Before Restart', 'B');

  const student = await (await browser.newContext()).newPage();
  await openExam(student, examId, 'Through a restart');
  await expect(studentRow(student, 'Before Restart', 'B')).toBeVisible();

  const api = await teacherApi(email, password);
  try {
    await stopBackend();
    await expect(connectionState(student)).toHaveText('Reconnecting…');
    await startBackend();
    // Written as soon as the backend is back, before the page has subscribed again.
    const { errors } = await api.client.models.Result.create({ examId, student: 'During Restart', grade: 'A' });
    expect(errors).toBeUndefined();
  } finally {
    await api.signOut();
  }

  await expect(studentRow(student, 'During Restart', 'A')).toBeVisible({ timeout: 30_000 });
  await expect(connectionState(student)).toHaveText('Live');
  await expect(studentRow(student, 'Before Restart', 'B')).toBeVisible();
  await expectNoReload(student);
});

test('a teacher stays signed in across a reload, signs out, and resets a forgotten password with the code from the backend log', async ({ page }) => {
  const { email, temporaryPassword } = await addTeacher(uniqueEmail('reset'), 'Forgetful Teacher');
  await firstSignIn(page, email, temporaryPassword, password);

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Your exams' })).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();

  await page.getByRole('button', { name: 'Forgot your password?' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send code' }).click();
  // The form for the code shows once the backend has answered, so the code is in its log by then:
  // resetCodeFor looks for 5 s only, which a loaded machine can take to get the request there.
  await expect(page.getByLabel('Code')).toBeVisible();
  const code = await resetCodeFor(email);
  const newPassword = 'Another-Password-43';
  await page.getByLabel('Code').fill(code);
  await page.getByLabel('New Password', { exact: true }).fill(newPassword);
  await page.getByLabel('Confirm Password').fill(newPassword);
  await page.getByRole('button', { name: 'Submit' }).click();

  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await signIn(page, email, newPassword);
});
