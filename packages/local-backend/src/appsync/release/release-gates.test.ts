import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Schema } from '@exam-results/amplify/data/resource';
import { configureAmplify } from '@exam-results/amplify-config';
import { generateClient } from 'aws-amplify/data';
import { openGuestSocket, signInUser, startTempBackend, type SignedInUser, type TempBackend } from '../../testing';

// The release gates amplify/data/release-gates.ts splices into the generated resolvers, run by the
// local backend from the synthesized assembly: a guest reaches no result of an exam before its
// release by any path, and reaches them all after it. The backend's clock is moved, never slept on.

let t: TempBackend;
let ada: SignedInUser;
const guest = generateClient<Schema>({ authMode: 'identityPool' });
// Within the five minutes SigV4 allows between a request's signing time and the server's clock, so that moving the
// backend's clock invalidates no signature (nor the hour-long credentials and tokens).
const fourMinutesMs = 240_000;

before(async () => {
  t = await startTempBackend();
  configureAmplify(t.outputs);
  ada = await signInUser(t, 'ada@school.example');
});
after(async () => {
  await t?.stop();
});

const inFourMinutes = () => new Date(t.clock.now().getTime() + fourMinutesMs).toISOString();

async function examWithResults(release: { release?: 'live' | 'held'; releaseAt?: string | null }, students = ['Ada', 'Bo']) {
  const { data: exam, errors } = await ada.client.models.Exam.create({ subject: 'Physics', date: '2026-08-20', teacher: 'Ada', ...release });
  assert.equal(errors, undefined, JSON.stringify(errors));
  assert.ok(exam);
  const ids: string[] = [];
  for (const student of students) {
    const { data } = await ada.client.models.Result.create({ examId: exam.id, student, grade: 'A' });
    assert.ok(data);
    ids.push(data.id);
  }
  return { exam, ids };
}

/** What a guest reads of an exam's results by each query path. */
async function guestReads(examId: string, resultId: string) {
  const listed = await guest.models.Result.list({ filter: { examId: { eq: examId } }, selectionSet: ['student'] });
  const indexed = await guest.models.Result.listResultsByExam({ examId }, { selectionSet: ['student'] });
  const got = await guest.models.Result.get({ id: resultId }, { selectionSet: ['student'] });
  const related = await guest.models.Exam.get({ id: examId }, { selectionSet: ['subject', 'results.student'] });
  assert.equal(listed.errors, undefined, JSON.stringify(listed.errors));
  assert.equal(indexed.errors, undefined, JSON.stringify(indexed.errors));
  assert.equal(related.errors, undefined, JSON.stringify(related.errors));
  return {
    index: indexed.data.map((result) => result.student).sort(),
    list: listed.data.map((result) => result.student).sort(),
    get: got.data?.student ?? null,
    relationship: related.data?.results.map((result) => result.student).sort() ?? null,
  };
}

/** A guest's raw real-time connection, with a start of one of the Result subscriptions (on one exam's results, or on all). */
async function guestSocket() {
  const socket = await openGuestSocket(t);
  return {
    client: socket.client,
    async start(id: string, field: 'onCreateResult' | 'onUpdateResult' | 'onDeleteResult', examId: string | undefined) {
      const query = `subscription ($filter: ModelSubscriptionResultFilterInput) { ${field}(filter: $filter) { id examId student grade } }`;
      await socket.sendStart(id, query, examId === undefined ? {} : { filter: { examId: { eq: examId } } });
      return socket.client.next((message) => message.id === id && message.type !== 'data');
    },
  };
}

test('before a scheduled release a guest reads none of the results by any path, after it all of them; the teacher always', async () => {
  const { exam, ids } = await examWithResults({ release: 'held', releaseAt: inFourMinutes() });
  const [first] = ids as [string];
  assert.deepEqual(await guestReads(exam.id, first), { index: [], list: [], get: null, relationship: [] });
  const { data: own } = await ada.client.models.Result.list({ filter: { examId: { eq: exam.id } } });
  assert.equal(own.length, 2, 'the teacher reads her own results before the release');
  const { data: visible } = await guest.models.Exam.get({ id: exam.id }, { selectionSet: ['subject', 'release', 'releaseAt'] });
  assert.equal(visible?.subject, 'Physics', 'guests see the exam itself, and when its results come');

  t.clock.advance(fourMinutesMs + 1000);
  assert.deepEqual(await guestReads(exam.id, first), { index: ['Ada', 'Bo'], list: ['Ada', 'Bo'], get: 'Ada', relationship: ['Ada', 'Bo'] });
  t.clock.reset();
});

test('held without a time, results stay hidden until the teacher releases them by hand', async () => {
  const { exam, ids } = await examWithResults({ release: 'held' });
  assert.deepEqual(await guestReads(exam.id, ids[0] as string), { index: [], list: [], get: null, relationship: [] });
  t.clock.advance(fourMinutesMs);
  assert.deepEqual(await guestReads(exam.id, ids[0] as string), { index: [], list: [], get: null, relationship: [] }, 'no time passing releases them');
  t.clock.reset();
  await ada.client.models.Exam.update({ id: exam.id, releaseAt: t.clock.now().toISOString() });
  assert.deepEqual(await guestReads(exam.id, ids[0] as string), { index: ['Ada', 'Bo'], list: ['Ada', 'Bo'], get: 'Ada', relationship: ['Ada', 'Bo'] });
});

test('live exams, and exams from before releases existed, are read as they are entered', async () => {
  for (const release of [{}, { release: 'live' as const }]) {
    const { exam, ids } = await examWithResults(release);
    assert.deepEqual(await guestReads(exam.id, ids[0] as string), { index: ['Ada', 'Bo'], list: ['Ada', 'Bo'], get: 'Ada', relationship: ['Ada', 'Bo'] });
  }
});

test('a guest lists and follows one exam at a time: without an examId filter the list and the subscriptions are refused', async () => {
  const listed = await guest.models.Result.list({ selectionSet: ['student'] });
  assert.deepEqual(listed.errors?.map(({ errorType, message }) => ({ errorType, message })), [
    { errorType: 'Unauthorized', message: 'Guests list the results of one exam: filter on examId (eq).' },
  ]);
  const { client, start } = await guestSocket();
  const refused = await start('everything', 'onCreateResult', undefined);
  assert.equal(refused.type, 'error');
  assert.deepEqual(refused.payload?.errors?.map(({ errorType, message }) => ({ errorType, message })), [
    { errorType: 'Unauthorized', message: 'Guests follow the results of one exam: filter on examId (eq).' },
  ]);
  client.close();
});

test('a guest cannot subscribe before the release, can after it, and a withdrawn release closes the subscriptions', async () => {
  const { exam } = await examWithResults({ release: 'held', releaseAt: inFourMinutes() }, []);
  const { client, start } = await guestSocket();
  const early = await start('early', 'onCreateResult', exam.id);
  assert.equal(early.type, 'error');
  assert.deepEqual(early.payload?.errors?.map(({ errorType, message }) => ({ errorType, message })), [
    { errorType: 'Unauthorized', message: 'The results of this exam are not released yet.' },
  ]);

  t.clock.advance(fourMinutesMs + 1000);
  for (const field of ['onCreateResult', 'onUpdateResult', 'onDeleteResult'] as const) assert.equal((await start(field, field, exam.id)).type, 'start_ack');
  const { data: created } = await ada.client.models.Result.create({ examId: exam.id, student: 'Cy', grade: 'B' });
  assert.ok(created);
  const event = await client.next((message) => message.id === 'onCreateResult' && message.type === 'data');
  assert.deepEqual(event.payload, { data: { onCreateResult: { id: created.id, examId: exam.id, student: 'Cy', grade: 'B' } } });

  const withdrawn = await ada.client.models.Exam.update({ id: exam.id, releaseAt: null });
  assert.equal(withdrawn.errors, undefined, JSON.stringify(withdrawn.errors));
  for (const field of ['onCreateResult', 'onUpdateResult', 'onDeleteResult']) {
    await client.next((message) => message.id === field && message.type === 'complete');
  }
  await ada.client.models.Result.update({ id: created.id, grade: 'C' });
  await assert.rejects(client.next((message) => message.type === 'data', 300), /timed out waiting for a matching message/, 'nothing more reaches the page');
  client.close();
  t.clock.reset();
});

test("moving a release later closes the open subscriptions of that exam only; another exam's stay open", async () => {
  const { exam: moved } = await examWithResults({ release: 'held', releaseAt: t.clock.now().toISOString() }, []);
  const { exam: other } = await examWithResults({ release: 'held', releaseAt: t.clock.now().toISOString() }, []);
  t.clock.advance(1000);
  const { client, start } = await guestSocket();
  assert.equal((await start('moved', 'onCreateResult', moved.id)).type, 'start_ack');
  assert.equal((await start('other', 'onCreateResult', other.id)).type, 'start_ack');
  await ada.client.models.Exam.update({ id: moved.id, releaseAt: inFourMinutes() });
  await client.next((message) => message.id === 'moved' && message.type === 'complete');
  await ada.client.models.Result.create({ examId: other.id, student: 'Di', grade: 'A' });
  const event = await client.next((message) => message.type === 'data');
  assert.equal(event.id, 'other');
  client.close();
  t.clock.reset();
});
