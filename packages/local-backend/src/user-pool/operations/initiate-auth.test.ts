import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, mock, test } from 'node:test';
import { synthesizeBackend } from '@exam-results/amplify-synth';
import { systemClock } from '../../shared/clock';
import { openDatabase, type SqliteDatabase } from '../../shared/database';
import { defaultRepoRoot } from '../../shared/paths';
import { loadPoolIds, type PoolIds } from '../../shared/pool-ids';
import { createLocalServer } from '../../shared/server';
import { callAws } from '../../testing';
import { createUserPool, openUserPoolAdmin, type UserPool, type UserPoolAdmin } from '..';
import { srpArithmetic } from '../srp';

// USER_PASSWORD_AUTH is off in this project's app client, so it is exercised here on user
// pools whose app clients list other flows (real stores, real SQLite, real tokens, over HTTP).
let dataDir: string;
let db: SqliteDatabase;
let ids: PoolIds;
let admin: UserPoolAdmin;
let passwordPool: UserPool;
let url: string;
const server = createLocalServer(() => {});

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'local-backend-initiate-auth-'));
  db = openDatabase(dataDir);
  ids = loadPoolIds(db);
  const { passwordPolicy } = await synthesizeBackend();
  await new Promise<void>((resolve) => server.server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  const context = { db, clock: systemClock, log: () => {}, ids, dataDir, url };
  const withFlows = (...explicitAuthFlows: string[]) => createUserPool(context, { passwordPolicy, userPoolClient: { explicitAuthFlows } });
  passwordPool = withFlows('ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH');
  server.mount('/password', passwordPool.handleHttp);
  server.mount('/srp', withFlows('ALLOW_USER_SRP_AUTH').handleHttp);
  admin = await openUserPoolAdmin({ dataDir, repoRoot: defaultRepoRoot });
});
after(async () => {
  admin?.close();
  db?.close();
  await new Promise((resolve) => server.server.close(resolve));
  rmSync(dataDir, { recursive: true, force: true });
});

function call(pool: 'password' | 'srp', operation: string, input: Record<string, unknown>) {
  return callAws(`${url}/${pool}`, `AWSCognitoIdentityProviderService.${operation}`, { ClientId: ids.userPoolClientId, ...input });
}

function passwordAuth(username: string, password: string) {
  return call('password', 'InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: password } });
}

const incorrect = { status: 400, errorType: 'NotAuthorizedException', body: { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' } };

test('USER_PASSWORD_AUTH checks the password against the stored verifier', async () => {
  const { user } = admin.addUser('plain@school.example', { password: 'Temporary-Pass-1' });
  const challenge = await passwordAuth('plain@school.example', 'Temporary-Pass-1');
  assert.equal(challenge.body.ChallengeName, 'NEW_PASSWORD_REQUIRED');
  assert.deepEqual(await passwordAuth('plain@school.example', 'Temporary-Pass-2'), incorrect);
  assert.deepEqual(await passwordAuth('ghost@school.example', 'Temporary-Pass-1'), incorrect);

  const confirmed = await call('password', 'RespondToAuthChallenge', {
    ChallengeName: 'NEW_PASSWORD_REQUIRED',
    Session: challenge.body.Session,
    ChallengeResponses: { USERNAME: user.sub, NEW_PASSWORD: 'Chosen-Password-1' },
  });
  assert.equal(confirmed.status, 200);
  const result = (await passwordAuth('plain@school.example', 'Chosen-Password-1')).body.AuthenticationResult as Record<string, string>;
  assert.equal((await passwordPool.verifyAccessToken(result.AccessToken ?? '')).sub, user.sub);
  assert.equal((await passwordPool.verifyIdToken(result.IdToken ?? '')).email, 'plain@school.example');

  const refreshed = await call('password', 'InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: result.RefreshToken ?? '' } });
  const tokens = refreshed.body.AuthenticationResult as Record<string, string>;
  assert.equal(tokens.RefreshToken, undefined);
  assert.equal((await passwordPool.verifyAccessToken(tokens.AccessToken ?? '')).sub, user.sub);
});

test('flows the app client does not list are refused', async () => {
  const refused = await call('password', 'InitiateAuth', {
    AuthFlow: 'USER_SRP_AUTH',
    AuthParameters: { USERNAME: 'plain@school.example', SRP_A: 'abcdef' },
  });
  assert.equal(refused.errorType, 'InvalidParameterException');
  assert.equal(refused.body.message, 'USER_SRP_AUTH flow not enabled for this client');
});

test('an SRP challenge for an unknown user is as stable as one for a real user, so it reveals nothing', async () => {
  admin.addUser('known@school.example', { password: 'Temporary-Pass-1' });
  const challenge = async (username: string) =>
    (
      await call('srp', 'InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: username, SRP_A: 'a'.repeat(768) } })
    ).body.ChallengeParameters as Record<string, string>;
  const stable = async (username: string) => {
    const first = await challenge(username);
    const second = await challenge(username);
    assert.equal(second.USER_ID_FOR_SRP, first.USER_ID_FOR_SRP);
    assert.equal(second.SALT, first.SALT);
    assert.notEqual(second.SRP_B, first.SRP_B);
    return first;
  };
  const known = await stable('known@school.example');
  const unknown = await stable('nobody@school.example');
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  assert.match(known.USER_ID_FOR_SRP ?? '', uuid);
  assert.match(unknown.USER_ID_FOR_SRP ?? '', uuid);
  assert.equal(unknown.SALT?.length, known.SALT?.length);
  assert.notEqual((await stable('someone-else@school.example')).USER_ID_FOR_SRP, unknown.USER_ID_FOR_SRP);
});

const srpStart = (username: string) => call('srp', 'InitiateAuth', { AuthFlow: 'USER_SRP_AUTH', AuthParameters: { USERNAME: username, SRP_A: 'a'.repeat(768) } });

test('the decoy USER_ID_FOR_SRP of unknown users has the variant nibbles 8, 9, a and b of a random UUID', async () => {
  const variants = new Set<string>();
  for (let index = 0; index < 200; index += 1) {
    const parameters = (await srpStart(`stranger-${index}@school.example`)).body.ChallengeParameters as Record<string, string>;
    variants.add(parameters.USER_ID_FOR_SRP?.charAt(19) ?? '');
  }
  // Each of the four is missed by 200 independent draws with probability (3/4)^200, about 1e-25.
  assert.deepEqual([...variants].sort(), ['8', '9', 'a', 'b']);
});

test('a sign-in for an unknown user makes as many modular exponentiations as one for a real user, at each step', async () => {
  admin.addUser('counted@school.example', { password: 'Temporary-Pass-1' });
  const exponentiations = mock.method(srpArithmetic, 'modPow');
  const counted = async <T>(step: () => Promise<T>): Promise<{ result: T; count: number }> => {
    const before = exponentiations.mock.callCount();
    const result = await step();
    return { result, count: exponentiations.mock.callCount() - before };
  };
  try {
    const costs = [];
    for (const username of ['counted@school.example', 'uncounted@school.example']) {
      const started = await counted(() => srpStart(username));
      const parameters = started.result.body.ChallengeParameters as Record<string, string>;
      const answered = await counted(() =>
        call('srp', 'RespondToAuthChallenge', {
          ChallengeName: 'PASSWORD_VERIFIER',
          ChallengeResponses: {
            USERNAME: parameters.USER_ID_FOR_SRP,
            PASSWORD_CLAIM_SECRET_BLOCK: parameters.SECRET_BLOCK,
            TIMESTAMP: 'Mon Jan 5 10:00:00 UTC 2026',
            PASSWORD_CLAIM_SIGNATURE: Buffer.alloc(32).toString('base64'),
          },
        }),
      );
      assert.deepEqual(answered.result, incorrect, username);
      costs.push({ initiate: started.count, respond: answered.count });
    }
    const [known, unknown] = costs;
    assert.deepEqual(unknown, known);
    assert.deepEqual(known, { initiate: 1, respond: 2 }, 'g^b for B; then v^u and the session secret S');
  } finally {
    exponentiations.mock.restore();
  }
});
