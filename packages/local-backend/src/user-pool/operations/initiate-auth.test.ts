import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { synthesizeBackend } from '@exam-results/amplify-synth';
import { systemClock } from '../../shared/clock';
import { openDatabase, type SqliteDatabase } from '../../shared/database';
import { loadPoolIds, poolNameOf } from '../../shared/pool-ids';
import { loadSigningKey } from '../signing-key';
import { createChallengeStore } from '../challenges';
import { createResetCodeStore } from '../reset-codes';
import type { UserPoolServices } from '../services';
import { createTokenService } from '../tokens';
import { createUserStore } from '../user-store';
import { initiateAuth } from './initiate-auth';

// USER_PASSWORD_AUTH is off in this project's app client, so it is exercised here on a
// user pool whose app client allows it (real stores, real SQLite, real tokens).
let dataDir: string;
let db: SqliteDatabase;
let services: UserPoolServices;

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'local-backend-initiate-auth-'));
  db = openDatabase(dataDir);
  const ids = loadPoolIds(db);
  const { passwordPolicy } = await synthesizeBackend();
  const users = createUserStore(db, systemClock, poolNameOf(ids));
  services = {
    ids,
    poolName: poolNameOf(ids),
    users,
    challenges: createChallengeStore(db, systemClock),
    resetCodes: createResetCodeStore(db, systemClock),
    tokens: createTokenService({ db, clock: systemClock, ids, signingKey: loadSigningKey(dataDir), issuer: `http://127.0.0.1:1/${ids.userPoolId}` }),
    settings: {
      passwordPolicy,
      explicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      allowUnauthenticatedIdentities: true,
    },
    clock: systemClock,
    log: () => {},
    decoyKey: randomBytes(32),
  };
});
after(() => {
  db?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function passwordAuth(username: string, password: string) {
  return initiateAuth(services)({
    ClientId: services.ids.userPoolClientId,
    AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME: username, PASSWORD: password },
  }) as Record<string, unknown>;
}

test('USER_PASSWORD_AUTH checks the password against the stored verifier', () => {
  const user = services.users.createWithTemporaryPassword('plain@school.example', 'Temporary-Pass-1', {});
  assert.equal(passwordAuth('plain@school.example', 'Temporary-Pass-1').ChallengeName, 'NEW_PASSWORD_REQUIRED');
  assert.throws(() => passwordAuth('plain@school.example', 'Temporary-Pass-2'), {
    name: 'NotAuthorizedException',
    message: 'Incorrect username or password.',
  });
  assert.throws(() => passwordAuth('ghost@school.example', 'Temporary-Pass-1'), {
    name: 'NotAuthorizedException',
    message: 'Incorrect username or password.',
  });

  services.users.setPassword(user.sub, 'Chosen-Password-1', 'CONFIRMED');
  const result = passwordAuth('plain@school.example', 'Chosen-Password-1').AuthenticationResult as Record<string, string>;
  assert.equal(services.tokens.verifyAccessToken(result.AccessToken ?? '').sub, user.sub);
  assert.equal(services.tokens.verifyIdToken(result.IdToken ?? '').email, 'plain@school.example');

  const refreshed = initiateAuth(services)({
    ClientId: services.ids.userPoolClientId,
    AuthFlow: 'REFRESH_TOKEN_AUTH',
    AuthParameters: { REFRESH_TOKEN: result.RefreshToken ?? '' },
  }) as { AuthenticationResult: Record<string, string> };
  assert.equal(refreshed.AuthenticationResult.RefreshToken, undefined);
  assert.equal(services.tokens.verifyAccessToken(refreshed.AuthenticationResult.AccessToken ?? '').sub, user.sub);
});

test('flows the app client does not list are refused', () => {
  assert.throws(
    () =>
      initiateAuth(services)({
        ClientId: services.ids.userPoolClientId,
        AuthFlow: 'USER_SRP_AUTH',
        AuthParameters: { USERNAME: 'plain@school.example', SRP_A: 'abcdef' },
      }),
    { name: 'InvalidParameterException', message: 'USER_SRP_AUTH flow not enabled for this client' },
  );
});

test('an SRP challenge for an unknown user is as stable as one for a real user, so it reveals nothing', () => {
  services.users.createWithTemporaryPassword('known@school.example', 'Temporary-Pass-1', {});
  const srpServices = { ...services, settings: { ...services.settings, explicitAuthFlows: ['ALLOW_USER_SRP_AUTH'] } };
  const challenge = (username: string) =>
    (
      initiateAuth(srpServices)({
        ClientId: services.ids.userPoolClientId,
        AuthFlow: 'USER_SRP_AUTH',
        AuthParameters: { USERNAME: username, SRP_A: 'a'.repeat(768) },
      }) as { ChallengeParameters: Record<string, string> }
    ).ChallengeParameters;
  const stable = (username: string) => {
    const first = challenge(username);
    const second = challenge(username);
    assert.equal(second.USER_ID_FOR_SRP, first.USER_ID_FOR_SRP);
    assert.equal(second.SALT, first.SALT);
    assert.notEqual(second.SRP_B, first.SRP_B);
    return first;
  };
  const known = stable('known@school.example');
  const unknown = stable('nobody@school.example');
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  assert.match(known.USER_ID_FOR_SRP ?? '', uuid);
  assert.match(unknown.USER_ID_FOR_SRP ?? '', uuid);
  assert.equal(unknown.SALT?.length, known.SALT?.length);
  assert.notEqual(stable('someone-else@school.example').USER_ID_FOR_SRP, unknown.USER_ID_FOR_SRP);
});
