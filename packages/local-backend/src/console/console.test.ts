import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, test } from 'node:test';
import type { Schema } from '@exam-results/amplify/data/resource';
import { configureAmplify } from '@exam-results/amplify-config';
import { signIn } from 'aws-amplify/auth';
import { generateClient } from 'aws-amplify/data';
import { Recording, signInUser, startTempBackend, waitFor, type SignedInUser, type TempBackend } from '../testing';
import type { MonitorEntry } from './monitor-bus';

// The console of a real backend: its page, its guarded JSON API, the teachers and items it
// changes (seen through the real aws-amplify client) and the monitor of what that client does.
let t: TempBackend;
let ada: SignedInUser;
let token: string;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: Record<string, unknown>;
  text: string;
}

/** A request as a browser or another program would send it, headers as given (Host included). */
function send(path: string, options: { method?: string; headers?: Record<string, string>; body?: unknown } = {}): Promise<Answer> {
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = request(`${t.backend.url}${path}`, { method: options.method ?? (body ? 'POST' : 'GET'), headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...options.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: Record<string, unknown> = {};
        if (String(res.headers['content-type']).includes('json')) json = JSON.parse(text) as Record<string, unknown>;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, json, text });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The console API as its own page calls it. */
function consoleApi(path: string, body?: unknown): Promise<Answer> {
  return send(`/console/api${path}`, { headers: { 'x-console-token': token, origin: t.backend.url, 'sec-fetch-site': 'same-origin' }, body });
}

function assertForbidden(answer: Answer): void {
  assert.equal(answer.status, 403, answer.text);
  assert.equal(answer.headers['x-amzn-errortype'], 'ForbiddenException');
  assert.equal(typeof answer.json['message'], 'string');
  assert.equal(answer.headers['access-control-allow-origin'], undefined);
}

/** The newest request the monitor holds that `accept`s. */
async function monitored(accept: (entry: MonitorEntry) => boolean): Promise<MonitorEntry> {
  const { json } = await consoleApi('/monitor');
  const found = (json['requests'] as MonitorEntry[]).findLast(accept);
  assert.ok(found, `no such request in ${JSON.stringify(json['requests'])}`);
  return found;
}

before(async () => {
  t = await startTempBackend({ prefix: 'console-' });
  configureAmplify(t.outputs);
  ada = await signInUser(t, 'ada@school.example', { name: 'Ada' });
  const page = await send('/', { headers: { 'sec-fetch-site': 'none', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' } });
  const match = /<meta name="console-token" content="([^"]+)">/.exec(page.text);
  assert.ok(match?.[1]);
  token = match[1];
});
after(async () => {
  await t?.stop();
});

test('the page is served at the root URL with a strict content security policy, and the log names it', async () => {
  const page = await send('/');
  assert.equal(page.status, 200);
  assert.match(String(page.headers['content-type']), /^text\/html/);
  assert.match(String(page.headers['content-security-policy']), /default-src 'none'.*frame-ancestors 'none'/);
  assert.match(page.text, /<h1>Local backend console<\/h1>/);
  assert.ok(t.logLines.some((line) => line === `console: ${t.backend.url}/`));
  assert.deepEqual((await send('/no-such-page')).json, { message: 'No route for /no-such-page' });
});

test('another page, even on this machine, cannot read the page nor call the API; another Host is refused', async () => {
  assertForbidden(await send('/', { headers: { origin: 'http://localhost:3000', 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty' } }));
  assertForbidden(await send('/', { headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'iframe' } }));
  assertForbidden(await send('/console/api/teachers', { headers: { origin: t.backend.url } }));
  assertForbidden(await send('/console/api/teachers', { headers: { 'x-console-token': `${token.slice(1)}x` } }));
  assertForbidden(await send('/console/api/teachers', { headers: { 'x-console-token': token, origin: 'http://localhost:3000' } }));
  assertForbidden(await send('/console/api/teachers', { headers: { 'x-console-token': token, 'sec-fetch-site': 'cross-site' } }));
  const rebound = await send('/console/api/teachers', { headers: { 'x-console-token': token, host: `attacker.example:${t.backend.port}` } });
  assert.equal(rebound.status, 403);
  assert.equal(rebound.headers['x-amzn-errortype'], 'ForbiddenException');
  const unknown = await consoleApi('/no-such-thing');
  assert.equal(unknown.status, 400);
  assert.equal(unknown.json['__type'], 'UnknownOperationException');
  const notJson = await send('/console/api/teachers/add', { method: 'POST', headers: { 'x-console-token': token }, body: undefined });
  assert.equal(notJson.json['__type'], 'SerializationException');
});

test('teachers: add with a temporary password, list, reset, disable, enable, remove, and the lockout after wrong passwords', async () => {
  const added = await consoleApi('/teachers/add', { email: 'grace@school.example', name: 'Grace' });
  assert.equal(added.status, 200, added.text);
  const temporaryPassword = added.json['temporaryPassword'] as string;
  assert.equal(typeof temporaryPassword, 'string');
  const listed = async () => ((await consoleApi('/teachers')).json['teachers'] as Record<string, unknown>[]).find((row) => row['email'] === 'grace@school.example');
  const row = await listed();
  assert.deepEqual([row?.['name'], row?.['status'], row?.['enabled'], row?.['failedAttempts'], row?.['lockedUntil']], ['Grace', 'FORCE_CHANGE_PASSWORD', true, 0, undefined]);
  // The CLI's administrator, other code on the same data, sees the new user.
  assert.ok(t.admin.listUsers().some((user) => user.email === 'grace@school.example'));

  // The real client: the temporary password is the one the console showed.
  const first = await signIn({ username: 'grace@school.example', password: temporaryPassword });
  assert.equal(first.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED');
  await assert.rejects(signIn({ username: 'ada@school.example', password: 'Wrong-password-1' }), { name: 'NotAuthorizedException' });
  const adaRow = ((await consoleApi('/teachers')).json['teachers'] as Record<string, unknown>[]).find((row) => row['email'] === 'ada@school.example');
  assert.equal(adaRow?.['failedAttempts'], 1);

  const reset = await consoleApi('/teachers/reset', { email: 'grace@school.example', password: 'Another-temp-42' });
  assert.deepEqual(reset.json, { email: 'grace@school.example', temporaryPassword: 'Another-temp-42' });
  const weak = await consoleApi('/teachers/reset', { email: 'grace@school.example', password: 'short' });
  assert.equal(weak.json['__type'], 'InvalidPasswordException');

  assert.equal((await consoleApi('/teachers/disable', { email: 'grace@school.example' })).status, 200);
  assert.equal((await listed())?.['enabled'], false);
  await assert.rejects(signIn({ username: 'grace@school.example', password: 'Another-temp-42' }), { name: 'NotAuthorizedException' });
  assert.equal((await consoleApi('/teachers/enable', { email: 'grace@school.example' })).status, 200);
  assert.equal((await listed())?.['enabled'], true);

  assert.equal((await consoleApi('/teachers/remove', { email: 'grace@school.example' })).status, 200);
  assert.equal(await listed(), undefined);
  const gone = await consoleApi('/teachers/remove', { email: 'grace@school.example' });
  assert.equal(gone.json['__type'], 'UserNotFoundException');
});

test('items of every model: browse and filter, edit (an open subscription hears it) and delete, seen by the real client', async () => {
  const { json } = await consoleApi('/models');
  const models = json['models'] as { name: string; keyFields: string[]; fields: { name: string }[] }[];
  const exam = models.find((model) => model.name === 'Exam');
  assert.deepEqual(exam?.keyFields, ['id']);
  assert.ok(exam.fields.some((field) => field.name === 'subject'));
  assert.ok(!exam.fields.some((field) => field.name === 'results'), 'relationships are not stored fields');

  const created = await ada.client.models.Exam.create({ subject: 'Console chemistry', date: '2026-12-01', teacher: 'Ada' });
  const id = created.data?.id;
  assert.ok(id);
  await ada.client.models.Exam.create({ subject: 'Other', date: '2026-12-02', teacher: 'Ada' });
  const filtered = await consoleApi(`/items?model=Exam&filter=${encodeURIComponent('console chem')}`);
  assert.deepEqual((filtered.json['items'] as Record<string, unknown>[]).map((item) => item['id']), [id]);

  const heard = new Recording<string>();
  const subscription = ada.client.models.Exam.onUpdate().subscribe({ next: (item) => heard.push(item.subject) });
  try {
    // The start is acknowledged once the monitor lists it.
    await waitForMonitor((entry) => entry.operation === 'subscription onUpdateExam' && entry.caller === 'ada@school.example');
    const item = (filtered.json['items'] as Record<string, unknown>[])[0];
    const edited = await consoleApi('/items/update', { model: 'Exam', key: [id], item: { ...item, subject: 'Console physics' } });
    assert.equal(edited.status, 200, edited.text);
    assert.equal((await ada.client.models.Exam.get({ id })).data?.subject, 'Console physics');
    await waitFor(heard, (subjects) => subjects.includes('Console physics'), 'the subscription hears the edit', 10_000);
  } finally {
    subscription.unsubscribe();
  }

  const movedKey = await consoleApi('/items/update', { model: 'Exam', key: [id], item: { id: 'another' } });
  assert.equal(movedKey.json['__type'], 'InvalidParameterException');
  const noModel = await consoleApi('/items?model=Nothing');
  assert.equal(noModel.json['__type'], 'ResourceNotFoundException');
  assert.equal((await consoleApi('/items/delete', { model: 'Exam', key: [id] })).status, 200);
  assert.equal((await ada.client.models.Exam.get({ id })).data, null);
  assert.equal((await consoleApi('/items/delete', { model: 'Exam', key: [id] })).json['__type'], 'ResourceNotFoundException');
});

/** Waits, on the console's event stream, for a request the monitor reports. */
async function waitForMonitor(accept: (entry: MonitorEntry) => boolean): Promise<MonitorEntry> {
  const controller = new AbortController();
  const response = await fetch(`${t.backend.url}/console/api/events?token=${encodeURIComponent(token)}`, { signal: controller.signal });
  assert.equal(response.headers.get('content-type'), 'text/event-stream');
  const entries = new Recording<MonitorEntry>();
  const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
  assert.ok(reader);
  let buffered = '';
  const reading = (async () => {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      buffered += chunk.value;
      const events = buffered.split('\n\n');
      buffered = events.pop() ?? '';
      for (const event of events) {
        const data = /^event: request\ndata: (.*)$/m.exec(event)?.[1];
        if (data) entries.push(JSON.parse(data) as MonitorEntry);
      }
    }
  })().catch(() => undefined);
  try {
    const seen = await waitFor(entries, (items) => items.some(accept), 'the monitor reports the request', 10_000);
    const found = seen.find(accept);
    assert.ok(found);
    return found;
  } finally {
    controller.abort();
    await reading;
  }
}

test('the monitor: a guest read allowed, a guest write Unauthorized, the owner filter, each with the generated function that decided; Cognito calls, latency', async () => {
  const guest = generateClient<Schema>({ authMode: 'identityPool' });
  const list = await guest.models.Exam.list();
  assert.equal(list.errors, undefined);
  const write = await guest.models.Exam.create({ subject: 'Nope', date: '2026-12-01', teacher: 'Guest' });
  assert.equal((write.errors?.[0] as { errorType?: string } | undefined)?.errorType, 'Unauthorized');

  const read = await waitForMonitor((entry) => entry.operation === 'query listExams' && entry.caller === 'guest');
  assert.equal(read.service, 'graphql');
  assert.equal(read.decision, 'allowed');
  assert.equal(read.rule, 'Query.listExams: allowed by QuerylistExamsauth0Function');
  assert.ok(read.latencyMs >= 0);
  const refused = await monitored((entry) => entry.operation === 'mutation createExam' && entry.caller === 'guest');
  assert.equal(refused.decision, 'Unauthorized');
  assert.equal(refused.rule, 'Mutation.createExam: refused by MutationcreateExamauth0Function');

  const invalid = await fetch(t.dataUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: await ada.accessToken() }, body: JSON.stringify({ query: 'query Invalid { listExams { nope } }' }) });
  assert.equal(invalid.status, 200);
  const unrun = await monitored((entry) => entry.operation === 'query listExams' && entry.decision !== 'allowed' && entry.decision !== 'filtered');
  assert.deepEqual([unrun.caller, unrun.decision, unrun.rule], ['ada@school.example', 'ValidationError', undefined]);

  await ada.client.models.Exam.list();
  const own = await monitored((entry) => entry.operation === 'query listExams' && entry.caller === 'ada@school.example');
  assert.equal(own.decision, 'filtered');
  assert.equal(own.rule, 'Query.listExams: owner filter added by QuerylistExamsauth0Function');

  const signInCall = await monitored((entry) => entry.service === 'cognito-idp' && entry.operation === 'InitiateAuth' && entry.caller === 'ada@school.example');
  assert.equal(signInCall.decision, 'allowed');
  const wrong = await monitored((entry) => entry.operation === 'RespondToAuthChallenge' && entry.decision === 'NotAuthorizedException');
  assert.equal(wrong.service, 'cognito-idp');
  const guestId = await monitored((entry) => entry.service === 'cognito-identity' && entry.operation === 'GetId' && entry.caller === 'guest');
  assert.equal(guestId.decision, 'allowed');
});
