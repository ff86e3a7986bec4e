import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import {
  confirmResetPassword,
  confirmSignIn,
  fetchAuthSession,
  fetchUserAttributes,
  getCurrentUser,
  resetPassword,
  signIn,
  signOut,
  signUp,
  updatePassword,
  updateUserAttributes,
} from 'aws-amplify/auth';
import { defaultStorage } from 'aws-amplify/utils';
import { configureAmplify } from '@exam-results/amplify-config';
import { defaultRepoRoot } from '../shared/paths';
import { callAws, ManualClock, signInUser, startTempBackend, type TempBackend } from '../testing';
import { openUserPoolAdmin } from '.';

const target = (operation: string) => `AWSCognitoIdentityProviderService.${operation}`;

let t: TempBackend;
before(async () => {
  t = await startTempBackend();
  configureAmplify(t.outputs);
});
beforeEach(async () => {
  t.clock.reset();
  await signOut();
});
after(async () => {
  await t?.stop();
});

/** Adds a user and takes them through their first sign-in on this process's Amplify; leaves them signed in. */
async function confirmedUser(email: string, password: string): Promise<void> {
  await signInUser(t, email, { password, singleton: true });
}

/** The refresh token Amplify holds for the signed-in user (it never hands it out otherwise). */
async function storedRefreshToken(): Promise<string> {
  const prefix = `CognitoIdentityServiceProvider.${t.backend.ids.userPoolClientId}`;
  const user = await defaultStorage.getItem(`${prefix}.LastAuthUser`);
  const token = user === null ? null : await defaultStorage.getItem(`${prefix}.${user}.refreshToken`);
  if (!token) throw new Error('no refresh token stored');
  return token;
}

function rejectsWith(name: string, message?: string) {
  return (error: unknown) => {
    assert.equal((error as Error).name, name);
    if (message !== undefined) assert.equal((error as Error).message, message);
    return true;
  };
}

test('a user added by an administrator signs in with the temporary password and chooses a new one', async () => {
  const { temporaryPassword, user: added } = t.admin.addUser('ada@school.example', { name: 'Ada' });
  const first = await signIn({ username: 'ada@school.example', password: temporaryPassword });
  assert.equal(first.isSignedIn, false);
  assert.equal(first.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED');

  const done = await confirmSignIn({ challengeResponse: 'Correct-Horse-42' });
  assert.deepEqual(done, { isSignedIn: true, nextStep: { signInStep: 'DONE' } });
  const user = await getCurrentUser();
  assert.equal(user.userId, added.sub);
  const attributes = await fetchUserAttributes();
  assert.equal(attributes.email, 'ada@school.example');
  assert.equal(attributes.email_verified, 'true');
  assert.equal(attributes.name, 'Ada');
  assert.equal(t.admin.listUsers().find((entry) => entry.sub === added.sub)?.status, 'CONFIRMED');

  await signOut();
  // The email is matched case-insensitively, as the synthesized pool configures it.
  const again = await signIn({ username: 'ADA@school.example', password: 'Correct-Horse-42' });
  assert.equal(again.isSignedIn, true);
});

test('a weak new password is refused with the policy of amplify/, and a stronger one then works', async () => {
  const { temporaryPassword } = t.admin.addUser('weak@school.example');
  await signIn({ username: 'weak@school.example', password: temporaryPassword });
  await assert.rejects(
    confirmSignIn({ challengeResponse: 'short1A' }),
    rejectsWith('InvalidPasswordException', 'Password does not conform to policy: Password not long enough'),
  );
  await assert.rejects(
    confirmSignIn({ challengeResponse: 'alllowercase123' }),
    rejectsWith('InvalidPasswordException', 'Password does not conform to policy: Password must have uppercase characters'),
  );
  const done = await confirmSignIn({ challengeResponse: 'Much-Better-Passw0rd' });
  assert.equal(done.isSignedIn, true);
});

test('a wrong password and an unknown user get the same answer', async () => {
  await confirmedUser('wrong@school.example', 'Right-Password-1');
  await signOut();
  await assert.rejects(
    signIn({ username: 'wrong@school.example', password: 'Wrong-Password-1' }),
    rejectsWith('NotAuthorizedException', 'Incorrect username or password.'),
  );
  await assert.rejects(
    signIn({ username: 'nobody@school.example', password: 'Wrong-Password-1' }),
    rejectsWith('NotAuthorizedException', 'Incorrect username or password.'),
  );
});

test('a password claim whose TIMESTAMP is more than five minutes from the server clock is refused', async () => {
  await confirmedUser('skew@school.example', 'Right-Password-1');
  await signOut();
  t.clock.advance(6 * 60 * 1000);
  await assert.rejects(
    signIn({ username: 'skew@school.example', password: 'Right-Password-1' }),
    rejectsWith('NotAuthorizedException', 'Incorrect username or password.'),
  );
  t.clock.reset();
  t.clock.advance(4 * 60 * 1000);
  assert.equal((await signIn({ username: 'skew@school.example', password: 'Right-Password-1' })).isSignedIn, true);
});

test('a forced refresh gets new tokens from the refresh token', async () => {
  await confirmedUser('refresh@school.example', 'Refresh-Me-123');
  const before = await fetchAuthSession();
  t.clock.advance(1000);
  const after = await fetchAuthSession({ forceRefresh: true });
  assert.ok(after.tokens && before.tokens);
  assert.notEqual(after.tokens.accessToken.toString(), before.tokens.accessToken.toString());
  assert.equal(after.tokens.accessToken.payload.origin_jti, before.tokens.accessToken.payload.origin_jti);
  assert.equal((await fetchUserAttributes()).email, 'refresh@school.example');
});

test('after sign-out neither the refresh token nor the access token works', async () => {
  await confirmedUser('signout@school.example', 'Sign-Out-123');
  const refreshToken = await storedRefreshToken();
  const accessToken = (await fetchAuthSession()).tokens?.accessToken.toString();
  await signOut();

  const refreshed = await callAws(t.backend.userPoolEndpoint, target('GetTokensFromRefreshToken'), {
    ClientId: t.backend.ids.userPoolClientId,
    RefreshToken: refreshToken,
  });
  assert.equal(refreshed.status, 400);
  assert.equal(refreshed.errorType, 'NotAuthorizedException');
  assert.equal(refreshed.body.message, 'Refresh Token has been revoked');
  const user = await callAws(t.backend.userPoolEndpoint, target('GetUser'), { AccessToken: accessToken });
  assert.equal(user.errorType, 'NotAuthorizedException');
  assert.equal(user.body.message, 'Access Token has been revoked');
});

test('global sign-out ends every sign-in of the user', async () => {
  await confirmedUser('global@school.example', 'Global-Out-123');
  const firstRefreshToken = await storedRefreshToken();
  await signOut();
  await signIn({ username: 'global@school.example', password: 'Global-Out-123' });
  await signOut({ global: true });

  const refreshed = await callAws(t.backend.userPoolEndpoint, target('GetTokensFromRefreshToken'), {
    ClientId: t.backend.ids.userPoolClientId,
    RefreshToken: firstRefreshToken,
  });
  assert.equal(refreshed.body.message, 'Refresh Token has been revoked');
});

test('a forgotten password is reset with the code written to the backend log', async () => {
  await confirmedUser('forgot@school.example', 'Forgotten-123');
  await signOut();
  const started = await resetPassword({ username: 'forgot@school.example' });
  assert.equal(started.nextStep.resetPasswordStep, 'CONFIRM_RESET_PASSWORD_WITH_CODE');
  assert.equal(started.nextStep.codeDeliveryDetails.deliveryMedium, 'EMAIL');
  const code = /password reset code for forgot@school\.example: (\d{6})/.exec(t.logLines.join('\n'))?.[1];
  assert.ok(code, 'the code is in the log');

  const wrongCode = code === '000000' ? '111111' : '000000';
  await assert.rejects(
    confirmResetPassword({ username: 'forgot@school.example', confirmationCode: wrongCode, newPassword: 'Remembered-456' }),
    rejectsWith('CodeMismatchException'),
  );
  await assert.rejects(
    confirmResetPassword({ username: 'forgot@school.example', confirmationCode: code, newPassword: 'weak' }),
    rejectsWith('InvalidPasswordException'),
  );
  await confirmResetPassword({ username: 'forgot@school.example', confirmationCode: code, newPassword: 'Remembered-456' });
  await assert.rejects(
    confirmResetPassword({ username: 'forgot@school.example', confirmationCode: code, newPassword: 'Remembered-789' }),
    rejectsWith('ExpiredCodeException'),
  );
  assert.equal((await signIn({ username: 'forgot@school.example', password: 'Remembered-456' })).isSignedIn, true);
});

test('a signed-in user changes their password and their name', async () => {
  await confirmedUser('change@school.example', 'Before-Change-1');
  await assert.rejects(
    updatePassword({ oldPassword: 'Not-The-Password-1', newPassword: 'After-Change-1' }),
    rejectsWith('NotAuthorizedException', 'Incorrect username or password.'),
  );
  await updatePassword({ oldPassword: 'Before-Change-1', newPassword: 'After-Change-1' });
  await updateUserAttributes({ userAttributes: { name: 'Grace Hopper' } });
  assert.equal((await fetchUserAttributes()).name, 'Grace Hopper');
  await signOut();
  await assert.rejects(signIn({ username: 'change@school.example', password: 'Before-Change-1' }), rejectsWith('NotAuthorizedException'));
  assert.equal((await signIn({ username: 'change@school.example', password: 'After-Change-1' })).isSignedIn, true);
});

test('sign-up is refused: only an administrator creates users', async () => {
  await assert.rejects(
    signUp({ username: 'self@school.example', password: 'Self-Signed-Up-1' }),
    rejectsWith('NotAuthorizedException', 'SignUp is not permitted for this user pool'),
  );
});

test('USER_PASSWORD_AUTH is refused because the synthesized app client does not allow it', async () => {
  await assert.rejects(
    signIn({ username: 'ada@school.example', password: 'Correct-Horse-42', options: { authFlowType: 'USER_PASSWORD_AUTH' } }),
    rejectsWith('InvalidParameterException', 'USER_PASSWORD_AUTH flow not enabled for this client'),
  );
});

test('a temporary password expires after the validity days of the policy', async () => {
  const eightDaysAgo = new ManualClock();
  eightDaysAgo.advance(-8 * 24 * 60 * 60 * 1000);
  const pastAdmin = await openUserPoolAdmin({ dataDir: t.dataDir, repoRoot: defaultRepoRoot, clock: eightDaysAgo });
  const { temporaryPassword } = pastAdmin.addUser('late@school.example');
  pastAdmin.close();
  await assert.rejects(
    signIn({ username: 'late@school.example', password: temporaryPassword }),
    rejectsWith('NotAuthorizedException', 'Temporary password has expired and must be reset by an administrator.'),
  );
});

test('an access token is refused once the clock passes its expiry', async () => {
  await confirmedUser('expiry@school.example', 'Expiry-Test-1');
  const accessToken = (await fetchAuthSession()).tokens?.accessToken.toString();
  t.clock.advance(60 * 60 * 1000);
  const user = await callAws(t.backend.userPoolEndpoint, target('GetUser'), { AccessToken: accessToken });
  assert.equal(user.errorType, 'NotAuthorizedException');
  assert.equal(user.body.message, 'Access Token has expired');
});

test('an unknown user gets a challenge like a known one, and the answer fails the same way', async () => {
  t.admin.addUser('known@school.example');
  const challenge = async (username: string) =>
    callAws(t.backend.userPoolEndpoint, 'AWSCognitoIdentityProviderService.InitiateAuth', {
      ClientId: t.backend.ids.userPoolClientId,
      AuthFlow: 'USER_SRP_AUTH',
      AuthParameters: { USERNAME: username, SRP_A: 'abcdef0123456789' },
    });
  const known = await challenge('known@school.example');
  const unknown = await challenge('unknown@school.example');
  assert.equal(known.status, 200);
  assert.equal(unknown.status, 200);
  assert.deepEqual(Object.keys(known.body).sort(), Object.keys(unknown.body).sort());
  const parameters = unknown.body.ChallengeParameters as Record<string, string>;
  assert.deepEqual(Object.keys(parameters).sort(), Object.keys(known.body.ChallengeParameters as object).sort());

  const answer = await callAws(t.backend.userPoolEndpoint, 'AWSCognitoIdentityProviderService.RespondToAuthChallenge', {
    ClientId: t.backend.ids.userPoolClientId,
    ChallengeName: 'PASSWORD_VERIFIER',
    ChallengeResponses: {
      USERNAME: parameters.USER_ID_FOR_SRP,
      PASSWORD_CLAIM_SECRET_BLOCK: parameters.SECRET_BLOCK,
      TIMESTAMP: 'Mon Jan 5 10:00:00 UTC 2026',
      PASSWORD_CLAIM_SIGNATURE: 'AAAA',
    },
  });
  assert.equal(answer.errorType, 'NotAuthorizedException');
  assert.equal(answer.body.message, 'Incorrect username or password.');
});
