import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import {
  AdminAddUserToGroupCommand,
  AdminDeleteUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  CognitoIdentityProviderClient,
  ListGroupsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { configureAmplify } from '@exam-results/amplify-config';
import { fetchAuthSession } from 'aws-amplify/auth';
import { postGraphql, signInUser, startTempBackend, type SignedInUser, type TempBackend } from '../../testing';

// The gradebook fixture's group rules (`allow.group('Admins')` on Course and on its notes) as the
// VTL ampx generated for them decides: the backend only puts the user's groups in their tokens.
const gradebook = fileURLToPath(new URL('../../../test-fixtures/gradebook', import.meta.url));

let t: TempBackend;
let admin: CognitoIdentityProviderClient;
let poolId: string;
let owner: SignedInUser;
/** Signed in on the Amplify singleton, so the test can refresh their tokens as the app would. */
let headOfDepartment: SignedInUser;
let colleague: SignedInUser;

before(async () => {
  t = await startTempBackend({ repoRoot: gradebook });
  configureAmplify(t.outputs);
  const file = readFileSync(t.backend.adminCredentials.file, 'utf8');
  const credentials = {
    accessKeyId: /aws_access_key_id = (\S+)/.exec(file)?.[1] ?? '',
    secretAccessKey: /aws_secret_access_key = (\S+)/.exec(file)?.[1] ?? '',
  };
  admin = new CognitoIdentityProviderClient({ region: t.region, endpoint: t.backend.userPoolEndpoint, credentials, maxAttempts: 1 });
  poolId = t.outputs.auth.user_pool_id;
  owner = await signInUser(t, 'owner@school.example');
  headOfDepartment = await signInUser(t, 'head@school.example', { singleton: true });
  colleague = await signInUser(t, 'colleague@school.example');
});
after(async () => {
  admin?.destroy();
  await t?.stop();
});

function claims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** What the app does to pick up a membership change without signing in again: a refresh of its tokens. */
async function refreshHeadOfDepartment(): Promise<void> {
  await fetchAuthSession({ forceRefresh: true });
}

async function as(user: SignedInUser, query: string, variables: Record<string, unknown> = {}) {
  return (await postGraphql(t.dataUrl, JSON.stringify({ query, variables }), { authorization: await user.accessToken() })).body;
}

const createCourse = 'mutation ($input: CreateCourseInput!) { createCourse(input: $input) { id } }';
const getNotes = 'query ($id: ID!) { getCourse(id: $id) { title notes } }';
const updateCourse = 'mutation ($input: UpdateCourseInput!) { updateCourse(input: $input) { id title } }';

test('ListGroups: the groups of defineAuth({ groups }), as Cognito describes them', async () => {
  const listed = await admin.send(new ListGroupsCommand({ UserPoolId: poolId }));
  assert.deepEqual(
    listed.Groups?.map(({ GroupName, UserPoolId, Precedence }) => ({ GroupName, UserPoolId, Precedence })),
    [{ GroupName: 'Admins', UserPoolId: poolId, Precedence: 0 }],
  );
  assert.ok(listed.Groups?.[0]?.CreationDate instanceof Date);
  assert.equal(listed.NextToken, undefined);
});

test("group operations refuse what Cognito refuses, in its words, and only the administrator's signature calls them", async () => {
  await assert.rejects(admin.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: owner.email, GroupName: 'Teachers' })), {
    name: 'ResourceNotFoundException',
    message: 'Group not found.',
  });
  await assert.rejects(admin.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: poolId, Username: owner.email, GroupName: 'Teachers' })), {
    name: 'ResourceNotFoundException',
    message: 'Group not found.',
  });
  await assert.rejects(admin.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: 'nobody@school.example', GroupName: 'Admins' })), {
    name: 'UserNotFoundException',
    message: 'User does not exist.',
  });
  await assert.rejects(admin.send(new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: 'nobody@school.example' })), {
    name: 'UserNotFoundException',
    message: 'User does not exist.',
  });
  await assert.rejects(admin.send(new ListGroupsCommand({ UserPoolId: 'us-east-1_Another01' })), {
    name: 'ResourceNotFoundException',
    message: 'User pool us-east-1_Another01 does not exist.',
  });
  for (const operation of ['ListGroups', 'AdminAddUserToGroup']) {
    const unsigned = await fetch(t.backend.userPoolEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` },
      body: JSON.stringify({ UserPoolId: poolId, Username: colleague.email, GroupName: 'Admins' }),
    });
    assert.equal(unsigned.status, 400, operation);
    assert.equal(((await unsigned.json()) as { __type: string }).__type, 'MissingAuthenticationTokenException', operation);
  }
  assert.deepEqual((await admin.send(new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: colleague.email }))).Groups, []);
});

test('a member of Admins reads and updates another owner\'s Course once their tokens are refreshed; others, and tokens from before, get Unauthorized', async () => {
  const created = await as(owner, createCourse, { input: { title: 'Physics', notes: 'Lab on Fridays' } });
  assert.equal(created.errors, undefined, JSON.stringify(created.errors));
  const id = (created.data?.['createCourse'] as { id: string }).id;

  const before = await headOfDepartment.accessToken();
  await admin.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: headOfDepartment.email, GroupName: 'Admins' }));
  await admin.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: headOfDepartment.sub, GroupName: 'Admins' }));
  const groups = await admin.send(new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: headOfDepartment.email }));
  assert.deepEqual(groups.Groups?.map((group) => group.GroupName), ['Admins'], 'added twice, a member once');

  assert.equal(claims(before)['cognito:groups'], undefined, 'a user in no group has no cognito:groups claim');
  const stale = await postGraphql(t.dataUrl, JSON.stringify({ query: getNotes, variables: { id } }), { authorization: before });
  assert.deepEqual(stale.body.errors?.map(({ errorType, path }) => ({ errorType, path })), [{ errorType: 'Unauthorized', path: ['getCourse', 'notes'] }], 'tokens issued before keep their claims');

  await refreshHeadOfDepartment();
  assert.deepEqual(claims(await headOfDepartment.accessToken())['cognito:groups'], ['Admins']);
  assert.deepEqual(claims(await headOfDepartment.idToken())['cognito:groups'], ['Admins']);
  assert.deepEqual(await as(headOfDepartment, getNotes, { id }), { data: { getCourse: { title: 'Physics', notes: 'Lab on Fridays' } } });
  assert.deepEqual(await as(headOfDepartment, updateCourse, { input: { id, title: 'Physics II' } }), { data: { updateCourse: { id, title: 'Physics II' } } });

  const read = await as(colleague, getNotes, { id });
  assert.deepEqual(read.data, { getCourse: { title: 'Physics II', notes: null } });
  assert.deepEqual(read.errors?.map(({ errorType, path }) => ({ errorType, path })), [{ errorType: 'Unauthorized', path: ['getCourse', 'notes'] }]);
  const update = await as(colleague, updateCourse, { input: { id, title: 'Mine now' } });
  assert.equal(update.errors?.[0]?.errorType, 'Unauthorized');
  assert.equal(claims(await colleague.idToken())['cognito:groups'], undefined);

  await admin.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: poolId, Username: headOfDepartment.email, GroupName: 'Admins' }));
  await admin.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: poolId, Username: headOfDepartment.email, GroupName: 'Admins' }));
  await refreshHeadOfDepartment();
  assert.equal(claims(await headOfDepartment.accessToken())['cognito:groups'], undefined, 'removed, the refreshed tokens name no group');
  assert.equal((await as(headOfDepartment, updateCourse, { input: { id, title: 'Physics III' } })).errors?.[0]?.errorType, 'Unauthorized');
});

test('a deleted user leaves their groups', async () => {
  const leaver = await signInUser(t, 'leaver@school.example');
  await admin.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: leaver.email, GroupName: 'Admins' }));
  await admin.send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: leaver.email }));
  t.admin.addUser('leaver@school.example');
  assert.deepEqual((await admin.send(new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: 'leaver@school.example' }))).Groups, []);
});
