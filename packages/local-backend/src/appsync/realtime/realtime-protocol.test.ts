import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  guestCredentials,
  headerSubprotocol,
  RawRealtimeClient,
  realtimeAuthorization,
  signInUser,
  startMessage,
  startTempBackend,
  type AwsCredentials,
  type SignedInUser,
  type TempBackend,
} from '../../testing';

// The protocol seen from a bare WebSocket client: what the Amplify client never sends, and the limits.

const keepAliveIntervalMs = 150;
const onCreateResult = 'subscription ($filter: ModelSubscriptionResultFilterInput) { onCreateResult(filter: $filter) { id grade student examId } }';

let t: TempBackend;
let guest: AwsCredentials;
let teacher: SignedInUser;
let examId: string;

before(async () => {
  t = await startTempBackend({ realtime: { keepAliveIntervalMs } });
  guest = await guestCredentials(t.outputs);
  teacher = await signInUser(t, 'protocol@school.example');
  const { data } = await teacher.client.models.Exam.create({ subject: 'Protocol', date: '2026-06-30', teacher: 'Protocol' });
  examId = data?.id ?? '';
});
after(async () => {
  await t?.stop();
});

/** The authorization of a real-time message signed with `credentials` over `POST <url>` with `body`. */
function signed(credentials: AwsCredentials, url: string, body: string): Promise<Record<string, string>> {
  return realtimeAuthorization(credentials, url, body, { region: t.region });
}

async function guestConnect(): Promise<RawRealtimeClient> {
  return RawRealtimeClient.connect(t.realtimeUrl, await signed(guest, `${t.dataUrl}/connect`, '{}'));
}

// A guest follows one exam's results (amplify/data/resolvers/subscription-release.ts): by default, the test exam's.
async function guestStart(client: RawRealtimeClient, id: string, query = onCreateResult, variables: Record<string, unknown> = { filter: { examId: { eq: examId } } }): Promise<void> {
  const data = JSON.stringify({ query, variables });
  client.send(startMessage(id, data, await signed(guest, t.dataUrl, data)));
}

const isType = (type: string, id?: string) => (message: { type: string; id?: string }) =>
  message.type === type && (id === undefined || message.id === id);

test('the handshake echoes graphql-ws, acknowledges with connectionTimeoutMs and keeps the connection alive', async () => {
  const headers = await signed(guest, `${t.dataUrl}/connect`, '{}');
  const client = await RawRealtimeClient.open(t.realtimeUrl, ['graphql-ws', headerSubprotocol(headers)]);
  assert.equal(client.socket.protocol, 'graphql-ws');
  client.send({ type: 'connection_init' });
  const ack = await client.next(isType('connection_ack'));
  assert.deepEqual(ack.payload, { connectionTimeoutMs: 300000 });
  // The first ka follows the ack at once, then they keep coming. Their spacing is printed, not
  // asserted: on real timers a loaded machine can stretch or bunch it.
  await client.next(isType('ka'));
  const first = performance.now();
  await client.next(isType('ka'));
  await client.next(isType('ka'));
  const spacing = (performance.now() - first) / 2;
  console.log(`keep-alive: ${spacing.toFixed(0)} ms apart on average (configured ${keepAliveIntervalMs} ms)`);
  client.close();
});

test('an upgrade that does not offer graphql-ws is refused before the handshake', async () => {
  await assert.rejects(RawRealtimeClient.open(t.realtimeUrl, ['graphql-transport-ws']), /Unexpected server response: 400/);
});

test('a connection without credentials, or with a tampered connect signature, gets connection_error and is closed', async () => {
  const anonymous = await RawRealtimeClient.open(t.realtimeUrl);
  anonymous.send({ type: 'connection_init' });
  const refused = await anonymous.next(isType('connection_error'));
  assert.deepEqual(refused.payload?.errors, [{ errorType: 'UnauthorizedException', message: 'Missing authorization header', errorCode: 401 }]);
  assert.equal((await anonymous.closedBy()).code, 4401);

  const headers = await signed(guest, `${t.dataUrl}/connect`, '{}');
  const signedAt = headers['x-amz-date'] ?? '';
  const otherSecond = signedAt.replace(/\d(?=Z$)/, (digit) => String((Number(digit) + 1) % 10));
  const tampered = await RawRealtimeClient.open(t.realtimeUrl, ['graphql-ws', headerSubprotocol({ ...headers, 'x-amz-date': otherSecond })]);
  tampered.send({ type: 'connection_init' });
  const forbidden = await tampered.next(isType('connection_error'));
  assert.equal(forbidden.payload?.errors?.[0]?.errorType, 'InvalidSignatureException');
  assert.equal(forbidden.payload?.errors?.[0]?.errorCode, 403);
  assert.equal((await tampered.closedBy()).code, 4403);
});

test('a tampered start signature is refused with an error and the connection keeps serving', async () => {
  const client = await guestConnect();
  const data = JSON.stringify({ query: onCreateResult, variables: { filter: { examId: { eq: examId } } } });
  const authorization = await signed(guest, t.dataUrl, data);
  // Signed for one filter, sent with another: the body no longer matches the signature.
  client.send(startMessage('tampered', data.replace(examId, 'another-exam'), authorization));
  const refused = await client.next(isType('error', 'tampered'));
  assert.equal(refused.payload?.errors?.[0]?.errorType, 'InvalidSignatureException');
  assert.match(refused.payload?.errors?.[0]?.message ?? '', /signature we calculated does not match/);

  // A signature over the connect path does not authorize a start either.
  client.send(startMessage('wrong-path', data, await signed(guest, `${t.dataUrl}/connect`, data)));
  assert.equal((await client.next(isType('error', 'wrong-path'))).payload?.errors?.[0]?.errorType, 'InvalidSignatureException');

  client.send(startMessage('honest', data, authorization));
  await client.next(isType('start_ack', 'honest'));
  client.close();
});

test('the 101st subscription on one connection is refused; stopping one makes room', async () => {
  const client = await guestConnect();
  for (let index = 1; index <= 100; index += 1) await guestStart(client, `sub-${index}`);
  for (let index = 1; index <= 100; index += 1) await client.next(isType('start_ack', `sub-${index}`));
  await guestStart(client, 'sub-101');
  const refused = await client.next(isType('error', 'sub-101'));
  assert.deepEqual(refused.payload?.errors, [{ errorType: 'MaxSubscriptionsReachedError', message: 'Max number of 100 subscriptions reached' }]);

  client.send({ type: 'stop', id: 'sub-7' });
  await client.next(isType('complete', 'sub-7'));
  await guestStart(client, 'sub-101');
  await client.next(isType('start_ack', 'sub-101'));
  client.close();
});

test('protocol violations get a clear error or close, and the server keeps serving', async () => {
  const early = await RawRealtimeClient.open(t.realtimeUrl);
  early.send(startMessage('too-soon', '{}', {}));
  const notInitialised = await early.next(isType('connection_error'));
  assert.deepEqual(notInitialised.payload?.errors, [{ errorType: 'BadRequestException', message: 'Expected connection_init, got start', errorCode: 400 }]);
  assert.equal((await early.closedBy()).code, 4400);

  const client = await guestConnect();
  client.send({ type: 'publish', id: 'p1' });
  assert.deepEqual((await client.next(isType('error', 'p1'))).payload?.errors, [
    { errorType: 'UnsupportedOperation', message: 'publish not supported through the realtime channel' },
  ]);

  await guestStart(client, 'twice');
  await client.next(isType('start_ack', 'twice'));
  await guestStart(client, 'twice');
  assert.deepEqual((await client.next(isType('error', 'twice'))).payload?.errors, [
    { errorType: 'DuplicatedOperationError', message: 'Duplicated operation with id twice' },
  ]);

  client.send({ type: 'start', payload: {} });
  assert.equal((await client.next(isType('error'))).payload?.errors?.[0]?.message, 'Invalid message: "start" needs a non-empty "id"');
  assert.equal((await client.closedBy()).code, 4400);

  const garbled = await guestConnect();
  garbled.send('{"type": "start",');
  assert.deepEqual((await garbled.next(isType('error'))).payload?.errors, [{ errorType: 'BadRequestException', message: 'Invalid message: not JSON' }]);
  assert.deepEqual(await garbled.closedBy(), { code: 4400, reason: 'Invalid message: not JSON' });

  const binary = await guestConnect();
  binary.socket.send(Buffer.from('{"type":"connection_init"}'), { binary: true });
  assert.equal((await binary.closedBy()).code, 4400);

  const reinit = await guestConnect();
  reinit.send({ type: 'connection_init' });
  assert.deepEqual(await reinit.closedBy(), { code: 4429, reason: 'Too many initialisation requests' });

  const after = await guestConnect();
  await guestStart(after, 'still-serving');
  await after.next(isType('start_ack', 'still-serving'));
  after.close();
});

test('a connection that never sends connection_init is closed', async () => {
  // The deadline is 15 s by default; this backend's is not shortened, so check the timer through a second backend.
  const quick = await startTempBackend({ realtime: { connectionInitTimeoutMs: 100 } });
  try {
    const idle = await RawRealtimeClient.open(quick.realtimeUrl);
    assert.deepEqual(await idle.closedBy(), { code: 4408, reason: 'Connection initialisation timeout' });
  } finally {
    await quick.stop();
  }
});

test('documents that are not one valid subscription are refused with AppSync error types', async () => {
  const client = await guestConnect();
  await guestStart(client, 'query', 'query { listResults { items { id } } }');
  assert.deepEqual((await client.next(isType('error', 'query'))).payload?.errors, [
    { errorType: 'UnsupportedOperation', message: 'query not supported through the realtime channel' },
  ]);
  await guestStart(client, 'syntax', 'subscription { onCreateResult { id ');
  assert.equal((await client.next(isType('error', 'syntax'))).payload?.errors?.[0]?.errorType, 'InvalidSyntax');
  await guestStart(client, 'unknown-field', 'subscription { onCreateResult { id mark } }');
  assert.deepEqual((await client.next(isType('error', 'unknown-field'))).payload?.errors, [
    { errorType: 'ValidationError', message: "Validation error of type FieldUndefined: Field 'mark' in type 'Result' is undefined @ 'mark'" },
  ]);
  await guestStart(client, 'not', onCreateResult, { filter: { examId: { eq: examId }, not: { grade: { eq: 'A' } } } });
  assert.match((await client.next(isType('error', 'not'))).payload?.errors?.[0]?.message ?? '', /contains a field name 'not'/);
  const eleven = Array.from({ length: 11 }, (_, index) => ({ student: { eq: `s${index}` } }));
  await guestStart(client, 'too-many', onCreateResult, { filter: { examId: { eq: examId }, or: eleven } });
  assert.deepEqual((await client.next(isType('error', 'too-many'))).payload?.errors, [
    { errorType: 'ValidationError', message: 'Filters combination exceed maximum limit 10 for subscription.' },
  ]);
  client.send(startMessage('no-auth', JSON.stringify({ query: onCreateResult }), {}));
  assert.equal((await client.next(isType('error', 'no-auth'))).payload?.errors?.[0]?.errorType, 'UnauthorizedException');
  client.close();
});

test('subscriptions the @auth rules do not allow are refused, as the generated resolvers refuse them', async () => {
  const token = await teacher.accessToken();
  const host = new URL(t.dataUrl).host;
  const asTeacher = await RawRealtimeClient.connect(t.realtimeUrl, { Authorization: token, host });
  const start = (id: string, query: string, variables: Record<string, unknown> = {}) =>
    asTeacher.send(startMessage(id, JSON.stringify({ query, variables }), { Authorization: token, host }));

  start('someone-else', 'subscription { onCreateResult(owner: "someone-else") { id } }');
  assert.deepEqual((await asTeacher.next(isType('error', 'someone-else'))).payload?.errors, [
    { errorType: 'Unauthorized', message: 'Not Authorized to access onCreateResult on type Subscription' },
  ]);
  // The owner scope is a filter on the owner field, so a filter of the client's own on it collides.
  start('own-owner-filter', onCreateResult, { filter: { owner: { eq: 'anyone' } } });
  assert.deepEqual((await asTeacher.next(isType('error', 'own-owner-filter'))).payload?.errors, [
    { errorType: 'ValidationError', message: 'subscription filter uses same fieldName multiple time' },
  ]);
  start('own', onCreateResult);
  await asTeacher.next(isType('start_ack', 'own'));
  asTeacher.close();

  // A signed-in teacher's identity-pool credentials carry the authenticated role, which no rule of Result names.
  const teacherCredentials = await teacher.credentials();
  const viaIam = await RawRealtimeClient.connect(t.realtimeUrl, await signed(teacherCredentials, `${t.dataUrl}/connect`, '{}'));
  const data = JSON.stringify({ query: onCreateResult, variables: {} });
  viaIam.send(startMessage('authenticated-role', data, await signed(teacherCredentials, t.dataUrl, data)));
  assert.deepEqual((await viaIam.next(isType('error', 'authenticated-role'))).payload?.errors, [
    { errorType: 'Unauthorized', message: 'Not Authorized to access onCreateResult on type Subscription' },
  ]);
  viaIam.close();
});

// The 240 kB limits are tested on a backend with an unbounded text: js-resolvers/custom-operations.test.ts.
