import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { watchResults } from '@exam-results/live-data';
import { ManualTimers } from '@exam-results/live-data/testing/manual-timers';
import { outages, type Outages } from '../test-support/outages';
import { startTeacherBackend, waitFor, type TeacherBackend } from '../test-support/teacher-backend';
import { readableReason } from './data-errors';
import { ExamsStore } from './exams-store';
import { resultsOutbox } from './outbox-writes';
import { teacherOutboxes } from './teacher-outboxes';
import { ResultsEditor } from './results-editor';

// The backend goes away while the teacher works (wifi drops, laptop sleeps).
let t: TeacherBackend;
let server: Outages;

before(async () => {
  t = await startTeacherBackend();
  server = outages(t);
  await t.signInNewTeacher('ada@school.example');
});
after(async () => {
  await server?.stopRestarted();
  await t?.stop();
});

const kept = 'The server could not be reached. Check your connection and try again. Kept here: it is sent as soon as the server answers.';
const rowsOf = (editor: ResultsEditor) => editor.getSnapshot().rows.map(({ student, grade }) => `${student}:${grade}`);

test('with the server out of reach, entries are kept and shown as saving, an exam is not deleted, and reading says to check the connection', async () => {
  const exam = await t.api.createExam({ id: crypto.randomUUID(), subject: 'Physics', date: '2026-03-02', teacher: 'Ada' });
  const timers = new ManualTimers();
  const editor = new ResultsEditor(exam.id, t.api, { outbox: resultsOutbox(t.api, { scheduler: timers }) });
  await editor.add({ student: 'Ana', grade: 'A' });
  editor.setServerRows(await t.api.listResults(exam.id));
  const exams = new ExamsStore(t.api);
  exams.setServerExams([exam]);
  await server.outage();

  assert.equal(await editor.add({ student: 'Ben', grade: 'B' }), `Could not add Ben (B). ${kept}`);
  const ana = editor.getSnapshot().rows.find((row) => row.student === 'Ana');
  assert.equal(await editor.edit(ana?.id ?? '', { student: 'Ana', grade: 'A+' }), `Could not change Ana (A) to Ana (A+). ${kept}`);
  assert.deepEqual(rowsOf(editor), ['Ana:A+', 'Ben:B']);
  assert.equal(editor.getSnapshot().saving.size, 2, 'both shown as saving');
  assert.deepEqual(
    editor.getSnapshot().notices.map((notice) => [notice.text, typeof notice.retry]),
    [
      [`Could not add Ben (B). ${kept}`, 'function'],
      [`Could not change Ana (A) to Ana (A+). ${kept}`, 'function'],
    ],
  );
  const reachability = 'The server could not be reached. Check your connection and try again.';
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

  // the server answers again: the next automatic try sends both, in the order they were made
  await server.serverBack();
  timers.advance(1000);
  await waitFor(editor, (view) => view.saving.size === 0 && view.notices.length === 0, 'the kept entries to be saved and their notices to go');
  const stored = await t.api.listResults(exam.id);
  assert.deepEqual(stored.map(({ student, grade }) => `${student}:${grade}`).sort(), ['Ana:A+', 'Ben:B']);
});

test('when the live list is back, entries kept offline are sent at once', async () => {
  const exam = await t.api.createExam({ id: crypto.randomUUID(), subject: 'Chemistry', date: '2026-03-03', teacher: 'Ada' });
  const editor = new ResultsEditor(exam.id, t.api, { outbox: resultsOutbox(t.api, { scheduler: new ManualTimers() }) });
  editor.setServerRows([]);
  await server.outage();

  assert.equal(await editor.add({ student: 'Cy', grade: 'C', fullName: 'Cy Young' }), `Could not add Cy (C). ${kept}`);
  assert.equal(await editor.add({ student: 'Dee', grade: 'D' }), `Could not add Dee (D). ${kept}`);
  // no automatic try is due (the manual timers do not move): the live list coming back sends them
  await server.serverBack();
  editor.setConnection(true);
  await waitFor(editor, (view) => view.saving.size === 0 && view.notices.length === 0 && view.rows.length === 2, 'the kept entries to be saved');
  const stored = await t.api.listResults(exam.id);
  assert.deepEqual(stored.map(({ student, grade, fullName }) => `${student}:${grade}:${fullName}`).sort(), ['Cy:C:Cy Young', 'Dee:D:null']);
});

test('results added under an exam created offline wait for the exam, also when they are sent first', async () => {
  // no automatic tries: the test sends the result's first
  const outboxes = teacherOutboxes(t.client, t.api, 'ada', undefined, new ManualTimers());
  try {
    const exams = new ExamsStore(t.api, { outbox: outboxes.exams });
    exams.setServerExams([]);
    await server.outage();

    const created = await exams.create({ subject: 'Geology', date: '2026-03-04', teacher: 'Ada', grading: null, releaseMode: 'live' });
    assert.ok('id' in created, 'its page opens while the exam waits');
    const editor = new ResultsEditor(created.id, t.api, { outbox: outboxes.results });
    editor.setServerRows([]);
    assert.equal(await editor.add({ student: 'Eve', grade: 'B' }), 'Could not add Eve (B). The exam is not saved yet; its results are sent after it. Kept here: it is sent as soon as the server answers.');

    await server.serverBack();
    // the result's try comes first: it must wait for the exam, not be refused for an exam the server does not know
    outboxes.results.retryNow();
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(
      outboxes.results.getSnapshot().map(({ item }) => item.student),
      ['Eve'],
      'still kept',
    );
    outboxes.exams.retryNow();
    await waitFor(editor, (view) => view.saving.size === 0, 'the result to be saved after its exam');
    assert.deepEqual(
      (await t.api.listResults(created.id)).map(({ student, grade }) => `${student}:${grade}`),
      ['Eve:B'],
    );
  } finally {
    outboxes.exams.close();
    outboxes.results.close();
  }
});
