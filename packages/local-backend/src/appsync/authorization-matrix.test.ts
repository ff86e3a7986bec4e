import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { Schema } from '@exam-results/amplify/data/resource';
import { configureAmplify } from '@exam-results/amplify-config';
import { generateClient } from 'aws-amplify/data';
import { SignJWT } from 'jose';
import {
  callAws,
  guestCredentials,
  postGraphql,
  signedGraphqlHeaders,
  signInUser,
  startTempBackend,
  type AwsCredentials,
  type SignedInUser,
  type TempBackend,
} from '../testing';

type Client = ReturnType<typeof generateClient<Schema>>;
type Operation = 'get' | 'list' | 'create' | 'update' | 'delete';
const operations: Operation[] = ['get', 'list', 'create', 'update', 'delete'];

/** What one request came back with, reduced to what AppSync's answer is judged by. */
type Outcome =
  | { ok: true; id?: string; ids?: string[]; owner?: string | null }
  | { errorType: string | undefined; message: string }
  | { status: number; errorType: string | null };

// Ada and Bob are signed in, each in an Amplify context of their own; this process's Amplify stays a guest.
let t: TempBackend;
let ada: SignedInUser;
let bob: SignedInUser;
let adaToken: string;
let bobToken: string;
let target: string;
let graphqlUrl: string;

before(async () => {
  t = await startTempBackend();
  configureAmplify(t.outputs);
  graphqlUrl = t.dataUrl;
  bob = await signInUser(t, 'bob@school.example');
  ada = await signInUser(t, 'ada@school.example');
  [adaToken, bobToken] = await Promise.all([ada.accessToken(), bob.accessToken()]);
  const created = await ada.client.models.Exam.create({ subject: 'Target', date: '2024-06-01', teacher: 'Ada' });
  target = created.data?.id ?? '';
  assert.ok(target);
});
after(async () => {
  await t?.stop();
});

async function viaClient(client: Client, operation: Operation): Promise<Outcome> {
  const result = await {
    get: () => client.models.Exam.get({ id: target }),
    list: () => client.models.Exam.list(),
    create: () => client.models.Exam.create({ subject: 'New', date: '2024-06-02', teacher: 'Someone' }),
    update: () => client.models.Exam.update({ id: target, subject: 'Changed' }),
    delete: () => client.models.Exam.delete({ id: target }),
  }[operation]();
  const error = (result.errors as { errorType?: string; message: string }[] | undefined)?.[0];
  if (error) return { errorType: error.errorType, message: error.message };
  const data = result.data as { id: string; owner?: string | null } | { id: string }[] | null;
  if (Array.isArray(data)) return { ok: true, ids: data.map((item) => item.id) };
  return data ? { ok: true, id: data.id, owner: 'owner' in data ? data.owner : undefined } : { ok: true };
}

const documents: Record<Operation, { query: string; variables: () => Record<string, unknown> }> = {
  get: { query: 'query ($id: ID!) { getExam(id: $id) { id } }', variables: () => ({ id: target }) },
  list: { query: 'query { listExams { items { id } } }', variables: () => ({}) },
  create: {
    query: 'mutation ($input: CreateExamInput!) { createExam(input: $input) { id } }',
    variables: () => ({ input: { subject: 'New', date: '2024-06-02', teacher: 'Someone' } }),
  },
  update: {
    query: 'mutation ($input: UpdateExamInput!) { updateExam(input: $input) { id } }',
    variables: () => ({ input: { id: target, subject: 'Changed' } }),
  },
  delete: {
    query: 'mutation ($input: DeleteExamInput!) { deleteExam(input: $input) { id } }',
    variables: () => ({ input: { id: target } }),
  },
};

function bodyOf(operation: Operation): string {
  const { query, variables } = documents[operation];
  return JSON.stringify({ query, variables: variables() });
}

async function viaHttp(operation: Operation, headers: (body: string) => Record<string, string> | Promise<Record<string, string>>): Promise<Outcome> {
  const body = bodyOf(operation);
  const response = await postGraphql(graphqlUrl, body, await headers(body));
  if (response.status !== 200) return { status: response.status, errorType: response.errorType };
  const error = response.body.errors?.[0];
  return error ? { errorType: error.errorType ?? undefined, message: error.message } : { ok: true };
}

const unauthorized = (field: string, type = 'Mutation'): Outcome => ({
  errorType: 'Unauthorized',
  message: `Not Authorized to access ${field} on type ${type}`,
});

async function targetSubject(): Promise<string | undefined> {
  const response = await postGraphql(graphqlUrl, JSON.stringify({ query: `{ getExam(id: "${target}") { subject } }` }), {
    authorization: adaToken,
  });
  return (response.body.data?.['getExam'] as { subject: string } | null)?.subject;
}

/** A JWT with the claims of a real access token, signed by a key the backend never issued. */
function forgedToken(real: string): Promise<string> {
  const [header, payload] = real
    .split('.')
    .slice(0, 2)
    .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>);
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return new SignJWT(payload ?? {}).setProtectedHeader({ kid: String(header?.['kid']), alg: 'RS256' }).sign(privateKey);
}

test('another teacher: reads and writes of the owner\'s exam are Unauthorized, their own create works', async () => {
  const other = bob.client;
  const outcomes = Object.fromEntries(await Promise.all(operations.map(async (op) => [op, await viaClient(other, op)])));
  assert.deepEqual(outcomes['get'], unauthorized('getExam', 'Query'));
  assert.ok('ids' in outcomes['list'] && !outcomes['list'].ids?.includes(target), 'the list holds only Bob\'s exams');
  assert.ok('owner' in outcomes['create'] && outcomes['create'].owner === bob.sub, 'created and owned by Bob');
  assert.deepEqual(outcomes['update'], unauthorized('updateExam'));
  assert.deepEqual(outcomes['delete'], unauthorized('deleteExam'));
  assert.equal(await targetSubject(), 'Target');
});

test('no credentials: every operation is refused with HTTP 401 before any GraphQL runs', async () => {
  for (const op of operations) {
    assert.deepEqual(await viaHttp(op, () => ({})), { status: 401, errorType: 'UnauthorizedException' }, op);
  }
  const response = await postGraphql(graphqlUrl, bodyOf('get'), {});
  assert.deepEqual(response.body, { errors: [{ errorType: 'UnauthorizedException', message: 'Missing authorization header' }] });
});

test('a forged or altered JWT: every operation is refused with HTTP 401, through the client and on the wire', async () => {
  const forged = await forgedToken(adaToken);
  const client = ada.dataClient({ authMode: 'userPool', authToken: forged });
  for (const op of operations) {
    // The client reports an HTTP 401 from AppSync as a plain "Unauthorized" error.
    assert.deepEqual(await viaClient(client, op), { errorType: undefined, message: 'Unauthorized' }, op);
    assert.deepEqual(await viaHttp(op, () => ({ authorization: forged })), { status: 401, errorType: 'UnauthorizedException' }, op);
  }
  const [header, payload, signature] = adaToken.split('.');
  const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as Record<string, unknown>;
  const altered = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: bob.sub })).toString('base64url')}.${signature}`;
  const refused = await postGraphql(graphqlUrl, bodyOf('list'), { authorization: altered });
  assert.deepEqual(refused.body, { errors: [{ errorType: 'UnauthorizedException', message: 'Valid authorization header not provided.' }] });
  const garbage = await postGraphql(graphqlUrl, bodyOf('list'), { authorization: 'not-a-jwt' });
  assert.deepEqual(garbage.body, { errors: [{ errorType: 'UnauthorizedException', message: 'Unable to parse JWT token.' }] });
  assert.equal(await targetSubject(), 'Target');
});

test('user pool tokens: an id token is accepted, an expired one is refused', async () => {
  const idToken = await ada.idToken();
  assert.deepEqual(await viaHttp('get', () => ({ authorization: idToken })), { ok: true });
  t.clock.advance(61 * 60 * 1000);
  try {
    const expired = await postGraphql(graphqlUrl, bodyOf('get'), { authorization: adaToken });
    assert.equal(expired.status, 401);
    assert.deepEqual(expired.body, { errors: [{ errorType: 'UnauthorizedException', message: 'Token has expired.' }] });
  } finally {
    t.clock.reset();
  }
});

test('a signed-in teacher\'s identity pool credentials get no access: the rules only open reads to guests', async () => {
  const signedInIam = ada.dataClient({ authMode: 'identityPool' });
  assert.deepEqual(await viaClient(signedInIam, 'list'), unauthorized('listExams', 'Query'));
  assert.deepEqual(await viaClient(signedInIam, 'get'), unauthorized('getExam', 'Query'));
  assert.deepEqual(await viaClient(signedInIam, 'create'), unauthorized('createExam'));
});

/** Records the requests the real client sends to the GraphQL endpoint while `action` runs. */
async function captureGraphqlRequests(action: () => Promise<unknown>): Promise<{ headers: Record<string, string>; body: string }[]> {
  const realFetch = globalThis.fetch;
  const captured: { headers: Record<string, string>; body: string }[] = [];
  globalThis.fetch = async (input, init) => {
    if (String(input instanceof Request ? input.url : input).startsWith(graphqlUrl)) {
      captured.push({ headers: Object.fromEntries(new Headers(init?.headers)), body: String(init?.body) });
    }
    return realFetch(input, init);
  };
  try {
    await action();
  } finally {
    globalThis.fetch = realFetch;
  }
  return captured;
}

test('a guest, through the client: reads succeed, every write is Unauthorized; tampered signatures are refused', async () => {
  const guest = generateClient<Schema>({ authMode: 'identityPool' });
  const [signed] = await captureGraphqlRequests(async () => {
    const outcome = await viaClient(guest, 'get');
    assert.deepEqual(outcome, { ok: true, id: target, owner: ada.sub });
  });
  const list = await viaClient(guest, 'list');
  assert.ok('ids' in list && list.ids?.includes(target) && list.ids.length >= 2, 'every teacher\'s exams');
  assert.deepEqual(await viaClient(guest, 'create'), unauthorized('createExam'));
  assert.deepEqual(await viaClient(guest, 'update'), unauthorized('updateExam'));
  assert.deepEqual(await viaClient(guest, 'delete'), unauthorized('deleteExam'));
  assert.equal(await targetSubject(), 'Target');

  // The client's own signature verifies; the same request with any part changed does not.
  assert.ok(signed);
  assert.match(signed.headers['authorization'] ?? '', /^AWS4-HMAC-SHA256 Credential=ASIA/);
  const replay = (changes: { headers?: Record<string, string>; body?: string }) =>
    postGraphql(graphqlUrl, changes.body ?? signed.body, { ...signed.headers, ...changes.headers });
  assert.equal((await replay({})).status, 200);
  const signature = signed.headers['authorization'] ?? '';
  const flipped = signature.slice(0, -1) + (signature.endsWith('0') ? '1' : '0');
  const cases: [string, Parameters<typeof replay>[0], string][] = [
    ['altered body', { body: signed.body.replace(target, `${target.slice(0, -1)}x`) }, 'InvalidSignatureException'],
    ['altered signature', { headers: { authorization: flipped } }, 'InvalidSignatureException'],
    ['unknown key', { headers: { authorization: signature.replace(/ASIA\w+/, 'ASIAUNKNOWNKEY000000') } }, 'UnrecognizedClientException'],
    ['another session token', { headers: { 'x-amz-security-token': randomBytes(96).toString('base64') } }, 'UnrecognizedClientException'],
  ];
  for (const [name, changes, errorType] of cases) {
    const response = await replay(changes);
    assert.equal(response.status, 403, name);
    assert.equal(response.errorType, errorType, name);
    assert.equal(response.body.errors?.[0]?.errorType, errorType, name);
  }

  t.clock.advance(4 * 60 * 1000);
  assert.equal((await replay({})).status, 200, 'within the five minutes AppSync allows');
  t.clock.advance(2 * 60 * 1000);
  const stale = await replay({});
  t.clock.reset();
  assert.equal(stale.status, 403);
  assert.match(stale.body.errors?.[0]?.message ?? '', /^Signature expired: \d{8}T\d{6}Z is now earlier than/);
});

test('tampered SigV4: every operation is refused with 403, whatever the operation', async () => {
  const guest: AwsCredentials = await guestCredentials(t.outputs);
  const signed = (body: string, credentials = guest, options: { at?: Date; region?: string } = {}) =>
    signedGraphqlHeaders(credentials, graphqlUrl, body, { at: t.clock.now(), ...options });
  for (const op of operations) {
    const outcome = await viaHttp(op, (body) => signed(`${body} `));
    assert.deepEqual(outcome, { status: 403, errorType: 'InvalidSignatureException' }, op);
  }
  // The test signer itself is right: the untampered signature passes.
  assert.deepEqual(await viaHttp('get', (body) => signed(body)), { ok: true });

  const wrongSecret = { ...guest, secretAccessKey: randomBytes(30).toString('base64') };
  assert.deepEqual(await viaHttp('get', (body) => signed(body, wrongSecret)), { status: 403, errorType: 'InvalidSignatureException' });
  const future = new Date(t.clock.now().getTime() + 6 * 60 * 1000);
  const early = await postGraphql(graphqlUrl, bodyOf('get'), await signed(bodyOf('get'), guest, { at: future }));
  assert.match(early.body.errors?.[0]?.message ?? '', /^Signature not yet current/);
  const otherRegion = await postGraphql(graphqlUrl, bodyOf('get'), await signed(bodyOf('get'), guest, { region: 'eu-west-1' }));
  assert.equal(otherRegion.errorType, 'InvalidSignatureException');

  // Credentials the identity pool minted expire after an hour, signature or not.
  t.clock.advance(61 * 60 * 1000);
  const late = await postGraphql(graphqlUrl, bodyOf('get'), await signed(bodyOf('get')));
  t.clock.reset();
  assert.equal(late.errorType, 'ExpiredTokenException');
  assert.equal(await targetSubject(), 'Target');
});

test('the owner, through the client: get, list, create, update and delete all succeed', async () => {
  const owner = ada.client;
  assert.deepEqual(await viaClient(owner, 'get'), { ok: true, id: target, owner: ada.sub });
  const list = await viaClient(owner, 'list');
  assert.ok('ids' in list && list.ids?.includes(target));
  const created = await viaClient(owner, 'create');
  assert.ok('owner' in created && created.owner === ada.sub);
  assert.deepEqual(await viaClient(owner, 'update'), { ok: true, id: target, owner: ada.sub });
  assert.equal(await targetSubject(), 'Changed');
  assert.deepEqual(await viaClient(owner, 'delete'), { ok: true, id: target, owner: ada.sub });
  assert.equal(await targetSubject(), undefined);
});

test('a token revoked by a global sign-out is refused with HTTP 401', async () => {
  assert.deepEqual(await viaHttp('list', () => ({ authorization: bobToken })), { ok: true });
  const signOutEverywhere = await callAws(t.backend.userPoolEndpoint, 'AWSCognitoIdentityProviderService.GlobalSignOut', { AccessToken: bobToken });
  assert.equal(signOutEverywhere.status, 200);
  const refused = await postGraphql(graphqlUrl, bodyOf('list'), { authorization: bobToken });
  assert.equal(refused.status, 401);
  assert.deepEqual(refused.body, { errors: [{ errorType: 'UnauthorizedException', message: 'Valid authorization header not provided.' }] });
});
