import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { after, before, test } from 'node:test';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminResetUserPasswordCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  ListGroupsCommand,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { configureAmplify } from '@exam-results/amplify-config';
import { confirmResetPassword, confirmSignIn, signIn, signOut } from 'aws-amplify/auth';
import { guestCredentials, postGraphql, signInUser, startTempBackend, type TempBackend } from '../testing';

let t: TempBackend;
let admin: CognitoIdentityProviderClient;
let poolId: string;

/** The real SDK, with the credentials the backend generated, read from the file it points tools at. */
function sdkClient(credentials: { accessKeyId: string; secretAccessKey: string }): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({ region: t.region, endpoint: t.backend.userPoolEndpoint, credentials, maxAttempts: 1 });
}

before(async () => {
  t = await startTempBackend();
  configureAmplify(t.outputs);
  const file = readFileSync(t.backend.adminCredentials.file, 'utf8');
  const accessKeyId = /aws_access_key_id = (\S+)/.exec(file)?.[1] ?? '';
  const secretAccessKey = /aws_secret_access_key = (\S+)/.exec(file)?.[1] ?? '';
  admin = sdkClient({ accessKeyId, secretAccessKey });
  poolId = t.outputs.auth.user_pool_id;
});
after(async () => {
  admin?.destroy();
  await t?.stop();
});

test('the administrator credentials are generated per install, readable by their owner only, and named at start', () => {
  assert.equal(statSync(t.backend.adminCredentials.file).mode & 0o777, 0o600);
  assert.match(readFileSync(t.backend.adminCredentials.file, 'utf8'), /^\[local-backend\]$/m);
  assert.ok(t.logLines.some((line) => line.includes(`AWS_SHARED_CREDENTIALS_FILE=${t.backend.adminCredentials.file} AWS_PROFILE=local-backend`)));
});

test('AdminCreateUser with a temporary password: the user exists as Cognito describes them and signs in through the Authenticator flow', async () => {
  const created = await admin.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: 'ada@school.example',
      TemporaryPassword: 'Temporary-Pass-1',
      MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'name', Value: 'Ada' }, { Name: 'email', Value: 'ada@school.example' }],
    }),
  );
  assert.equal(created.User?.UserStatus, 'FORCE_CHANGE_PASSWORD');
  assert.equal(created.User?.Enabled, true);
  assert.ok(created.User?.UserCreateDate instanceof Date);
  const attributes = Object.fromEntries((created.User?.Attributes ?? []).map((a) => [a.Name, a.Value]));
  assert.equal(attributes.email, 'ada@school.example');
  assert.equal(attributes.name, 'Ada');
  assert.equal(created.User?.Username, attributes.sub);

  const got = await admin.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'ada@school.example' }));
  assert.equal(got.Username, attributes.sub);
  assert.equal(got.UserStatus, 'FORCE_CHANGE_PASSWORD');

  const first = await signIn({ username: 'ada@school.example', password: 'Temporary-Pass-1' });
  assert.equal(first.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED');
  assert.equal((await confirmSignIn({ challengeResponse: 'Adas-Own-Pass-1' })).isSignedIn, true);
  await signOut();
  assert.equal((await admin.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: attributes.sub }))).UserStatus, 'CONFIRMED');
});

test('AdminCreateUser refuses what Cognito refuses, in its error shapes', async () => {
  await admin.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'twice@school.example', MessageAction: 'SUPPRESS' }));
  await assert.rejects(admin.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'twice@school.example', MessageAction: 'SUPPRESS' })), {
    name: 'UsernameExistsException',
    message: 'An account with the given email already exists.',
  });
  await assert.rejects(
    admin.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'weak@school.example', TemporaryPassword: 'short', MessageAction: 'SUPPRESS' })),
    { name: 'InvalidPasswordException', message: /^Password does not conform to policy/ },
  );
  await assert.rejects(admin.send(new AdminGetUserCommand({ UserPoolId: 'us-east-1_Another01', Username: 'twice@school.example' })), {
    name: 'ResourceNotFoundException',
    message: 'User pool us-east-1_Another01 does not exist.',
  });
  await assert.rejects(admin.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'nobody@school.example' })), {
    name: 'UserNotFoundException',
    message: 'User does not exist.',
  });
});

test('without MessageAction SUPPRESS the invitation Cognito would email goes to the log, with a temporary password that signs in', async () => {
  await admin.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'invited@school.example' }));
  const line = t.logLines.find((logged) => logged.startsWith('cognito: invitation for invited@school.example: temporary password '));
  const password = line?.split(' ').at(-1) ?? '';
  const first = await signIn({ username: 'invited@school.example', password });
  assert.equal(first.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED');
});

test('Admin calls without the administrator signature are refused as AWS refuses them, and the API keeps serving', async () => {
  const unsigned = await fetch(t.backend.userPoolEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.ListUsers' },
    body: JSON.stringify({ UserPoolId: poolId }),
  });
  assert.equal(unsigned.status, 400);
  assert.deepEqual(await unsigned.json(), { __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' });

  const stranger = sdkClient({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' });
  await assert.rejects(stranger.send(new ListUsersCommand({ UserPoolId: poolId })), { name: 'UnrecognizedClientException' });
  const wrongSecret = sdkClient({ accessKeyId: t.backend.adminCredentials.accessKeyId, secretAccessKey: 'not-the-secret' });
  await assert.rejects(wrongSecret.send(new ListUsersCommand({ UserPoolId: poolId })), { name: 'InvalidSignatureException' });
  stranger.destroy();
  wrongSecret.destroy();
  assert.ok((await admin.send(new ListUsersCommand({ UserPoolId: poolId }))).Users);
});

test("Admin calls signed with the identity pool's guest credentials are denied as AWS denies the guest role (AccessDeniedException)", async () => {
  const guest = sdkClient(await guestCredentials(t.outputs));
  try {
    const denied = await guest.send(new ListUsersCommand({ UserPoolId: poolId })).then(
      () => assert.fail('expected AccessDeniedException'),
      (error: unknown) => error as { name: string; message: string; $metadata: { httpStatusCode?: number } },
    );
    assert.equal(denied.name, 'AccessDeniedException');
    assert.equal(denied.$metadata.httpStatusCode, 400);
    const resource = `arn:aws:cognito-idp:${t.region}:000000000000:userpool/${poolId}`;
    assert.match(
      denied.message,
      new RegExp(`^User: arn:aws:sts::000000000000:assumed-role/[^/]+/CognitoIdentityCredentials is not authorized to perform: cognito-idp:ListUsers on resource: ${resource} because no identity-based policy allows the cognito-idp:ListUsers action$`),
    );
    await assert.rejects(guest.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'nobody@school.example' })), {
      name: 'AccessDeniedException',
      message: /cognito-idp:AdminGetUser/,
    });
  } finally {
    guest.destroy();
  }
});

test('ListUsers filters as Cognito does and pages with its token', async () => {
  for (const email of ['page1@list.example', 'page2@list.example', 'page3@list.example']) {
    await admin.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: email, MessageAction: 'SUPPRESS' }));
  }
  const emails: string[] = [];
  let token: string | undefined;
  for (let page = 0; page < 5; page += 1) {
    const listed = await admin.send(new ListUsersCommand({ UserPoolId: poolId, Filter: 'email ^= "page"', Limit: 2, PaginationToken: token }));
    for (const user of listed.Users ?? []) emails.push(user.Attributes?.find((a) => a.Name === 'email')?.Value ?? '');
    token = listed.PaginationToken;
    if (!token) break;
  }
  assert.deepEqual(emails, ['page1@list.example', 'page2@list.example', 'page3@list.example']);
  const exact = await admin.send(new ListUsersCommand({ UserPoolId: poolId, Filter: 'email = "page2@list.example"' }));
  assert.equal(exact.Users?.length, 1);
  await assert.rejects(admin.send(new ListUsersCommand({ UserPoolId: poolId, Filter: 'email contains "x"' })), {
    name: 'InvalidParameterException',
    message: 'Error while parsing filter.',
  });
});

test('a disabled user cannot sign in and their tokens stop working; enabled again, they sign in', async () => {
  const user = await signInUser(t, 'dis@school.example', { password: 'Dis-Own-Pass-1' });
  const token = await user.accessToken();
  const query = JSON.stringify({ query: 'query { listExams { items { id } } }' });
  assert.equal((await postGraphql(t.dataUrl, query, { authorization: token })).status, 200);

  await admin.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: 'dis@school.example' }));
  assert.equal((await admin.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'dis@school.example' }))).Enabled, false);
  const refused = await postGraphql(t.dataUrl, query, { authorization: token });
  assert.equal(refused.status, 401);
  assert.equal(refused.errorType, 'UnauthorizedException');
  await assert.rejects(signIn({ username: 'dis@school.example', password: 'Dis-Own-Pass-1' }), { name: 'NotAuthorizedException', message: 'User is disabled.' });
  const listed = await admin.send(new ListUsersCommand({ UserPoolId: poolId, Filter: 'status = "Disabled"' }));
  assert.deepEqual(listed.Users?.map((u) => u.Username), [user.sub]);

  await admin.send(new AdminEnableUserCommand({ UserPoolId: poolId, Username: 'dis@school.example' }));
  assert.equal((await signIn({ username: 'dis@school.example', password: 'Dis-Own-Pass-1' })).isSignedIn, true);
  await signOut();
});

test('AdminSetUserPassword sets a permanent or a temporary password', async () => {
  await admin.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'set@school.example', MessageAction: 'SUPPRESS' }));
  await admin.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'set@school.example', Password: 'Permanent-Pass-1', Permanent: true }));
  assert.equal((await signIn({ username: 'set@school.example', password: 'Permanent-Pass-1' })).isSignedIn, true);
  await signOut();
  await admin.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'set@school.example', Password: 'Temporary-Pass-2', Permanent: false }));
  const again = await signIn({ username: 'set@school.example', password: 'Temporary-Pass-2' });
  assert.equal(again.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED');
  await assert.rejects(
    admin.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'set@school.example', Password: 'weak', Permanent: true })),
    { name: 'InvalidPasswordException' },
  );
});

test('AdminResetUserPassword: the user must reset with the code from the log before signing in', async () => {
  await admin.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'reset@school.example', MessageAction: 'SUPPRESS' }));
  await admin.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'reset@school.example', Password: 'Before-Reset-1', Permanent: true }));
  await admin.send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: 'reset@school.example' }));
  assert.equal((await admin.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'reset@school.example' }))).UserStatus, 'RESET_REQUIRED');

  const attempt = await signIn({ username: 'reset@school.example', password: 'Before-Reset-1' });
  assert.equal(attempt.nextStep.signInStep, 'RESET_PASSWORD');
  // Logged while the call was served, in this process.
  const line = t.logLines.find((logged) => logged.startsWith('cognito: password reset code for reset@school.example: '));
  await confirmResetPassword({ username: 'reset@school.example', confirmationCode: line?.split(' ').at(-1) ?? '', newPassword: 'After-Reset-1' });
  assert.equal((await signIn({ username: 'reset@school.example', password: 'After-Reset-1' })).isSignedIn, true);
  await signOut();
});

test('AdminDeleteUser removes the user', async () => {
  await admin.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'gone@school.example', MessageAction: 'SUPPRESS' }));
  await admin.send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: 'gone@school.example' }));
  await assert.rejects(admin.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'gone@school.example' })), { name: 'UserNotFoundException' });
});

test('a pool with no groups (amplify/ defines none): ListGroups lists none, AdminAddUserToGroup finds no group (groups with members: appsync/pipelines/group-rules.test.ts)', async () => {
  await admin.send(new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'grouped@school.example', MessageAction: 'SUPPRESS' }));
  assert.deepEqual((await admin.send(new ListGroupsCommand({ UserPoolId: poolId }))).Groups, []);
  await assert.rejects(admin.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: 'grouped@school.example', GroupName: 'Admins' })), {
    name: 'ResourceNotFoundException',
    message: 'Group not found.',
  });
  assert.deepEqual((await admin.send(new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: 'grouped@school.example' }))).Groups, []);
  const guest = sdkClient(await guestCredentials(t.outputs));
  try {
    await assert.rejects(guest.send(new ListGroupsCommand({ UserPoolId: poolId })), { name: 'AccessDeniedException', message: /cognito-idp:ListGroups/ });
  } finally {
    guest.destroy();
  }
});
