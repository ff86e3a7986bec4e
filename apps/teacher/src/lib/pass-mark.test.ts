import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTeacherBackend, waitFor, type TeacherBackend } from '../test-support/teacher-backend';
import { watchTeacherExam } from './data-api';
import { savePassMark } from './pass-mark';

let t: TeacherBackend;

before(async () => {
  t = await startTeacherBackend();
  await t.signInNewTeacher('rosalind@school.example');
});
after(() => t?.stop());

/** The exam's pass mark as the server has it now. */
async function storedPassMark(examId: string): Promise<string | null | undefined> {
  const { data } = await t.client.models.Exam.get({ id: examId }, { selectionSet: ['passMark'] });
  return data?.passMark;
}

test('a pass mark is checked against the exam’s scheme, stored on the exam as the scheme writes grades, and cleared', async () => {
  const grading = { grading: 'percentage' as const, maxPoints: null };
  const exam = await t.api.createExam({ id: crypto.randomUUID(), subject: 'Biology', date: '2026-06-12', teacher: 'Rosalind', ...grading });
  assert.equal(await storedPassMark(exam.id), null);

  assert.deepEqual(await savePassMark(t.client, exam.id, '50', grading), { passMark: '50%' });
  assert.equal(await storedPassMark(exam.id), '50%');

  const refused = await savePassMark(t.client, exam.id, 'B', grading);
  assert.match('problem' in refused ? refused.problem : '', /graded in percent/);
  assert.equal(await storedPassMark(exam.id), '50%', 'a refused pass mark is not stored');

  assert.deepEqual(await savePassMark(t.client, exam.id, ' ', grading), { passMark: null });
  assert.equal(await storedPassMark(exam.id), null);
});

test('an open exam page keeps the exam’s subject and grading when its pass mark is set', async () => {
  const grading = { grading: 'letters' as const, maxPoints: null };
  const exam = await t.api.createExam({ id: crypto.randomUUID(), subject: 'Geology', date: '2026-06-13', teacher: 'Rosalind', ...grading });
  const live = watchTeacherExam(t.client, exam.id);
  const store = { subscribe: (listener: () => void) => live.subscribe(listener), getSnapshot: () => live.getState() };
  try {
    await waitFor(store, (state) => state.loaded && state.status === 'live', 'the exam is live');
    await savePassMark(t.client, exam.id, 'c', grading);
    const { items } = await waitFor(store, (state) => state.items[0]?.updatedAt !== exam.updatedAt, 'the update event');
    assert.deepEqual(
      items.map(({ subject, grading: scheme }) => [subject, scheme]),
      [['Geology', 'letters']],
    );
  } finally {
    live.close();
  }
});
