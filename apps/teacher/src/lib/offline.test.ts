import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { watchResults } from '@exam-results/live-data';
import { startTeacherBackend, waitFor, type TeacherBackend } from '../test-support/teacher-backend';
import { readableReason } from './data-errors';
import { ExamsStore } from './exams-store';
import { ResultsEditor } from './results-editor';

// The backend goes away while the teacher works (wifi drops, laptop sleeps).
let t: TeacherBackend;

before(async () => {
  t = await startTeacherBackend();
  await t.signInNewTeacher('ada@school.example');
});
after(() => t?.stop());

test('with the server out of reach, writes are taken back and reading says to check the connection', async () => {
  const exam = await t.api.createExam({ id: crypto.randomUUID(), subject: 'Physics', date: '2026-03-02', teacher: 'Ada' });
  const editor = new ResultsEditor(exam.id, t.api);
  await editor.add({ student: 'Ana', grade: 'A' });
  editor.setServerRows(await t.api.listResults(exam.id));
  const exams = new ExamsStore(t.api);
  exams.setServerExams([exam]);
  await t.backend.stop();

  const reachability = 'The server could not be reached. Check your connection and try again.';
  assert.equal(await editor.add({ student: 'Ben', grade: 'B' }), `Could not add Ben (B). ${reachability}`);
  assert.equal(await editor.edit(editor.getSnapshot().rows[0]?.id ?? '', { student: 'Ana', grade: 'A+' }), `Could not change Ana (A) to Ana (A+). ${reachability}`);
  assert.deepEqual(
    editor.getSnapshot().rows.map(({ student, grade }) => `${student}:${grade}`),
    ['Ana:A'],
  );
  assert.equal(await exams.remove(exam.id), `Could not delete the Physics exam. ${reachability}`);
  assert.equal(exams.getSnapshot().exams.length, 1);

  const list = watchResults(t.client, exam.id);
  const error = await new Promise<string>((resolve) =>
    list.subscribe(() => {
      const state = list.getState();
      if (state.error !== undefined) resolve(state.error);
    }),
  );
  list.close();
  assert.equal(readableReason(error, { reading: true }), reachability);
});

test('an entry that could not be saved offline is kept: the notice offers Retry, says when the connection is back, and Retry saves it', async () => {
  const backend = await t.startAgain();
  const exam = await t.api.createExam({ id: crypto.randomUUID(), subject: 'Chemistry', date: '2026-03-03', teacher: 'Ada' });
  const editor = new ResultsEditor(exam.id, t.api);
  editor.setServerRows([]);
  editor.setConnection(true);
  await backend.stop();
  editor.setConnection(false);

  assert.match((await editor.add({ student: 'Cy', grade: 'C', fullName: 'Cy Young' })) ?? '', /^Could not add Cy \(C\)\. The server could not be reached/);
  const [notice] = editor.getSnapshot().notices;
  assert.ok(notice?.retry, 'the notice offers to retry');
  assert.equal(editor.getSnapshot().connectionBack, false);

  const back = await t.startAgain();
  after(() => back.stop());
  editor.setConnection(true);
  assert.equal(editor.getSnapshot().connectionBack, true, 'the page says the connection is back');
  notice.retry();
  await waitFor(editor, (view) => view.saving.size === 0 && view.rows.length === 1, 'the retried entry to be saved');
  assert.deepEqual(editor.getSnapshot().notices, []);
  assert.equal(editor.getSnapshot().connectionBack, false);
  const [stored] = await t.api.listResults(exam.id);
  assert.deepEqual([stored?.student, stored?.grade, stored?.fullName], ['Cy', 'C', 'Cy Young']);
});
