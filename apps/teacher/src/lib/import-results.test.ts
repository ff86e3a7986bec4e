import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ManualTimers } from '@exam-results/live-data/testing/manual-timers';
import { startTeacherBackend, type TeacherBackend } from '../test-support/teacher-backend';
import type { BatchProgress } from './batch';
import { previewImport } from './csv-import';
import type { Exam } from './data-api';
import { importResults, summarizeImport } from './import-results';
import { resultsOutbox } from './outbox-writes';
import { ResultsEditor } from './results-editor';

let t: TeacherBackend;

before(async () => {
  t = await startTeacherBackend();
  await t.signInNewTeacher('ada@school.example');
});
after(() => t?.stop());

async function openExam(subject: string, grading: Pick<Exam, 'grading' | 'maxPoints'> = { grading: null, maxPoints: null }) {
  const exam = await t.api.createExam({ id: crypto.randomUUID(), subject, date: '2026-06-01', teacher: 'Ada', ...grading });
  // no automatic new tries: what the server gave no answer to stays kept while the test looks
  const editor = new ResultsEditor(exam.id, t.api, { outbox: resultsOutbox(t.api, { scheduler: new ManualTimers() }) });
  editor.setGrading(grading);
  editor.setServerRows(await t.api.listResults(exam.id));
  return { exam, editor };
}

const onServer = async (examId: string) =>
  (await t.api.listResults(examId)).map(({ student, grade }) => `${student}:${grade}`).sort();

test('a pasted list is previewed, then written a few rows at a time with progress, and every ready row lands', async () => {
  const { exam, editor } = await openExam('Maths');
  await editor.add({ student: 'Existing Student', grade: 'B' });
  const names = Array.from({ length: 10 }, (_, index) => `Student ${index + 1}`);
  const text = ['student,grade', ...names.map((name, index) => `${name},${10 + index}/20`), 'existing student,A', ',C'].join('\n');

  const preview = previewImport(text, (input) => editor.problemWith(input));
  assert.equal(preview.ready.length, 10);
  assert.deepEqual(
    preview.failing.map(({ line, problem }) => [line, problem]),
    [
      [12, 'Existing Student already has a result in this exam.'],
      [13, 'Enter the name students see: a first name, initials or a candidate number.'],
    ],
  );

  let inFlight = 0;
  let mostInFlight = 0;
  const counting = {
    add: async (...args: Parameters<ResultsEditor['add']>) => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      try {
        return await editor.add(...args);
      } finally {
        inFlight -= 1;
      }
    },
  };
  const progress: BatchProgress[] = [];
  const outcome = await importResults(preview.ready, counting, { concurrency: 3, onProgress: (step) => progress.push(step) });

  assert.equal(outcome.failed.length, 0);
  assert.deepEqual(outcome.succeeded.map((row) => row.line), [2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  assert.equal(mostInFlight, 3);
  assert.deepEqual(
    progress.map((step) => step.done),
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
  );
  assert.ok(progress.every((step) => step.total === 10 && step.failed === 0));
  assert.equal(summarizeImport(outcome), 'Imported 10 results.');
  assert.deepEqual(await onServer(exam.id), ['Existing Student:B', ...names.map((name, index) => `${name}:${10 + index}/20`)].sort());
  assert.equal(editor.getSnapshot().rows.length, 11, 'every imported row is shown');
});

test('on a percent exam the save refuses exactly the rows the preview refuses, with the same reasons', async () => {
  const { exam, editor } = await openExam('Physics', { grading: 'percentage', maxPoints: null });
  const text = ['student,grade', 'Ana,72', 'Ben,105', 'Cy,abc', 'Dee,-3', 'Eve,100'].join('\n');
  const preview = previewImport(text, (input) => editor.problemWith(input));
  assert.deepEqual(preview.failing.map((row) => row.line), [3, 4, 5]);

  const outcome = await importResults([...preview.ready, ...preview.failing], editor);
  assert.deepEqual(outcome.succeeded.map((row) => row.line), [2, 6]);
  assert.deepEqual(
    outcome.failed.map(({ item, message }) => [item.line, message]),
    preview.failing.map(({ line, problem }) => [line, problem]),
  );
  assert.deepEqual(await onServer(exam.id), ['Ana:72%', 'Eve:100%']);
});

test('when the session runs out part-way, the import says which lines did not land and why, and keeps them to send after signing in again', async () => {
  const { exam, editor } = await openExam('French');
  const preview = previewImport('Ana,A\nBen,B\nCy,C\nDee,D', (input) => editor.problemWith(input));

  const outcome = await importResults(preview.ready, editor, {
    concurrency: 1,
    onProgress: ({ done }) => {
      // the teacher's session runs out after the second row
      if (done === 2) t.clock.advance(2 * 60 * 60 * 1000);
    },
  });
  t.clock.advance(-2 * 60 * 60 * 1000);

  assert.deepEqual(outcome.succeeded.map((row) => row.student), ['Ana', 'Ben']);
  assert.deepEqual(
    outcome.failed.map(({ item, message }) => [item.line, message]),
    [
      [3, 'Could not add Cy (C). Your session has ended. Sign out, sign in again, and retry. Kept here: it is sent as soon as the server answers.'],
      [4, 'Could not add Dee (D). Your session has ended. Sign out, sign in again, and retry. Kept here: it is sent as soon as the server answers.'],
    ],
  );
  assert.equal(summarizeImport(outcome), 'Imported 2 of 4 results. 2 did not land; they are listed below.');
  assert.deepEqual(await onServer(exam.id), ['Ana:A', 'Ben:B']);
  assert.deepEqual(
    editor.getSnapshot().rows.filter((row) => editor.getSnapshot().saving.has(row.id)).map((row) => row.student),
    ['Cy', 'Dee'],
    'rows that did not land stay, shown as saving',
  );
  assert.deepEqual(editor.getSnapshot().notices, [], 'failures are reported by the import, not one notice per row');
});

test('a student added in another tab after the preview is not imported twice', async () => {
  const { exam, editor } = await openExam('Spanish');
  const preview = previewImport('Ana,A\nZoe,B', (input) => editor.problemWith(input));
  assert.equal(preview.ready.length, 2);

  await t.api.createResult({ id: crypto.randomUUID(), examId: exam.id, student: 'zoe', grade: 'C' });
  editor.setServerRows(await t.api.listResults(exam.id));

  const outcome = await importResults(preview.ready, editor);
  assert.deepEqual(
    outcome.failed.map(({ item, message }) => [item.line, message]),
    [[2, 'zoe already has a result in this exam.']],
  );
  assert.equal(summarizeImport(outcome), 'Imported 1 of 2 results. 1 did not land; they are listed below.');
  assert.deepEqual(await onServer(exam.id), ['Ana:A', 'zoe:C']);
});

test('when nothing can be imported the summary says so', async () => {
  const { editor } = await openExam('Latin');
  const preview = previewImport('Ana,A', (input) => editor.problemWith(input));
  t.clock.advance(2 * 60 * 60 * 1000);
  try {
    assert.equal(summarizeImport(await importResults(preview.ready, editor)), 'The result could not be imported; see below.');
    const two = previewImport('Ben,B\nCy,C', (input) => editor.problemWith(input));
    assert.equal(summarizeImport(await importResults(two.ready, editor)), 'None of the 2 results could be imported; see below.');
  } finally {
    t.clock.advance(-2 * 60 * 60 * 1000);
  }
});
