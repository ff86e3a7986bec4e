import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTeacherBackend, type TeacherBackend } from '../test-support/teacher-backend';
import { DataError } from './data-errors';
import { fromSchoolDateTimeInput, toSchoolDateTimeInput } from '@exam-results/web-shell/school-time';
import { ExamsStore } from './exams-store';

let t: TeacherBackend;

before(async () => {
  t = await startTeacherBackend();
  await t.signInNewTeacher('ada@school.example', 'Ada Lovelace');
});
after(() => t?.stop());

async function refresh(store: ExamsStore) {
  const exams = await t.listExams();
  store.setServerExams(exams);
  store.setServerResults((await Promise.all(exams.map((exam) => t.api.listResults(exam.id)))).flat());
}

const shown = (store: ExamsStore) => store.getSnapshot().exams.map(({ subject, date, resultCount }) => `${subject} ${date} ${resultCount}`);

test('created exams show at once, newest first, with their number of results', async () => {
  const store = new ExamsStore(t.api);
  store.setServerExams([]);

  const creating = store.create({ subject: ' Physics ', date: '2026-03-02', teacher: 'Ada Lovelace' });
  assert.deepEqual(shown(store), ['Physics 2026-03-02 0']);
  const [pending] = store.getSnapshot().exams;
  assert.ok(pending && store.getSnapshot().saving.has(pending.id));
  const physics = await creating;
  assert.ok('id' in physics);
  assert.equal(physics.id, pending.id);
  assert.equal(store.getSnapshot().saving.size, 0);

  const history = await store.create({ subject: 'History', date: '2026-05-20', teacher: 'Ada Lovelace' });
  await store.create({ subject: 'Art', date: '2026-05-20', teacher: 'Ada Lovelace' });
  assert.ok('id' in history);
  await t.api.createResult({ id: crypto.randomUUID(), examId: history.id, student: 'Ana', grade: 'A' });
  await t.api.createResult({ id: crypto.randomUUID(), examId: history.id, student: 'Ben', grade: 'B' });

  await refresh(store);
  assert.deepEqual(shown(store), ['Art 2026-05-20 0', 'History 2026-05-20 2', 'Physics 2026-03-02 0']);
});

test('an exam needs a subject, a real date and a teacher', () => {
  const store = new ExamsStore(t.api);
  assert.equal(store.problemWith({ subject: ' ', date: '2026-01-01', teacher: 'Ada' })?.field, 'subject');
  assert.equal(store.problemWith({ subject: 'Maths', date: '2026-02-30', teacher: 'Ada' })?.field, 'date');
  assert.equal(store.problemWith({ subject: 'Maths', date: '', teacher: 'Ada' })?.message, 'Enter the date of the exam.');
  assert.deepEqual(store.problemWith({ subject: 'Maths', date: '52025-01-01', teacher: 'Ada' }), {
    field: 'date',
    message: 'The year 52025 is not a year of exams here: choose one from 2000 to 2100.',
  });
  assert.equal(store.problemWith({ subject: 'Maths', date: '2026-02-30', teacher: 'Ada' })?.message, 'This day does not exist in that month.');
  assert.equal(store.problemWith({ subject: 'x'.repeat(121), date: '2026-01-01', teacher: 'Ada' })?.message, 'The subject is at most 120 characters.');
  assert.deepEqual(store.problemWith({ subject: 'Maths', date: '2026-01-01', teacher: 'Ada', grading: 'points', maxPoints: '' }), {
    field: 'maxPoints',
    message: 'Enter what the exam is marked out of: a whole number from 1 to 10000.',
  });
  assert.equal(store.problemWith({ subject: 'Maths', date: '2026-01-01', teacher: 'Ada', grading: 'points', maxPoints: '2.5' })?.field, 'maxPoints');
  assert.equal(store.problemWith({ subject: 'Maths', date: '2026-01-01', teacher: 'Ada', grading: 'points', maxPoints: '20' }), undefined);
  assert.equal(store.problemWith({ subject: 'Maths', date: '2026-01-01', teacher: '' })?.field, 'teacher');
  assert.equal(store.problemWith({ subject: 'Maths', date: '2026-01-01', teacher: 'Ada' }), undefined);
});

test('editing an exam shows the change at once and saves it', async () => {
  const store = new ExamsStore(t.api);
  const created = await store.create({ subject: 'Chemistry', date: '2026-01-10', teacher: 'Ada Lovelace' });
  assert.ok('id' in created);

  const saving = store.update(created.id, { subject: 'Organic chemistry', date: '2026-01-11', teacher: 'A. Lovelace' });
  assert.deepEqual(shown(store), ['Organic chemistry 2026-01-11 0']);
  assert.equal(await saving, undefined);
  const stored = (await t.listExams()).find((exam) => exam.id === created.id);
  assert.deepEqual([stored?.subject, stored?.date, stored?.teacher], ['Organic chemistry', '2026-01-11', 'A. Lovelace']);
});

test('deleting an exam deletes its results too', async () => {
  const store = new ExamsStore(t.api);
  const created = await store.create({ subject: 'Biology', date: '2026-02-01', teacher: 'Ada Lovelace' });
  assert.ok('id' in created);
  for (const student of ['Ana', 'Ben', 'Cy', 'Dee', 'Eve', 'Finn']) {
    await t.api.createResult({ id: crypto.randomUUID(), examId: created.id, student, grade: 'A' });
  }
  await refresh(store);

  const deleting = store.remove(created.id);
  assert.equal(store.getSnapshot().exams.some((exam) => exam.id === created.id), false, 'gone at once');
  assert.equal(await deleting, undefined);
  assert.deepEqual(await t.api.listResults(created.id), []);
  assert.equal((await t.listExams()).some((exam) => exam.id === created.id), false);
});

test('a delete the backend refuses brings the exam back with a readable message', async () => {
  const store = new ExamsStore(t.api);
  const created = await store.create({ subject: 'Music', date: '2026-02-02', teacher: 'Ada Lovelace' });
  assert.ok('id' in created);
  await refresh(store);

  t.clock.advance(2 * 60 * 60 * 1000);
  try {
    assert.equal(
      await store.remove(created.id),
      'Could not delete the Music exam. Your session has ended. Sign out, sign in again, and retry.',
    );
  } finally {
    t.clock.advance(-2 * 60 * 60 * 1000);
  }
  assert.ok(store.getSnapshot().exams.some((exam) => exam.id === created.id));
  assert.equal(store.getSnapshot().notices.length, 1);
  assert.ok((await t.listExams()).some((exam) => exam.id === created.id));
});

test('an exam keeps how it is graded; changing it to points stores the maximum', async () => {
  const store = new ExamsStore(t.api);
  const created = await store.create({ subject: 'Latin', date: '2026-02-03', teacher: 'Ada Lovelace', grading: 'letters' });
  assert.ok('id' in created);
  assert.equal(await store.update(created.id, { subject: 'Latin', date: '2026-02-03', teacher: 'Ada Lovelace', grading: 'points', maxPoints: ' 40 ' }), undefined);
  const stored = (await t.listExams()).find((exam) => exam.id === created.id);
  assert.deepEqual([stored?.grading, stored?.maxPoints], ['points', 40]);
});

async function examWithResults(subject: string, students: readonly string[]) {
  const exam = await t.api.createExam({ id: crypto.randomUUID(), subject, date: '2026-02-04', teacher: 'Ada' });
  for (const student of students) await t.api.createResult({ id: crypto.randomUUID(), examId: exam.id, student, grade: 'A' });
  return exam;
}

test('a result added in another tab while the exam is being deleted is deleted too, then the exam', async () => {
  const exam = await examWithResults('Geography', ['Ana', 'Ben']);
  let listings = 0;
  const store = new ExamsStore({
    ...t.api,
    async listResults(examId) {
      const rows = await t.api.listResults(examId);
      // after the first listing, the other tab adds one the exam's deletion then meets
      if (listings++ === 0) await t.otherTab().createResult({ id: crypto.randomUUID(), examId, student: 'Late', grade: 'B' });
      return rows;
    },
  });
  await refresh(store);
  assert.equal(await store.remove(exam.id), undefined);
  assert.equal(listings, 2, 'the API refused the exam once (ExamHasResults), and the next round cleared it');
  assert.deepEqual(await t.api.listResults(exam.id), []);
  assert.equal((await t.listExams()).some((candidate) => candidate.id === exam.id), false);
});

test('when a result cannot be deleted, the exam is kept with it, the others are gone, and the notice says so', async () => {
  const exam = await examWithResults('Drama', ['Ana', 'Ben', 'Cy']);
  const [stuck] = await t.api.listResults(exam.id);
  assert.ok(stuck);
  const store = new ExamsStore({
    ...t.api,
    async deleteResult(id) {
      if (id === stuck.id) throw new DataError('The server could not be reached. Check your connection and try again.');
      return t.api.deleteResult(id);
    },
  });
  await refresh(store);
  assert.equal(
    await store.remove(exam.id),
    'Could not delete the Drama exam. 2 results were deleted; 1 result is left, so the exam was kept. The server could not be reached. Check your connection and try again.',
  );
  assert.deepEqual((await t.api.listResults(exam.id)).map((row) => row.id), [stuck.id]);
  assert.ok((await t.listExams()).some((candidate) => candidate.id === exam.id));
  assert.ok(store.getSnapshot().exams.some((candidate) => candidate.id === exam.id), 'the exam is shown again');
});

test('a new exam keeps the release its teacher chose: held at a time on the school clock, held by hand, or live', async () => {
  const store = new ExamsStore(t.api);
  store.setServerExams([]);
  const at = toSchoolDateTimeInput(new Date(Date.now() + 86_400_000).toISOString());
  const scheduled = await store.create({ subject: 'Scheduled', date: '2026-08-20', teacher: 'Ada Lovelace', releaseMode: 'scheduled', releaseAt: at });
  const manual = await store.create({ subject: 'By hand', date: '2026-08-20', teacher: 'Ada Lovelace', releaseMode: 'manual' });
  const live = await store.create({ subject: 'Live', date: '2026-08-20', teacher: 'Ada Lovelace', releaseMode: 'live' });
  const stored = new Map((await t.listExams()).map((exam) => [exam.subject, exam]));
  assert.ok('id' in scheduled && 'id' in manual && 'id' in live);
  assert.deepEqual([stored.get('Scheduled')?.release, stored.get('Scheduled')?.releaseAt], ['held', fromSchoolDateTimeInput(at)]);
  assert.deepEqual([stored.get('By hand')?.release, stored.get('By hand')?.releaseAt], ['held', null]);
  assert.deepEqual([stored.get('Live')?.release, stored.get('Live')?.releaseAt], ['live', null]);

  const past = await store.create({ subject: 'Too late', date: '2026-08-20', teacher: 'Ada Lovelace', releaseMode: 'scheduled', releaseAt: toSchoolDateTimeInput(new Date(Date.now() - 60_000).toISOString()) });
  assert.deepEqual(past, { failure: 'That time has passed: choose a later one, or release the results by hand.' });
});
