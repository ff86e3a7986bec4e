import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { configureAmplify } from '@exam-results/amplify-config';
import { synthesizeBackend } from '@exam-results/amplify-synth';
import { confirmSignIn, fetchAuthSession, signIn, signOut } from 'aws-amplify/auth';
import { startLocalBackend } from '.';
import { callAws, startTempBackend, type TempBackend } from './testing';
import { passwordPolicyViolation } from './user-pool/password-policy';

const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
const packageDir = fileURLToPath(new URL('..', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: packageDir }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

function temporaryPasswordIn(output: string): string {
  const password = /^Temporary password: (\S+)$/m.exec(output)?.[1];
  assert.ok(password, `no temporary password in: ${output}`);
  return password;
}

let t: TempBackend;
const teacher = (...args: string[]) => run('teacher', ...args, '--data-dir', t.dataDir);

before(async () => {
  t = await startTempBackend();
  configureAmplify(t.outputs);
});
after(async () => {
  await t?.stop();
});

test('a teacher added by the CLI while the server runs signs in with the printed temporary password', async () => {
  const added = await teacher('add', 'carol@school.example', '--name', 'Carol');
  assert.equal(added.code, 0, added.stderr);
  const temporaryPassword = temporaryPasswordIn(added.stdout);
  const { passwordPolicy } = await synthesizeBackend();
  assert.equal(passwordPolicyViolation(passwordPolicy, temporaryPassword), undefined);

  const first = await signIn({ username: 'carol@school.example', password: temporaryPassword });
  assert.equal(first.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED');
  assert.equal((await confirmSignIn({ challengeResponse: 'Carols-Own-Pass1' })).isSignedIn, true);
  await signOut();

  const listed = await teacher('list');
  assert.match(listed.stdout, /^carol@school\.example {2}CONFIRMED {2}\S+ {2}Carol$/m);
});

test('while the backend runs, teacher commands go through its signed admin API', async () => {
  const added = await teacher('add', 'api@school.example');
  assert.match(added.stderr, new RegExp(`Through the admin API at ${t.backend.userPoolEndpoint}`));
  const user = await callAws(t.backend.userPoolEndpoint, 'AWSCognitoIdentityProviderService.InitiateAuth', {
    ClientId: t.outputs.auth.user_pool_client_id,
    AuthFlow: 'USER_SRP_AUTH',
    AuthParameters: { USERNAME: 'api@school.example', SRP_A: 'a'.repeat(256) },
  });
  assert.equal(user.status, 200);
});

test('disable stops a teacher signing in until enable', async () => {
  const added = await teacher('add', 'erin@school.example', '--password', 'Erins-Temp-Pass1');
  assert.equal(added.code, 0, added.stderr);
  const disabled = await teacher('disable', 'erin@school.example');
  assert.equal(disabled.code, 0, disabled.stderr);
  assert.match((await teacher('list')).stdout, /^erin@school\.example {2}FORCE_CHANGE_PASSWORD disabled /m);
  await assert.rejects(signIn({ username: 'erin@school.example', password: 'Erins-Temp-Pass1' }), { name: 'NotAuthorizedException', message: 'User is disabled.' });
  assert.equal((await teacher('enable', 'erin@school.example')).code, 0);
  const first = await signIn({ username: 'erin@school.example', password: 'Erins-Temp-Pass1' });
  assert.equal(first.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED');
});

test('with no backend running, teacher commands change the data directory, which a backend then serves', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'local-backend-cli-offline-'));
  try {
    const added = await run('teacher', 'add', 'offline@school.example', '--password', 'Offline-Temp-1', '--data-dir', dataDir);
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stderr, /No backend is running on .*: changing it directly\./);
    const backend = await startLocalBackend({ port: 0, dataDir, outputsFile: join(dataDir, 'amplify_outputs.json'), log: () => undefined });
    try {
      const listed = await run('teacher', 'list', '--data-dir', dataDir);
      assert.match(listed.stderr, /Through the admin API at /);
      assert.match(listed.stdout, /^offline@school\.example {2}FORCE_CHANGE_PASSWORD {2}/m);
    } finally {
      await backend.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('teachers added at the same time by several CLI processes are all kept', async () => {
  const emails = ['p1@school.example', 'p2@school.example', 'p3@school.example'];
  const runs = await Promise.all(emails.map((email) => teacher('add', email)));
  for (const result of runs) assert.equal(result.code, 0, result.stderr);
  const listed = (await teacher('list')).stdout;
  for (const email of emails) assert.match(listed, new RegExp(`^${email.replace('.', '\\.')} {2}FORCE_CHANGE_PASSWORD`, 'm'));
});

test('reset gives a new temporary password and the teacher chooses a new password again', async () => {
  await teacher('add', 'dan@school.example', '--password', 'Given-Temp-123');
  const reset = await teacher('reset', 'dan@school.example');
  assert.equal(reset.code, 0, reset.stderr);
  const temporaryPassword = temporaryPasswordIn(reset.stdout);
  await assert.rejects(signIn({ username: 'dan@school.example', password: 'Given-Temp-123' }), { name: 'NotAuthorizedException' });
  const first = await signIn({ username: 'dan@school.example', password: temporaryPassword });
  assert.equal(first.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED');
  await confirmSignIn({ challengeResponse: 'Dans-Second-Pass1' });
});

test('a removed teacher cannot sign in and their tokens stop working at once', async () => {
  const accessToken = (await fetchAuthSession()).tokens?.accessToken.toString();
  assert.ok(accessToken, 'dan is signed in from the previous test');
  const removed = await teacher('remove', 'dan@school.example');
  assert.equal(removed.code, 0, removed.stderr);
  const user = await callAws(t.backend.userPoolEndpoint, 'AWSCognitoIdentityProviderService.GetUser', { AccessToken: accessToken });
  assert.equal(user.body.message, 'Access Token has been revoked');
  await signOut();
  await assert.rejects(signIn({ username: 'dan@school.example', password: 'Dans-Second-Pass1' }), {
    name: 'NotAuthorizedException',
    message: 'Incorrect username or password.',
  });
  assert.doesNotMatch((await teacher('list')).stdout, /dan@school/);
});

test('the CLI reports Cognito errors and usage mistakes', async () => {
  const duplicate = await teacher('add', 'CAROL@school.example');
  assert.equal(duplicate.code, 1);
  assert.match(duplicate.stderr, /UsernameExistsException: An account with the given email already exists\./);
  const weak = await teacher('add', 'eve@school.example', '--password', 'weakpass');
  assert.equal(weak.code, 1);
  assert.match(weak.stderr, /InvalidPasswordException: Password does not conform to policy/);
  const badEmail = await teacher('add', 'not-an-email');
  assert.equal(badEmail.code, 1);
  assert.match(badEmail.stderr, /InvalidParameterException/);
  const missing = await teacher('remove', 'nobody@school.example');
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /UserNotFoundException/);
  const usage = await run('teacher', 'promote', 'x@school.example');
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /Usage:/);
});

test('snapshots: export while serving, import refused while serving, import into another data directory', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'local-backend-cli-snapshot-'));
  try {
    const exported = await run('export', join(dir, 'snap'), '--data-dir', t.dataDir);
    assert.equal(exported.code, 0, exported.stderr);
    assert.match(exported.stdout, /^exported .*snap: \d+ rows in \d+ tables$/m);
    assert.match(readFileSync(join(dir, 'snap', 'cognito_users.jsonl'), 'utf8'), /carol@school\.example/);
    const refused = await run('import', join(dir, 'snap'), '--data-dir', t.dataDir);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /is serving .*: stop it first, or start it with --import/);
    const imported = await run('import', join(dir, 'snap'), '--data-dir', join(dir, 'data'));
    assert.equal(imported.code, 0, imported.stderr);
    assert.match((await run('teacher', 'list', '--data-dir', join(dir, 'data'))).stdout, /^carol@school\.example /m);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('start serves until SIGTERM, then stops cleanly and writes the --export snapshot; --allow-host and --no-identity-pool-quotas reach the backend', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'local-backend-cli-start-'));
  const outputs = join(dataDir, 'amplify_outputs.json');
  const snapshot = join(dataDir, 'on-exit');
  try {
    const options = ['--allow-host', 'devbox.lan', '--no-identity-pool-quotas', '--export', snapshot];
    const server = spawn(process.execPath, ['--import', 'tsx', cli, 'start', '--port', '0', '--data-dir', dataDir, '--outputs', outputs, ...options], {
      cwd: packageDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => server.once('exit', (code) => resolve(code)));
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      server.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const found = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
        if (found) resolve(found);
      });
      void exited.then((code) => reject(new Error(`start exited with ${code}: ${output}`)));
    });
    assert.equal((await fetch(`${url}/.well-known/jwks.json`)).status, 200);
    assert.ok(existsSync(outputs));
    const { port } = new URL(url);
    const viaDevbox = await new Promise<number>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: '/.well-known/jwks.json', headers: { host: `devbox.lan:${port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
    assert.equal(viaDevbox, 200);
    const identityPoolId = (JSON.parse(readFileSync(outputs, 'utf8')) as { auth: { identity_pool_id: string } }).auth.identity_pool_id;
    const getIds = await Promise.all(
      Array.from({ length: 40 }, () => callAws(`${url}/cognito-identity`, 'AWSCognitoIdentityService.GetId', { IdentityPoolId: identityPoolId })),
    );
    assert.deepEqual(new Set(getIds.map(({ status }) => status)), new Set([200]), 'past GetId\'s 25 a second, unthrottled');
    server.kill('SIGTERM');
    assert.equal(await exited, 0);
    assert.match(readFileSync(join(snapshot, 'schema.sql'), 'utf8'), /CREATE TABLE backend_ids/);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
