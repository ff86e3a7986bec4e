import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  confirmSignIn,
  fetchAuthSession,
  fetchUserAttributes,
  getCurrentUser,
  signIn,
  signOut,
} from 'aws-amplify/auth';
import { configureAmplifyFor, startTestBackend, type TestBackend } from '../test-support';

let t: TestBackend;
before(async () => {
  t = await startTestBackend();
  configureAmplifyFor(t.backend);
});
after(async () => {
  await t?.stop();
});

test('a teacher added by an administrator signs in with the temporary password and chooses a new one', async () => {
  const { temporaryPassword, teacher } = t.admin.add('ada@school.example', { name: 'Ada' });
  const first = await signIn({ username: 'ada@school.example', password: temporaryPassword });
  assert.equal(first.isSignedIn, false);
  assert.equal(first.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED');

  const done = await confirmSignIn({ challengeResponse: 'Correct-Horse-42' });
  assert.deepEqual(done, { isSignedIn: true, nextStep: { signInStep: 'DONE' } });
  const user = await getCurrentUser();
  assert.equal(user.userId, teacher.sub);
  const attributes = await fetchUserAttributes();
  assert.equal(attributes.email, 'ada@school.example');
  assert.equal(attributes.email_verified, 'true');
  assert.equal(attributes.name, 'Ada');
  const session = await fetchAuthSession();
  assert.equal(session.tokens?.idToken?.payload['cognito:username'], teacher.sub);
  await signOut();
});
