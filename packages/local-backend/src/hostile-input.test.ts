import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { WebSocket } from 'ws';
import {
  guestCredentials,
  headerSubprotocol,
  realtimeAuthorization,
  signInUser,
  startMessage,
  startTempBackend,
  type AwsCredentials,
  type TempBackend,
} from './testing';

// Property-based fuzzing of every entry point: requests the real client sends, mutated and
// random. Whatever arrives, the backend answers below 500 in the AWS shape of the service, and
// a good request right after is still served. Each property is bounded in runs and in time.

let t: TempBackend;
let token: string;
/** A second user's access token, fed to the fuzzed calls: GlobalSignOut or RevokeToken may end it. */
let fuzzedToken: string;
let guest: AwsCredentials;

before(async () => {
  // The identity pool's quotas are tested on their own; here they would only throttle the fuzzing.
  t = await startTempBackend({ identityPoolQuotas: false });
  const teacher = await signInUser(t, 'fuzz@school.example');
  token = await teacher.accessToken();
  fuzzedToken = await (await signInUser(t, 'fuzzed@school.example')).accessToken();
  guest = await guestCredentials(t.outputs);
});
after(async () => {
  await t?.stop();
});

const bounds = { numRuns: 80, interruptAfterTimeLimit: 12_000, markInterruptAsFailure: false };

/** A text with a slice replaced, cut short or with a character inserted: how a valid request is mutated. */
function mutated(valid: string): fc.Arbitrary<string> {
  return fc.oneof(
    fc.tuple(fc.nat({ max: valid.length }), fc.nat({ max: 12 }), fc.string({ maxLength: 12, unit: 'binary' })).map(([at, cut, text]) => valid.slice(0, at) + text + valid.slice(at + cut)),
    fc.nat({ max: valid.length }).map((at) => valid.slice(0, at)),
    fc.tuple(fc.nat({ max: valid.length }), fc.constantFrom('{', '}', '[', ']', '"', '\\', '\u0000', ':', ',', '$', '@', '#')).map(([at, char]) => valid.slice(0, at) + char.repeat(at % 7 === 0 ? 20_000 : 1) + valid.slice(at)),
  );
}

/**
 * JSON text nested up to 30,000 deep: arrays, objects, or filters (`{ "and": [...] }`), written
 * as text so this side never recurses over it.
 */
const deeplyNested = fc.tuple(fc.oneof(fc.constantFrom(600, 2000, 10_000, 30_000), fc.integer({ min: 100, max: 30_000 })), fc.constantFrom('array', 'object', 'filter')).map(([depth, shape]) => {
  if (shape === 'array') return `${'['.repeat(depth)}"leaf"${']'.repeat(depth)}`;
  if (shape === 'object') return `${'{"and":'.repeat(depth)}"leaf"${'}'.repeat(depth)}`;
  return `${'{"and":['.repeat(depth)}{"subject":{"eq":"x"}}${']}'.repeat(depth)}`;
});
const jsonText = fc.oneof(fc.jsonValue().map((value) => JSON.stringify(value)), deeplyNested);

async function post(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; errorType: string | null; text: string }> {
  const response = await fetch(url, { method: 'POST', headers, body });
  return { status: response.status, errorType: response.headers.get('x-amzn-errortype'), text: await response.text() };
}

function json(text: string): Record<string, unknown> {
  const value: unknown = JSON.parse(text);
  assert.ok(typeof value === 'object' && value !== null && !Array.isArray(value), `a JSON object: ${text.slice(0, 200)}`);
  return value as Record<string, unknown>;
}

/** An AppSync answer: a refusal `{ errors: [{ errorType, message }] }` with its type in the header, or a GraphQL result. */
function assertAppSyncShape(answer: { status: number; errorType: string | null; text: string }): void {
  assert.ok(answer.status < 500, `HTTP ${answer.status}: ${answer.text.slice(0, 300)}`);
  const body = json(answer.text);
  const errors = body['errors'];
  if (answer.status !== 200) {
    assert.ok(Array.isArray(errors) && errors.length > 0, answer.text.slice(0, 300));
    assert.equal(answer.errorType, (errors[0] as { errorType?: unknown }).errorType);
  } else assert.ok('data' in body || Array.isArray(errors), answer.text.slice(0, 300));
  for (const error of Array.isArray(errors) ? (errors as Record<string, unknown>[]) : []) {
    assert.equal(typeof error['message'], 'string');
    assert.ok(!/Maximum call stack|RangeError|TypeError|at .*\.ts:\d+/.test(String(error['message'])), String(error['message']));
  }
}

const listExams = 'query ListExams($filter: ModelExamFilterInput, $limit: Int, $nextToken: String) { listExams(filter: $filter, limit: $limit, nextToken: $nextToken) { items { id subject date teacher owner createdAt updatedAt __typename } nextToken __typename } }';
const createExam = 'mutation CreateExam($input: CreateExamInput!) { createExam(input: $input) { id subject date teacher owner __typename } }';
const validGraphqlBodies = [
  JSON.stringify({ query: listExams, variables: { filter: { subject: { beginsWith: 'Al' } }, limit: 100 } }),
  JSON.stringify({ query: createExam, variables: { input: { subject: 'Fuzz', date: '2026-06-30', teacher: 'F' } } }),
];

async function goodGraphqlRequest(): Promise<void> {
  const answer = await post(t.dataUrl, { 'content-type': 'application/json', authorization: token }, JSON.stringify({ query: '{ listExams(limit: 1) { items { id } } }' }));
  assert.equal(answer.status, 200);
  assert.equal(json(answer.text)['errors'], undefined, answer.text);
}

test('GraphQL over HTTP: mutated and random requests answer below 500 in AppSync\'s shape, and the next good request is served', async () => {
  const variables = fc.oneof(jsonText, fc.tuple(fc.constantFrom('filter', 'input', 'limit', 'nextToken'), jsonText).map(([name, value]) => `{${JSON.stringify(name)}:${value}}`));
  const body = fc.oneof(
    fc.constantFrom(...validGraphqlBodies).chain(mutated),
    deeplyNested.map((filter) => `{"query":${JSON.stringify(listExams)},"variables":{"filter":${filter}}}`),
    fc.tuple(fc.constantFrom(listExams, createExam).chain((query) => fc.oneof(fc.constant(query), mutated(query))), variables).map(([query, vars]) => `{"query":${JSON.stringify(query)},"variables":${vars}}`),
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.jsonValue().map((value) => JSON.stringify(value)),
  );
  const caller = fc.constantFrom<'teacher' | 'none' | 'garbage'>('teacher', 'none', 'garbage');
  await fc.assert(
    fc.asyncProperty(body, caller, async (text, who) => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (who === 'teacher') headers['authorization'] = token;
      if (who === 'garbage') headers['authorization'] = `${token.slice(0, -8)}AAAAAAAA`;
      assertAppSyncShape(await post(t.dataUrl, headers, text));
      await goodGraphqlRequest();
    }),
    bounds,
  );
});

const userPoolOperations = ['InitiateAuth', 'RespondToAuthChallenge', 'GetUser', 'ChangePassword', 'ForgotPassword', 'ConfirmForgotPassword', 'GlobalSignOut', 'RevokeToken', 'SignUp', 'UpdateUserAttributes', 'GetTokensFromRefreshToken', 'NoSuchOperation'];
const identityPoolOperations = ['GetId', 'GetCredentialsForIdentity', 'GetOpenIdToken', 'NoSuchOperation'];

test('AWS JSON (user pool, identity pool): mutated and random calls answer below 500 as { __type, message }, and the next good call is served', async () => {
  const { userPoolEndpoint, identityPoolEndpoint, ids } = t.backend;
  const validInputs = [
    { ClientId: ids.userPoolClientId, AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: 'fuzzed@school.example', SRP_A: 'ab'.repeat(384) } },
    { ClientId: ids.userPoolClientId, AccessToken: fuzzedToken },
    { IdentityPoolId: ids.identityPoolId },
  ];
  const input = fc.oneof(
    fc.constantFrom(...validInputs).chain((valid) => mutated(JSON.stringify(valid))),
    fc.tuple(fc.constantFrom(...validInputs), fc.string({ maxLength: 20 }), jsonText).map(([valid, key, value]) => `${JSON.stringify(valid).slice(0, -1)},${JSON.stringify(key)}:${value}}`),
    fc.string({ unit: 'binary', maxLength: 200 }),
  );
  const call = fc.oneof(
    fc.tuple(fc.constant(userPoolEndpoint), fc.constantFrom(...userPoolOperations).map((operation) => `AWSCognitoIdentityProviderService.${operation}`)),
    fc.tuple(fc.constant(identityPoolEndpoint), fc.constantFrom(...identityPoolOperations).map((operation) => `AWSCognitoIdentityService.${operation}`)),
  );
  await fc.assert(
    fc.asyncProperty(call, input, fc.constantFrom('application/x-amz-json-1.1', 'text/plain'), async ([endpoint, target], text, contentType) => {
      const answer = await post(endpoint, { 'content-type': contentType, 'x-amz-target': target }, text);
      assert.ok(answer.status < 500, `HTTP ${answer.status}: ${answer.text.slice(0, 300)}`);
      if (answer.status !== 200) {
        const body = json(answer.text);
        assert.equal(typeof body['__type'], 'string', answer.text);
        assert.equal(typeof body['message'], 'string', answer.text);
        assert.equal(answer.errorType, body['__type']);
      }
      const user = await post(userPoolEndpoint, { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.GetUser' }, JSON.stringify({ AccessToken: token }));
      assert.equal(user.status, 200, user.text);
      const identity = await post(identityPoolEndpoint, { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityService.GetId' }, JSON.stringify({ IdentityPoolId: ids.identityPoolId }));
      assert.equal(identity.status, 200, identity.text);
    }),
    bounds,
  );
});

interface Frame {
  type?: unknown;
  id?: unknown;
  payload?: { errors?: { errorType?: unknown; message?: unknown }[] };
}

/** A guest real-time connection that records what the server sends and how it closes. */
async function connect(): Promise<{ socket: WebSocket; frames: Frame[]; closed: Promise<number> }> {
  const auth = await realtimeAuthorization(guest, `${t.dataUrl}/connect`, '{}', { region: t.region });
  const socket = new WebSocket(t.realtimeUrl, ['graphql-ws', headerSubprotocol(auth)]);
  const frames: Frame[] = [];
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  socket.on('message', (data) => frames.push(JSON.parse(String(data)) as Frame));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  socket.send(JSON.stringify({ type: 'connection_init' }));
  return { socket, frames, closed };
}

/** Waits until a frame matches or the socket closes; true when it matched. */
function frameOrClose(socket: WebSocket, frames: Frame[], closed: Promise<number>, accept: (frame: Frame) => boolean): Promise<boolean> {
  if (frames.some(accept)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const listener = () => {
      if (!frames.some(accept)) return;
      socket.off('message', listener);
      resolve(true);
    };
    socket.on('message', listener);
    void closed.then(() => resolve(frames.some(accept)));
  });
}

const onCreateExam = 'subscription OnCreateExam($filter: ModelSubscriptionExamFilterInput) { onCreateExam(filter: $filter) { id subject date teacher __typename } }';

async function validStart(id: string): Promise<string> {
  const data = JSON.stringify({ query: onCreateExam, variables: {} });
  return startMessage(id, data, await realtimeAuthorization(guest, t.dataUrl, data, { region: t.region }));
}

test('real-time WebSocket: mutated and random frames get protocol answers (or a close), never a crash, and a new connection still subscribes', async () => {
  const knownTypes = new Set(['connection_ack', 'ka', 'start_ack', 'data', 'error', 'complete', 'connection_error']);
  const valid = await validStart('valid');
  const frame = fc.oneof(
    mutated(valid),
    fc.tuple(fc.constantFrom(onCreateExam, listExams).chain((query) => fc.oneof(fc.constant(query), mutated(query))), jsonText).map(([query, variables]) =>
      JSON.stringify({ id: 'fuzz', type: 'start', payload: { data: `{"query":${JSON.stringify(query)},"variables":${variables}}`, extensions: { authorization: {} } } }),
    ),
    fc.jsonValue().map((value) => JSON.stringify(value)),
    fc.string({ unit: 'binary', maxLength: 200 }),
  );
  await fc.assert(
    fc.asyncProperty(fc.array(frame, { minLength: 1, maxLength: 3 }), async (sent) => {
      const { socket, frames, closed } = await connect();
      assert.ok(await frameOrClose(socket, frames, closed, (received) => received.type === 'connection_ack'), 'connection_ack');
      for (const text of sent) socket.send(text);
      // A good start after the fuzz: answered, unless the server closed the connection over what came before.
      if (socket.readyState === socket.OPEN) socket.send(await validStart('after'));
      const answered = await frameOrClose(socket, frames, closed, (received) => received.id === 'after' && received.type === 'start_ack');
      for (const received of frames) {
        assert.ok(knownTypes.has(String(received.type)), JSON.stringify(received));
        for (const error of received.payload?.errors ?? []) {
          assert.equal(typeof error.errorType, 'string', JSON.stringify(received));
          assert.equal(typeof error.message, 'string', JSON.stringify(received));
        }
      }
      if (!answered) assert.ok([1000, 1002, 1007, 1009, 4400].includes(await closed), `closed with ${await closed}`);
      socket.terminate();
      const fresh = await connect();
      assert.ok(await frameOrClose(fresh.socket, fresh.frames, fresh.closed, (received) => received.type === 'connection_ack'), 'connection_ack');
      fresh.socket.send(await validStart('fresh'));
      assert.ok(await frameOrClose(fresh.socket, fresh.frames, fresh.closed, (received) => received.id === 'fresh' && received.type === 'start_ack'), JSON.stringify(fresh.frames));
      fresh.socket.terminate();
    }),
    { ...bounds, numRuns: 40 },
  );
});
