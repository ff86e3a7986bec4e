import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { watchResults } from '@exam-results/live-data';
import { startTeacherBackend, type TeacherBackend } from '../test-support/teacher-backend';
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
