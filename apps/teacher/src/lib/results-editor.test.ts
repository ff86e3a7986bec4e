import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ManualTimers } from '@exam-results/live-data/testing/manual-timers';
import { startTeacherBackend, waitFor, type TeacherBackend } from '../test-support/teacher-backend';
import { resultsOutbox } from './outbox-writes';
import { ResultsEditor } from './results-editor';

let t: TeacherBackend;

before(async () => {
  t = await startTeacherBackend();
  await t.signInNewTeacher('ada@school.example', 'Ada Lovelace');
});
after(() => t?.stop());

async function newExam(subject: string) {
  return t.api.createExam({ id: crypto.randomUUID(), subject, date: '2026-05-12', teacher: 'Ada Lovelace' });
}

const studentsAndGrades = (editor: ResultsEditor) => editor.getSnapshot().rows.map(({ student, grade }) => `${student}:${grade}`);
const onServer = async (examId: string) =>
  (await t.api.listResults(examId)).map(({ student, grade }) => `${student}:${grade}`).sort();

test('an added result shows at once, is saved, and stays shown while the live list has not caught up', async () => {
  const exam = await newExam('Physics');
  const editor = new ResultsEditor(exam.id, t.api);
  editor.setServerRows([]);

  const saved = editor.add({ student: '  Ana Lopez ', grade: ' A- ' });
  assert.deepEqual(studentsAndGrades(editor), ['Ana Lopez:A-']);
  const [shown] = editor.getSnapshot().rows;
  assert.ok(shown && editor.getSnapshot().saving.has(shown.id), 'marked as saving until the server answers');

  assert.equal(await saved, undefined);
  assert.equal(editor.getSnapshot().saving.size, 0);
  assert.deepEqual(await onServer(exam.id), ['Ana Lopez:A-']);
  // a snapshot of the live list taken before the write arrived must not hide it
  editor.setServerRows([]);
  assert.deepEqual(studentsAndGrades(editor), ['Ana Lopez:A-']);
  editor.setServerRows(await t.api.listResults(exam.id));
  assert.deepEqual(studentsAndGrades(editor), ['Ana Lopez:A-']);
  assert.equal(editor.getSnapshot().rows[0]?.id, shown.id, 'the id chosen in the browser is the id stored');
});

test('results show in the order they were entered', async () => {
  const exam = await newExam('History');
  const editor = new ResultsEditor(exam.id, t.api);
  for (const [student, grade] of [
    ['Zoe', '17/20'],
    ['Ben', 'pass'],
    ['Mia', 'B+'],
  ] as const) {
    assert.equal(await editor.add({ student, grade }), undefined);
  }
  editor.setServerRows(await t.api.listResults(exam.id));
  assert.deepEqual(studentsAndGrades(editor), ['Zoe:17/20', 'Ben:pass', 'Mia:B+']);
});

test('results added all at once, as an import adds them, come back in that order after a reload', async () => {
  const exam = await newExam('Latin');
  const students = ['Quintus', 'Aulus', 'Marcus', 'Decimus', 'Gaius', 'Titus', 'Lucius', 'Sextus'];
  const editor = new ResultsEditor(exam.id, t.api);
  assert.deepEqual(await Promise.all(students.map((student) => editor.add({ student, grade: 'A' }))), students.map(() => undefined));

  const reopened = new ResultsEditor(exam.id, t.api);
  reopened.setServerRows(await t.api.listResults(exam.id));
  assert.deepEqual(studentsAndGrades(reopened), students.map((student) => `${student}:A`));
});

test('empty values and a student already in the exam are refused before anything is written', async () => {
  const exam = await newExam('Biology');
  const editor = new ResultsEditor(exam.id, t.api);
  editor.setServerRows([]);
  assert.equal(await editor.add({ student: 'Ana', grade: 'A' }), undefined);

  assert.deepEqual(editor.problemWith({ student: '   ', grade: 'B' }), { field: 'student', message: 'Enter the name students see: a first name, initials or a candidate number.' });
  assert.deepEqual(editor.problemWith({ student: 'Ben', grade: ' ' }), { field: 'grade', message: 'Enter a grade.' });
  assert.equal(await editor.add({ student: '  ANA ', grade: 'B' }), 'Ana already has a result in this exam.');
  assert.deepEqual(await onServer(exam.id), ['Ana:A']);
  assert.deepEqual(editor.getSnapshot().notices, [], 'a form problem is not a backend refusal');
});

test('editing in place shows the new values at once and saves them; a name may change only to a free one', async () => {
  const exam = await newExam('Chemistry');
  const editor = new ResultsEditor(exam.id, t.api);
  await editor.add({ student: 'Ana', grade: 'B' });
  await editor.add({ student: 'Ben', grade: 'C' });
  const ana = editor.getSnapshot().rows.find((row) => row.student === 'Ana');
  assert.ok(ana);

  const saved = editor.edit(ana.id, { student: 'Ana', grade: ' A ' });
  assert.deepEqual(studentsAndGrades(editor), ['Ana:A', 'Ben:C']);
  assert.equal(await saved, undefined);
  assert.deepEqual(await onServer(exam.id), ['Ana:A', 'Ben:C']);

  assert.equal(await editor.edit(ana.id, { student: 'ben', grade: 'A' }), 'Ben already has a result in this exam.');
  assert.equal(await editor.edit(ana.id, { student: 'ana', grade: 'A' }), undefined, 'changing the case of its own name is fine');
  assert.deepEqual(await onServer(exam.id), ['Ben:C', 'ana:A']);
});

test('a change the backend refuses is rolled back with a sentence a teacher understands', async () => {
  const exam = await newExam('Geography');
  const editor = new ResultsEditor(exam.id, t.api);
  await editor.add({ student: 'Ana', grade: 'B' });
  editor.setServerRows(await t.api.listResults(exam.id));
  const [ana] = editor.getSnapshot().rows;
  assert.ok(ana);
  // another tab deletes Ana; this tab has not heard of it yet
  await t.api.deleteResult(ana.id);

  const failure = await editor.edit(ana.id, { student: 'Ana', grade: 'A' });
  assert.equal(
    failure,
    'Could not change Ana (B) to Ana (A). It was deleted somewhere else (another tab or device), or it belongs to another teacher.',
  );
  assert.deepEqual(studentsAndGrades(editor), ['Ana:B'], 'back to what the server list last said');
  assert.deepEqual(
    editor.getSnapshot().notices.map((notice) => notice.text),
    [failure],
  );
  editor.dismissNotice(editor.getSnapshot().notices[0]?.id ?? 0);
  assert.deepEqual(editor.getSnapshot().notices, []);
});

const kept = 'Kept here: it is sent as soon as the server answers.';

test('when the session has expired, an added result is kept, the teacher is told to sign in again, and it is sent once signed in', async () => {
  const exam = await newExam('Art');
  const outbox = resultsOutbox(t.api, { scheduler: new ManualTimers() });
  const editor = new ResultsEditor(exam.id, t.api, { outbox });
  editor.setServerRows([]);
  t.clock.advance(2 * 60 * 60 * 1000);
  try {
    const failure = await editor.add({ student: 'Ana', grade: 'A' });
    assert.equal(failure, `Could not add Ana (A). Your session has ended. Sign out, sign in again, and retry. ${kept}`);
    assert.deepEqual(studentsAndGrades(editor), ['Ana:A']);
    assert.equal(editor.getSnapshot().saving.size, 1, 'shown as saving');
  } finally {
    t.clock.advance(-2 * 60 * 60 * 1000);
  }
  assert.deepEqual(await onServer(exam.id), []);
  outbox.retryNow();
  await waitFor(editor, (view) => view.saving.size === 0, 'the kept result to be saved');
  assert.deepEqual(await onServer(exam.id), ['Ana:A']);
});

test('a deleted result can be brought back, with the same id, until the undo offer expires', async () => {
  const exam = await newExam('Music');
  const scheduler = new ManualTimers();
  const editor = new ResultsEditor(exam.id, t.api, { scheduler, undoMs: 10_000 });
  await editor.add({ student: 'Ana', grade: 'A' });
  await editor.add({ student: 'Ben', grade: 'B' });
  const ana = editor.getSnapshot().rows.find((row) => row.student === 'Ana');
  assert.ok(ana);

  const deleted = editor.remove(ana.id);
  assert.deepEqual(studentsAndGrades(editor), ['Ben:B'], 'gone at once');
  assert.equal(editor.getSnapshot().undo?.text, 'Deleted Ana (A).');
  assert.equal(await deleted, undefined);
  assert.deepEqual(await onServer(exam.id), ['Ben:B']);

  scheduler.advance(9_000);
  assert.ok(editor.getSnapshot().undo, 'still offered after 9 s');
  assert.equal(await editor.undo(), undefined);
  assert.equal(editor.getSnapshot().undo, undefined);
  const restored = (await t.api.listResults(exam.id)).find((row) => row.student === 'Ana');
  assert.equal(restored?.id, ana.id);
  assert.equal(restored?.grade, 'A');
  editor.setServerRows(await t.api.listResults(exam.id));
  assert.deepEqual(studentsAndGrades(editor), ['Ana:A', 'Ben:B'], 'back where it was');
  const reopened = new ResultsEditor(exam.id, t.api);
  reopened.setServerRows(await t.api.listResults(exam.id));
  assert.deepEqual(studentsAndGrades(reopened), ['Ana:A', 'Ben:B'], 'and there after a reload');

  await editor.remove(ana.id);
  scheduler.advance(10_000);
  assert.equal(editor.getSnapshot().undo, undefined, 'the offer expires');
  assert.equal(await editor.undo(), undefined);
  assert.deepEqual(await onServer(exam.id), ['Ben:B']);
});

test('the last edit can be undone: the result gets its values back, and a later delete replaces the offer', async () => {
  const exam = await newExam('Poetry');
  const editor = new ResultsEditor(exam.id, t.api, { scheduler: new ManualTimers() });
  await editor.add({ student: 'Ana', grade: 'B', fullName: 'Ana Lopez' });
  await editor.add({ student: 'Ben', grade: 'C' });
  const ana = editor.getSnapshot().rows.find((row) => row.student === 'Ana');
  assert.ok(ana);

  assert.equal(await editor.edit(ana.id, { student: 'Ana', grade: 'A', fullName: 'Ana López' }), undefined);
  assert.equal(editor.getSnapshot().undo?.text, 'Changed Ana (B) to Ana (A).');
  assert.equal(await editor.edit(ana.id, { student: 'Ana', grade: 'A', fullName: 'Ana López' }), undefined);
  assert.equal(editor.getSnapshot().undo?.text, 'Changed Ana (B) to Ana (A).', 'saving the same values again is no change to undo');

  const undone = editor.undo();
  assert.deepEqual(studentsAndGrades(editor), ['Ana:B', 'Ben:C'], 'back at once');
  assert.equal(await undone, undefined);
  assert.equal(editor.getSnapshot().undo, undefined);
  const stored = await t.api.getResult(ana.id);
  assert.deepEqual([stored?.grade, stored?.fullName], ['B', 'Ana Lopez']);

  await editor.edit(ana.id, { student: 'Ana', grade: 'A' });
  const ben = editor.getSnapshot().rows.find((row) => row.student === 'Ben');
  assert.ok(ben);
  await editor.remove(ben.id);
  assert.equal(editor.getSnapshot().undo?.text, 'Deleted Ben (C).');
  assert.equal(await editor.undo(), undefined);
  assert.deepEqual(await onServer(exam.id), ['Ana:A', 'Ben:C'], 'only the delete was undone');
});

test('an edit the backend refuses withdraws its undo offer', async () => {
  const exam = await newExam('Rhetoric');
  const editor = new ResultsEditor(exam.id, t.api, { scheduler: new ManualTimers() });
  await editor.add({ student: 'Ana', grade: 'B' });
  const [ana] = editor.getSnapshot().rows;
  assert.ok(ana);
  await t.api.deleteResult(ana.id);
  assert.match((await editor.edit(ana.id, { student: 'Ana', grade: 'A' })) ?? '', /^Could not change Ana \(B\) to Ana \(A\)\./);
  assert.equal(editor.getSnapshot().undo, undefined);
});

test('a result added and then deleted before the live list caught up stays deleted', async () => {
  const exam = await newExam('Economics');
  const editor = new ResultsEditor(exam.id, t.api, { scheduler: new ManualTimers() });
  editor.setServerRows([]);
  await editor.add({ student: 'Ana', grade: 'A' });
  await editor.add({ student: 'Ben', grade: 'B' });
  const ana = editor.getSnapshot().rows.find((row) => row.student === 'Ana');
  assert.ok(ana);
  assert.equal(await editor.remove(ana.id), undefined);
  assert.deepEqual(studentsAndGrades(editor), ['Ben:B']);
  assert.equal(await editor.edit(editor.getSnapshot().rows[0]?.id ?? '', { student: 'Ben', grade: 'A' }), undefined);
  editor.setServerRows([]);
  assert.deepEqual(studentsAndGrades(editor), ['Ben:A']);
  assert.deepEqual(await onServer(exam.id), ['Ben:A']);
});

test('undo pressed before the delete reached the server still ends with the result there', async () => {
  const exam = await newExam('Drama');
  const editor = new ResultsEditor(exam.id, t.api, { scheduler: new ManualTimers() });
  await editor.add({ student: 'Ana', grade: 'A' });
  const [ana] = editor.getSnapshot().rows;
  assert.ok(ana);

  const deleted = editor.remove(ana.id);
  const undone = editor.undo();
  assert.deepEqual(studentsAndGrades(editor), ['Ana:A']);
  assert.deepEqual(await Promise.all([deleted, undone]), [undefined, undefined]);
  assert.deepEqual(await onServer(exam.id), ['Ana:A']);
});

test('a delete the session no longer allows is kept until it can be sent, and the undo offer is withdrawn', async () => {
  const exam = await newExam('Latin');
  const outbox = resultsOutbox(t.api, { scheduler: new ManualTimers() });
  const editor = new ResultsEditor(exam.id, t.api, { scheduler: new ManualTimers(), outbox });
  await editor.add({ student: 'Ana', grade: 'A' });
  editor.setServerRows(await t.api.listResults(exam.id));
  const [ana] = editor.getSnapshot().rows;
  assert.ok(ana);
  t.clock.advance(2 * 60 * 60 * 1000);
  try {
    const failure = await editor.remove(ana.id);
    assert.equal(failure, `Could not delete Ana (A). Your session has ended. Sign out, sign in again, and retry. ${kept}`);
  } finally {
    t.clock.advance(-2 * 60 * 60 * 1000);
  }
  assert.deepEqual(studentsAndGrades(editor), [], 'shown deleted while it waits');
  assert.equal(editor.getSnapshot().undo, undefined);
  assert.deepEqual(await onServer(exam.id), ['Ana:A']);
  outbox.retryNow();
  await waitFor(editor, (view) => view.saving.size === 0, 'the kept delete to be sent');
  assert.deepEqual(await onServer(exam.id), []);
});

test('grades are checked against how the exam is graded and written its way; over-long values are refused', async () => {
  const exam = await newExam('Geometry');
  const editor = new ResultsEditor(exam.id, t.api);
  editor.setServerRows([]);
  editor.setGrading({ grading: 'points', maxPoints: 20 });
  assert.deepEqual(editor.problemWith({ student: 'Ana', grade: '21' }), {
    field: 'grade',
    message: 'This exam is graded in points: a number from 0 to 20 (for example 14), or absent.',
  });
  assert.equal(await editor.add({ student: 'Ana', grade: ' 14 ' }), undefined);
  editor.setGrading({ grading: 'letters' });
  assert.equal(editor.problemWith({ student: 'Ben', grade: '85' })?.field, 'grade');
  assert.equal(await editor.add({ student: 'Ben', grade: 'b+' }), undefined);
  assert.deepEqual(await onServer(exam.id), ['Ana:14/20', 'Ben:B+']);

  assert.deepEqual(editor.problemWith({ student: 'x'.repeat(61), grade: 'A' }), { field: 'student', message: 'The name students see is at most 60 characters.' });
  assert.deepEqual(editor.problemWith({ student: 'Cy', grade: 'A', fullName: 'y'.repeat(121) }), { field: 'fullName', message: 'The full name is at most 120 characters.' });
  editor.setGrading(undefined);
  assert.deepEqual(editor.problemWith({ student: 'Cy', grade: 'z'.repeat(21) }), { field: 'grade', message: 'A grade is at most 20 characters.' });
});

test('absent is recorded on any scheme, and a grade from before the scheme stays while the name is corrected', async () => {
  const exam = await newExam('Botany');
  // stored before the exam was graded with letters
  await t.api.createResult({ id: crypto.randomUUID(), examId: exam.id, student: 'Old', grade: 'pass' });
  const editor = new ResultsEditor(exam.id, t.api);
  editor.setServerRows(await t.api.listResults(exam.id));
  editor.setGrading({ grading: 'letters' });

  assert.equal(await editor.add({ student: 'Ana', grade: 'Absent' }), undefined);
  const old = editor.getSnapshot().rows.find((row) => row.student === 'Old');
  assert.equal(await editor.edit(old?.id ?? '', { student: 'Olga', grade: 'pass', fullName: 'Olga Old' }), undefined);
  assert.equal(await editor.edit(old?.id ?? '', { student: 'Olga', grade: 'pass', fullName: 'Olga Oldham' }), undefined);
  assert.equal(editor.getSnapshot().undo?.text, 'Changed the full name of Olga (pass).', 'not "Olga (pass) to Olga (pass)"');
  assert.equal(await editor.edit(old?.id ?? '', { student: 'Olga', grade: 'pas' }), 'This exam is graded with letters: A to F, with + or - (for example B+), or absent.');
  assert.deepEqual(await onServer(exam.id), ['Ana:absent', 'Olga:pass']);
});

test('the API refuses what the inputs refuse, with the same sentence, and the teacher reads it', async () => {
  const exam = await newExam('Limits');
  await assert.rejects(
    t.api.createResult({ id: crypto.randomUUID(), examId: exam.id, student: 'x'.repeat(61), grade: 'A' }),
    { message: 'The name students see is at most 60 characters.' },
  );
});
