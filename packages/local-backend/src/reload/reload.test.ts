import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startLocalBackend, type ReloadableBackend } from '..';
import { defaultRepoRoot } from '../shared/paths';
import {
  guestCredentials,
  postGraphql,
  RawRealtimeClient,
  realtimeAuthorization,
  Recording,
  signedGraphqlHeaders,
  signInUser,
  waitFor,
  type TestOutputs,
} from '../testing';
import { openUserPoolAdmin, type UserPoolAdmin } from '../user-pool';
import { watchAmplify } from './watch-amplify';

let scratch: string;
let repoRoot: string;
let backend: ReloadableBackend;
let admin: UserPoolAdmin;
let stopWatching: () => void;
const logged = new Recording<string>();

/** A copy of this repository's amplify/ the test may edit, with the installed packages. */
function copyBackendDefinition(root: string): void {
  mkdirSync(root);
  for (const file of ['package.json', 'tsconfig.base.json']) cpSync(join(defaultRepoRoot, file), join(root, file));
  cpSync(join(defaultRepoRoot, 'amplify'), join(root, 'amplify'), { recursive: true, filter: (source) => !source.endsWith('node_modules') });
  symlinkSync(join(defaultRepoRoot, 'amplify', 'node_modules'), join(root, 'amplify', 'node_modules'), 'dir');
}

const resourceFile = () => join(repoRoot, 'amplify', 'data', 'resource.ts');
const outputs = () => JSON.parse(readFileSync(join(scratch, 'amplify_outputs.json'), 'utf8')) as TestOutputs;

async function asGuest(query: string) {
  const body = JSON.stringify({ query });
  const { url } = outputs().data;
  return postGraphql(url, body, await signedGraphqlHeaders(await guestCredentials(outputs()), url, body));
}

const waitForLog = (text: string) => waitFor(logged, (lines) => lines.some((line) => line.includes(text)), `the log to say "${text}"`, 120_000);

before(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'local-backend-reload-'));
  repoRoot = join(scratch, 'repo');
  copyBackendDefinition(repoRoot);
  const dataDir = join(scratch, 'data');
  backend = await startLocalBackend({ port: 0, dataDir, repoRoot, outputsFile: join(scratch, 'amplify_outputs.json'), log: () => undefined });
  admin = await openUserPoolAdmin({ dataDir, repoRoot });
  stopWatching = watchAmplify(backend, repoRoot, (text) => logged.push(text));
});
after(async () => {
  stopWatching?.();
  admin?.close();
  await backend?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

test('a change to amplify/ reloads the API in place: data kept, sockets told to reconnect; a broken one leaves the last good API serving', async () => {
  const teacher = await signInUser({ admin, outputs: outputs() }, 'reload@school.example');
  const { data: exam } = await teacher.client.models.Exam.create({ subject: 'Before', date: '2026-12-01', teacher: 'R' });
  assert.ok(exam);
  const withRoom = 'query { listExams { items { subject room } } }';
  assert.match((await asGuest(withRoom)).body.errors?.[0]?.message ?? '', /room/);
  const credentials = await guestCredentials(outputs());
  const socket = await RawRealtimeClient.connect(
    `${outputs().data.url.replace(/^http/, 'ws')}/realtime`,
    await realtimeAuthorization(credentials, `${outputs().data.url}/connect`, '{}', { region: 'us-east-1' }),
  );

  const source = readFileSync(resourceFile(), 'utf8');
  const edited = source.replace('date: a.date().required(),', 'date: a.date().required(),\n      room: a.string(),');
  assert.notEqual(edited, source, 'the Exam model has moved: update this test');
  writeFileSync(resourceFile(), edited);
  await waitForLog('reloaded the API from amplify/');
  assert.equal((await socket.closedBy()).code, 1001);
  const reloaded = await asGuest(withRoom);
  assert.equal(reloaded.body.errors, undefined);
  assert.deepEqual(reloaded.body.data?.listExams, { items: [{ subject: 'Before', room: null }] });
  assert.match(readFileSync(join(scratch, 'amplify_outputs.json'), 'utf8'), /"room"/, 'amplify_outputs.json follows the new schema');

  writeFileSync(resourceFile(), `${edited}\nexport const broken = ;\n`);
  await waitForLog('amplify/ has an error; the last good definition keeps serving.');
  const block = logged.items.find((line) => line.startsWith('amplify/ has an error'));
  assert.ok(block?.split('\n').length && block.split('\n').length > 3, 'the error comes in one block');
  assert.equal((await asGuest(withRoom)).body.errors, undefined);
});
