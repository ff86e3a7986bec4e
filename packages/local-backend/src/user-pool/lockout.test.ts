import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { synthesizeBackend } from '@exam-results/amplify-synth';
import type { Clock } from '../shared/clock';
import { openDatabase, type SqliteDatabase } from '../shared/database';
import { defaultRepoRoot } from '../shared/paths';
import { loadPoolIds, type PoolIds } from '../shared/pool-ids';
import { createLocalServer } from '../shared/server';
import { callAws } from '../testing';
import { createUserPool, openUserPoolAdmin, type UserPoolAdmin } from '.';

// Cognito's lockout after failed passwords and its limit on reset codes, driven by a clock that
// moves only when the test moves it; real stores, real SQLite, over HTTP.

let now = Date.parse('2026-01-05T10:00:00Z');
const clock: Clock = { now: () => new Date(now) };
const advance = (ms: number) => {
  now += ms;
};
const logLines: string[] = [];
let dataDir: string;
let db: SqliteDatabase;
let ids: PoolIds;
let admin: UserPoolAdmin;
let url: string;
const server = createLocalServer(() => {});

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'local-backend-lockout-'));
  db = openDatabase(dataDir);
  ids = loadPoolIds(db);
  const { passwordPolicy } = await synthesizeBackend();
  await new Promise<void>((resolve) => server.server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  const context = { db, clock, log: (line: string) => logLines.push(line), ids, dataDir, url };
  const explicitAuthFlows = ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];
  server.mount('/pool', createUserPool(context, { passwordPolicy, userPoolClient: { explicitAuthFlows } }).handleHttp);
  admin = await openUserPoolAdmin({ dataDir, repoRoot: defaultRepoRoot, clock });
});
after(async () => {
  admin?.close();
  db?.close();
  await new Promise((resolve) => server.server.close(resolve));
  rmSync(dataDir, { recursive: true, force: true });
});

function call(operation: string, input: Record<string, unknown>) {
  return callAws(`${url}/pool`, `AWSCognitoIdentityProviderService.${operation}`, { ClientId: ids.userPoolClientId, ...input });
}

/** The error message of a USER_PASSWORD_AUTH sign-in, or 'signed in'. */
async function signIn(username: string, password: string): Promise<string> {
  const { status, body } = await call('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: password } });
  return status === 200 ? 'signed in' : `${String(body.__type)}: ${String(body.message)}`;
}

const incorrect = 'NotAuthorizedException: Incorrect username or password.';
const exceeded = 'NotAuthorizedException: Password attempts exceeded';

/** A confirmed user (temporary password replaced by `password`). */
async function confirmedUser(email: string, password: string): Promise<void> {
  const { user } = admin.addUser(email, { password: 'Temporary-Pass-1' });
  const { body } = await call('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: email, PASSWORD: 'Temporary-Pass-1' } });
  const answered = await call('RespondToAuthChallenge', { ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: body.Session, ChallengeResponses: { USERNAME: user.sub, NEW_PASSWORD: password } });
  assert.equal(answered.status, 200);
}

test('five wrong passwords, then "Password attempts exceeded" even for the right one, for 1 s, then 2 s after the next failure; attempts meanwhile do not count; success resets', async () => {
  await confirmedUser('locked@school.example', 'Right-Password-1');
  for (let attempt = 1; attempt <= 5; attempt += 1) assert.equal(await signIn('locked@school.example', 'Wrong-Password-1'), incorrect, `attempt ${attempt}`);
  assert.equal(admin.lockoutState('locked@school.example').failedAttempts, 5);
  assert.deepEqual(admin.lockoutState('locked@school.example').lockedUntil, new Date(now + 1000));
  assert.equal(await signIn('locked@school.example', 'Right-Password-1'), exceeded);
  advance(999);
  assert.equal(await signIn('locked@school.example', 'Right-Password-1'), exceeded);
  advance(1);
  assert.equal(await signIn('locked@school.example', 'Wrong-Password-1'), incorrect, 'the sixth failure');
  assert.deepEqual(admin.lockoutState('locked@school.example'), { failedAttempts: 6, lockedUntil: new Date(now + 2000) });
  advance(1999);
  assert.equal(await signIn('locked@school.example', 'Wrong-Password-1'), exceeded);
  assert.equal(admin.lockoutState('locked@school.example').failedAttempts, 6, 'an attempt during the lockout is not counted');
  advance(1);
  assert.equal(await signIn('locked@school.example', 'Right-Password-1'), 'signed in');
  assert.deepEqual(admin.lockoutState('locked@school.example'), { failedAttempts: 0, lockedUntil: undefined });
  for (let attempt = 1; attempt <= 5; attempt += 1) assert.equal(await signIn('locked@school.example', 'Wrong-Password-1'), incorrect);
  assert.equal(await signIn('locked@school.example', 'Right-Password-1'), exceeded);
});

test('the lockout doubles with each further failure up to 15 minutes, and 15 minutes without an attempt start over', async () => {
  await confirmedUser('growing@school.example', 'Right-Password-1');
  const lockouts: number[] = [];
  for (let failures = 1; failures <= 15; failures += 1) {
    if (failures > 1) advance((lockouts.at(-1) ?? 0) * 1000);
    assert.equal(await signIn('growing@school.example', 'Wrong-Password-1'), incorrect, `failure ${failures}`);
    const { lockedUntil } = admin.lockoutState('growing@school.example');
    lockouts.push(lockedUntil ? (lockedUntil.getTime() - now) / 1000 : 0);
  }
  // 2^(15-5) s would be 17 minutes: the cap holds it at 15.
  assert.deepEqual(lockouts, [0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900]);
  advance(14 * 60 * 1000);
  assert.equal(await signIn('growing@school.example', 'Right-Password-1'), exceeded);
  advance(15 * 60 * 1000);
  assert.deepEqual(admin.lockoutState('growing@school.example'), { failedAttempts: 0, lockedUntil: undefined });
  assert.equal(await signIn('growing@school.example', 'Right-Password-1'), 'signed in');
});

test('an unknown username is locked out after five attempts as a real account is', async () => {
  for (let attempt = 1; attempt <= 5; attempt += 1) assert.equal(await signIn('ghost@school.example', 'Any-Password-1'), incorrect);
  assert.equal(await signIn('ghost@school.example', 'Any-Password-1'), exceeded);
  advance(15 * 60 * 1000);
});

test('SRP answers count too: after five wrong proofs the sixth is refused with "Password attempts exceeded"', async () => {
  await confirmedUser('srp@school.example', 'Right-Password-1');
  const timestamp = () => {
    const date = new Date(now);
    const [weekday, , , , time] = date.toUTCString().replace(',', '').split(' ');
    const month = date.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
    return `${weekday} ${month} ${date.getUTCDate()} ${time} UTC ${date.getUTCFullYear()}`;
  };
  const wrongProof = async (username: string) => {
    const started = await call('InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: username, SRP_A: 'a'.repeat(768) } });
    const parameters = started.body.ChallengeParameters as Record<string, string>;
    const { body } = await call('RespondToAuthChallenge', {
      ChallengeName: 'PASSWORD_VERIFIER',
      ChallengeResponses: {
        USERNAME: parameters.USER_ID_FOR_SRP,
        PASSWORD_CLAIM_SECRET_BLOCK: parameters.SECRET_BLOCK,
        TIMESTAMP: timestamp(),
        PASSWORD_CLAIM_SIGNATURE: Buffer.alloc(32).toString('base64'),
      },
    });
    return `${String(body.__type)}: ${String(body.message)}`;
  };
  for (const username of ['srp@school.example', 'srp-ghost@school.example']) {
    for (let attempt = 1; attempt <= 5; attempt += 1) assert.equal(await wrongProof(username), incorrect, `${username} ${attempt}`);
    assert.equal(await wrongProof(username), exceeded, username);
  }
  assert.equal(await signIn('srp@school.example', 'Right-Password-1'), exceeded, 'one lockout for both flows');
  advance(15 * 60 * 1000);
});

test('after five wrong reset codes ConfirmForgotPassword answers LimitExceededException, even with the right code, until a new code is asked for', async () => {
  await confirmedUser('reset@school.example', 'Right-Password-1');
  const askForCode = async () => {
    assert.equal((await call('ForgotPassword', { Username: 'reset@school.example' })).status, 200);
    const code = [...logLines.join('\n').matchAll(/password reset code for reset@school\.example: (\d{6})/g)].at(-1)?.[1];
    assert.ok(code);
    return code;
  };
  const confirm = async (code: string) => {
    const { status, body } = await call('ConfirmForgotPassword', { Username: 'reset@school.example', ConfirmationCode: code, Password: 'New-Password-1' });
    return status === 200 ? 'reset' : `${String(body.__type)}: ${String(body.message)}`;
  };
  const code = await askForCode();
  const wrong = code === '000000' ? '111111' : '000000';
  for (let attempt = 1; attempt <= 5; attempt += 1) assert.equal(await confirm(wrong), 'CodeMismatchException: Invalid verification code provided, please try again.');
  assert.equal(await confirm(code), 'LimitExceededException: Attempt limit exceeded, please try after some time.');
  assert.equal(await confirm(await askForCode()), 'reset');
  assert.equal(await signIn('reset@school.example', 'New-Password-1'), 'signed in');
});
