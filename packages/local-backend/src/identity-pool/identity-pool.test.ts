import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { configureAmplify } from '@exam-results/amplify-config';
import { fetchAuthSession, signIn, signOut } from 'aws-amplify/auth';
import { openDatabase, type SqliteDatabase } from '../shared/database';
import { loadPoolIds } from '../shared/pool-ids';
import { callAws, signInUser, startTempBackend, type TempBackend } from '../testing';
import { createCredentialStore, type CredentialStore } from './credentials';

let t: TempBackend;
let db: SqliteDatabase;
// A second connection to the backend's database, as AppSync reads minted credentials.
let stored: CredentialStore;

before(async () => {
  t = await startTempBackend();
  configureAmplify(t.outputs);
  db = openDatabase(t.dataDir);
  stored = createCredentialStore(db, t.clock, loadPoolIds(db));
});
after(async () => {
  db?.close();
  await t?.stop();
});

const target = (operation: string) => `AWSCognitoIdentityService.${operation}`;

test('a guest gets an identity and credentials of the unauthenticated role', async () => {
  const session = await fetchAuthSession();
  assert.equal(session.tokens, undefined);
  assert.match(session.identityId ?? '', /^us-east-1:[0-9a-f-]{36}$/);
  const credentials = session.credentials;
  assert.ok(credentials);
  assert.match(credentials.accessKeyId, /^ASIA[A-Z2-7]{16}$/);
  const expiresIn = (credentials.expiration?.getTime() ?? 0) - Date.now();
  assert.ok(expiresIn > 59 * 60 * 1000 && expiresIn <= 60 * 60 * 1000, `expires in ${expiresIn} ms`);

  const minted = stored.findCredentials(credentials.accessKeyId);
  assert.ok(minted);
  assert.equal(minted.secretAccessKey, credentials.secretAccessKey);
  assert.equal(minted.sessionToken, credentials.sessionToken);
  assert.equal(minted.identityId, session.identityId);
  assert.equal(minted.authenticated, false);
  assert.equal(minted.sub, undefined);
});

test('a signed-in user gets different credentials, of the authenticated role', async () => {
  const guest = await fetchAuthSession();
  const user = await signInUser(t, 'identity@school.example', { password: 'Identity-Pool-1', singleton: true });
  const signedIn = await fetchAuthSession();
  assert.ok(signedIn.credentials && guest.credentials);
  assert.notEqual(signedIn.credentials.accessKeyId, guest.credentials.accessKeyId);
  assert.notEqual(signedIn.credentials.secretAccessKey, guest.credentials.secretAccessKey);

  const minted = stored.findCredentials(signedIn.credentials.accessKeyId);
  assert.equal(minted?.authenticated, true);
  assert.equal(minted?.sub, user.sub);
  assert.equal(minted?.identityId, signedIn.identityId);
  // The guest's credentials keep the role they were minted with.
  assert.equal(stored.findCredentials(guest.credentials.accessKeyId)?.authenticated, false);

  await signOut();
  const guestAgain = await fetchAuthSession();
  assert.equal(stored.findCredentials(guestAgain.credentials?.accessKeyId ?? '')?.authenticated, false);
  assert.notEqual(guestAgain.identityId, signedIn.identityId);

  await signIn({ username: 'identity@school.example', password: 'Identity-Pool-1' });
  const back = await fetchAuthSession();
  assert.equal(back.identityId, signedIn.identityId, 'a user keeps one identity');
  await signOut();
});

test('the identity of a user is not handed out without their login', async () => {
  await signInUser(t, 'owner@school.example', { password: 'Owner-Of-Id-1', singleton: true });
  const { identityId } = await fetchAuthSession();
  await signOut();

  const withoutLogin = await callAws(t.backend.identityPoolEndpoint, target('GetCredentialsForIdentity'), { IdentityId: identityId });
  assert.equal(withoutLogin.errorType, 'NotAuthorizedException');
  assert.equal(withoutLogin.body.message, `Access to Identity '${identityId}' is forbidden.`);

  const otherPool = await callAws(t.backend.identityPoolEndpoint, target('GetId'), { IdentityPoolId: 'us-east-1:00000000-0000-0000-0000-000000000000' });
  assert.equal(otherPool.errorType, 'ResourceNotFoundException');

  const unknown = await callAws(t.backend.identityPoolEndpoint, target('GetCredentialsForIdentity'), {
    IdentityId: 'us-east-1:00000000-0000-0000-0000-000000000000',
  });
  assert.equal(unknown.errorType, 'ResourceNotFoundException');

  const wrongProvider = await callAws(t.backend.identityPoolEndpoint, target('GetId'), {
    IdentityPoolId: t.backend.ids.identityPoolId,
    Logins: { 'accounts.google.com': 'x.y.z' },
  });
  assert.equal(wrongProvider.errorType, 'NotAuthorizedException');
});
