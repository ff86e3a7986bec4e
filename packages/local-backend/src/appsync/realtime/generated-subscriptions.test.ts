import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openGuestSocket, postGraphql, signInUser, startTempBackend, type GuestSocket, type SignedInUser, type TempBackend } from '../../testing';

// Subscriptions as AppSync serves them from the generated resolvers: the subscription's own
// pipeline runs at the start (auth, and the enhanced filter it sets), arguments are compared
// literally with the mutation's answer, and the answer is all a subscriber gets.

let t: TempBackend;
let ada: SignedInUser;
let guest: GuestSocket;
let examId: string;

before(async () => {
  t = await startTempBackend();
  ada = await signInUser(t, 'ada@school.example');
  guest = await openGuestSocket(t);
  const created = await asAda('mutation ($input: CreateExamInput!) { createExam(input: $input) { id } }', { input: { subject: 'Physics', date: '2026-06-30', teacher: 'Ada' } });
  examId = (created.data?.['createExam'] as { id: string }).id;
});
after(async () => {
  guest?.client.close();
  await t?.stop();
});

async function start(id: string, query: string, variables: Record<string, unknown> = {}) {
  const answer = await guest.start(id, query, variables);
  assert.equal(answer.type, 'start_ack', JSON.stringify(answer));
}

async function asAda(query: string, variables: Record<string, unknown> = {}) {
  return (await postGraphql(t.dataUrl, JSON.stringify({ query, variables }), { authorization: await ada.accessToken() })).body;
}

const onCreateResult = 'subscription ($owner: String, $filter: ModelSubscriptionResultFilterInput) { onCreateResult(owner: $owner, filter: $filter) { id student grade examId } }';

test("a guest's subscription names its exam, or is refused before any event (the release gate); with it, events flow", async () => {
  const refusedId = 'no-exam';
  const refused = await guest.start(refusedId, onCreateResult, { owner: '' });
  assert.deepEqual(refused.payload?.errors?.map(({ errorType, message }) => ({ errorType, message })), [
    { errorType: 'Unauthorized', message: 'Guests follow the results of one exam: filter on examId (eq).' },
  ]);
  await start('one-exam', onCreateResult, { filter: { examId: { eq: examId } } });
  const created = await asAda('mutation ($input: CreateResultInput!) { createResult(input: $input) { id student grade examId owner } }', { input: { examId, student: 'Ada', grade: 'A' } });
  assert.equal(created.errors, undefined, JSON.stringify(created.errors));
  const event = await guest.client.next((message) => message.type === 'data');
  assert.equal(event.id, 'one-exam');
  assert.deepEqual(event.payload, { data: { onCreateResult: { id: (created.data?.['createResult'] as { id: string }).id, student: 'Ada', grade: 'A', examId } } });
  guest.client.send({ type: 'stop', id: 'one-exam' });
});

test('a mutation selecting fewer fields than a subscriber asks for: the subscriber gets null with AppSync\'s non-null errors', async () => {
  await start('thin', onCreateResult, { filter: { examId: { eq: examId } } });
  const created = await asAda('mutation ($input: CreateResultInput!) { createResult(input: $input) { id examId } }', { input: { examId, student: 'Leo', grade: 'B' } });
  assert.equal(created.errors, undefined, JSON.stringify(created.errors));
  const event = await guest.client.next((message) => message.type === 'data' && message.id === 'thin');
  assert.deepEqual(event.payload, {
    data: { onCreateResult: null },
    errors: [
      { message: "Cannot return null for non-nullable type: 'String' within parent 'Result' (/onCreateResult/student)", path: ['onCreateResult', 'student'] },
      { message: "Cannot return null for non-nullable type: 'String' within parent 'Result' (/onCreateResult/grade)", path: ['onCreateResult', 'grade'] },
    ],
  });
  guest.client.send({ type: 'stop', id: 'thin' });
});
