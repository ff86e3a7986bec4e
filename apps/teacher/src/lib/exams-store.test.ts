import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTeacherBackend, type TeacherBackend } from '../test-support/teacher-backend';
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
