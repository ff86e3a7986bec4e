import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Schema } from '@exam-results/amplify/data/resource';
import { configureAmplify } from '@exam-results/amplify-config';
import { generateClient } from 'aws-amplify/data';
import { Recording, recordSubscriptionAcks, signInUser, startTempBackend, waitFor, type SignedInUser, type TempBackend } from '../testing';

// The checks amplify/data/exam-integrity.ts splices into the generated resolvers, run by the
// local backend from the synthesized assembly, through the unmodified aws-amplify client.

let t: TempBackend;
let ada: SignedInUser;
let bob: SignedInUser;
const guest = generateClient<Schema>({ authMode: 'identityPool' });
const acknowledged = recordSubscriptionAcks();

before(async () => {
  t = await startTempBackend();
  configureAmplify(t.outputs);
  ada = await signInUser(t, 'ada@school.example');
  bob = await signInUser(t, 'bob@school.example');
});
after(async () => {
  await t?.stop();
});

function errorTypes(outcome: { errors?: readonly { errorType?: string | null }[] | undefined }): (string | null | undefined)[] {
  return (outcome.errors ?? []).map((error) => error.errorType);
}

async function examOf(teacher: SignedInUser, subject: string) {
  const { data, errors } = await teacher.client.models.Exam.create({ subject, date: '2026-06-30', teacher: teacher.email });
  assert.equal(errors, undefined);
  assert.ok(data);
  return data;
}

test("another teacher can neither put a result under an exam nor move one there; the exam's owner still can", async () => {
  const algebra = await examOf(ada, 'Algebra');
  const planted = await bob.client.models.Result.create({ examId: algebra.id, student: 'Planted', grade: 'A+' });
  assert.equal(planted.data, null);
  assert.deepEqual(planted.errors?.map(({ errorType, message }) => ({ errorType, message })), [
    { errorType: 'Unauthorized', message: 'Not Authorized to access createResult on type Mutation' },
  ]);

  const bobsExam = await examOf(bob, 'Bob’s own');
  const bobsResult = (await bob.client.models.Result.create({ examId: bobsExam.id, student: 'Mo', grade: 'C' })).data;
  assert.ok(bobsResult);
  assert.deepEqual(errorTypes(await bob.client.models.Result.update({ id: bobsResult.id, examId: algebra.id })), ['Unauthorized']);
  assert.deepEqual(errorTypes(await bob.client.models.Result.update({ id: bobsResult.id, grade: 'B' })), [], 'his own result under his own exam');

  const mine = await ada.client.models.Result.create({ examId: algebra.id, student: 'A. L.', grade: 'A' });
  assert.equal(mine.errors, undefined);
  const nowhere = await ada.client.models.Result.create({ examId: 'no-such-exam', student: 'X', grade: 'A' });
  assert.deepEqual(nowhere.errors?.map(({ errorType, message }) => ({ errorType, message })), [{ errorType: 'NotFound', message: 'There is no exam no-such-exam.' }]);

  const { data: students } = await guest.models.Result.list({ filter: { examId: { eq: algebra.id } }, selectionSet: ['student'] });
  assert.deepEqual(students.map((result) => result.student), ['A. L.'], 'students see no planted grade');
});

test('an exam goes only once its results are gone, and students watching see each result and then the exam go', async () => {
  const exam = await examOf(ada, 'Chemistry');
  const results = [];
  for (const student of ['Curie', 'Franklin']) {
    const { data } = await ada.client.models.Result.create({ examId: exam.id, student, grade: 'A' });
    assert.ok(data);
    results.push(data);
  }
  const removedResults = new Recording<string>();
  const removedExams = new Recording<string>();
  const stopResults = guest.models.Result.onDelete({ filter: { examId: { eq: exam.id } }, selectionSet: ['id', 'examId'] }).subscribe({ next: (item) => removedResults.push(item.id), error: () => undefined });
  const stopExams = guest.models.Exam.onDelete({ selectionSet: ['id'] }).subscribe({ next: (item) => removedExams.push(item.id), error: () => undefined });
  await waitFor(acknowledged, (list) => list.includes('onDeleteResult') && list.includes('onDeleteExam'), 'both subscriptions acknowledged', 20000);

  const early = await ada.client.models.Exam.delete({ id: exam.id });
  assert.equal(early.data, null);
  assert.deepEqual(early.errors?.map(({ errorType, message }) => ({ errorType, message })), [
    { errorType: 'ExamHasResults', message: 'This exam still has 2 results: delete them first.' },
  ]);

  for (const result of results) assert.equal((await ada.client.models.Result.delete({ id: result.id })).errors, undefined);
  await waitFor(removedResults, (ids) => ids.length === 2, 'both results removed live', 5000);
  assert.equal((await ada.client.models.Exam.delete({ id: exam.id })).errors, undefined);
  await waitFor(removedExams, (ids) => ids.includes(exam.id), 'the exam removed live', 5000);

  const { data: left } = await guest.models.Result.list({ filter: { examId: { eq: exam.id } }, selectionSet: ['id'] });
  assert.deepEqual(left, [], 'nothing orphaned');
  stopResults.unsubscribe();
  stopExams.unsubscribe();
});
