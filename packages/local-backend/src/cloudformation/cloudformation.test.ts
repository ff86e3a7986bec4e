import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { CloudFormationClient, CloudFormationServiceException, DescribeStacksCommand, GetTemplateSummaryCommand } from '@aws-sdk/client-cloudformation';
import { GetObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { localAwsEnvironment } from '../aws-tool-environment';
import { guestCredentials, startTempBackend, type TempBackend } from '../testing';

let t: TempBackend;
let endpoint: string;
let s3Endpoint: string;
let credentials: { accessKeyId: string; secretAccessKey: string };

/** The real SDK client, pointed at the backend the way tools are: by the environment the backend hands out. */
function sdkClient(signWith = credentials): CloudFormationClient {
  return new CloudFormationClient({ region: t.region, endpoint, credentials: signWith, maxAttempts: 1 });
}

async function refusal(promise: Promise<unknown>): Promise<CloudFormationServiceException> {
  const error = await promise.then(
    () => assert.fail('expected the call to be refused'),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof CloudFormationServiceException, `expected a CloudFormation error, got ${String(error)}`);
  return error;
}

before(async () => {
  t = await startTempBackend();
  const environment = localAwsEnvironment(t.dataDir);
  assert.ok(environment, 'the backend names its endpoints for tools');
  endpoint = environment.AWS_ENDPOINT_URL_CLOUDFORMATION ?? '';
  s3Endpoint = environment.AWS_ENDPOINT_URL_S3 ?? '';
  const file = readFileSync(environment.AWS_SHARED_CREDENTIALS_FILE ?? '', 'utf8');
  credentials = {
    accessKeyId: /aws_access_key_id = (\S+)/.exec(file)?.[1] ?? '',
    secretAccessKey: /aws_secret_access_key = (\S+)/.exec(file)?.[1] ?? '',
  };
});
after(async () => {
  await t?.stop();
});

test('DescribeStacks: the synthesized sandbox root stack, deployed, its outputs filled in with this backend\'s ids and URL', async () => {
  const client = sdkClient();
  try {
    const { Stacks } = await client.send(new DescribeStacksCommand({}));
    assert.equal(Stacks?.length, 1);
    const [stack] = Stacks ?? [];
    assert.match(stack?.StackName ?? '', /^amplify-examresults-[a-z0-9]+-sandbox-[0-9a-f]{10}$/);
    assert.equal(stack?.StackStatus, 'CREATE_COMPLETE');
    assert.ok(stack?.CreationTime instanceof Date);
    assert.deepEqual(stack?.Tags, [{ Key: 'amplify:deployment-type', Value: 'sandbox' }]);

    const outputs = Object.fromEntries((stack?.Outputs ?? []).map((output) => [output.OutputKey, output.OutputValue]));
    assert.equal(outputs['userPoolId'], t.outputs.auth.user_pool_id);
    assert.equal(outputs['webClientId'], t.outputs.auth.user_pool_client_id);
    assert.equal(outputs['identityPoolId'], t.outputs.auth.identity_pool_id);
    assert.equal(outputs['authRegion'], t.region);
    assert.equal(outputs['awsAppsyncApiEndpoint'], t.dataUrl);
    assert.equal(outputs['passwordPolicyMinLength'], '10', 'literal outputs come from the assembly as they are');
    assert.equal(outputs['awsAppsyncAdditionalAuthenticationTypes'], 'AWS_IAM');
    assert.equal(outputs['amplifyApiModelSchemaS3Uri'], 's3://local-backend-codegen-assets/model-schema.graphql', 'the model schema this backend serves');

    const byName = await client.send(new DescribeStacksCommand({ StackName: stack?.StackName }));
    const byId = await client.send(new DescribeStacksCommand({ StackName: stack?.StackId }));
    assert.equal(byName.Stacks?.[0]?.StackId, stack?.StackId);
    assert.equal(byId.Stacks?.[0]?.StackName, stack?.StackName);
  } finally {
    client.destroy();
  }
});

test('GetTemplateSummary: the root template\'s Metadata, naming the outputs each part of amplify_outputs.json is made of', async () => {
  const client = sdkClient();
  try {
    const { Stacks } = await client.send(new DescribeStacksCommand({}));
    const summary = await client.send(new GetTemplateSummaryCommand({ StackName: Stacks?.[0]?.StackName }));
    const metadata = JSON.parse(summary.Metadata ?? '{}') as Record<string, { version: string; stackOutputs: string[] }>;
    assert.equal(metadata['AWS::Amplify::Auth']?.version, '1');
    assert.ok(metadata['AWS::Amplify::Auth']?.stackOutputs.includes('userPoolId'));
    assert.ok(metadata['AWS::Amplify::GraphQL']?.stackOutputs.includes('awsAppsyncApiEndpoint'));
    assert.equal(summary.Version, '2010-09-09');

    const noStack = await refusal(client.send(new GetTemplateSummaryCommand({})));
    assert.equal(noStack.name, 'ValidationError');
  } finally {
    client.destroy();
  }
});

test('an unknown stack is a ValidationError, as CloudFormation words it, and the service keeps serving', async () => {
  const client = sdkClient();
  try {
    for (const command of [new DescribeStacksCommand({ StackName: 'amplify-other-app-sandbox-0000000000' }), new GetTemplateSummaryCommand({ StackName: 'amplify-other-app-sandbox-0000000000' })]) {
      const error = await refusal(client.send(command as DescribeStacksCommand));
      assert.equal(error.name, 'ValidationError');
      assert.equal(error.message, 'Stack with id amplify-other-app-sandbox-0000000000 does not exist');
      assert.equal(error.$metadata.httpStatusCode, 400);
    }
    const { Stacks } = await client.send(new DescribeStacksCommand({}));
    assert.equal(Stacks?.length, 1);
  } finally {
    client.destroy();
  }
});

test('calls signed with a wrong secret or an unknown key, or not signed, are refused in the AWS Query shape', async () => {
  const wrongSecret = sdkClient({ ...credentials, secretAccessKey: `${credentials.secretAccessKey}x` });
  const unknownKey = sdkClient({ ...credentials, accessKeyId: 'AKIAUNKNOWN000000000' });
  try {
    const badSignature = await refusal(wrongSecret.send(new DescribeStacksCommand({})));
    assert.equal(badSignature.name, 'SignatureDoesNotMatch');
    assert.equal(badSignature.$metadata.httpStatusCode, 403);
    const badKey = await refusal(unknownKey.send(new DescribeStacksCommand({})));
    assert.equal(badKey.name, 'InvalidClientTokenId');
    assert.equal(badKey.$metadata.httpStatusCode, 403);
  } finally {
    wrongSecret.destroy();
    unknownKey.destroy();
  }

  const unsigned = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'Action=DescribeStacks&Version=2010-05-15',
  });
  assert.equal(unsigned.status, 403);
  const xml = await unsigned.text();
  assert.match(xml, /<ErrorResponse xmlns="http:\/\/cloudformation\.amazonaws\.com\/doc\/2010-05-15\/"><Error><Type>Sender<\/Type><Code>MissingAuthenticationToken<\/Code>/);
  assert.match(xml, /<RequestId>[0-9a-f-]{36}<\/RequestId>/);
});

test("calls signed with the identity pool's guest credentials are denied (AccessDenied), in CloudFormation's and S3's shapes", async () => {
  const guestKeys = await guestCredentials(t.outputs);
  const guest = sdkClient(guestKeys);
  const guestS3 = new S3Client({ region: t.region, endpoint: s3Endpoint, credentials: guestKeys, maxAttempts: 1 });
  const deniedBy = (action: string, resource: string) =>
    new RegExp(`^User: arn:aws:sts::000000000000:assumed-role/[^/]+/CognitoIdentityCredentials is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action$`);
  try {
    const denied = await refusal(guest.send(new DescribeStacksCommand({})));
    assert.equal(denied.name, 'AccessDenied');
    assert.equal(denied.$metadata.httpStatusCode, 403);
    assert.match(denied.message, deniedBy('cloudformation:DescribeStacks', `arn:aws:cloudformation:${t.region}:000000000000:stack/\\*/\\*`));
    const named = await refusal(guest.send(new GetTemplateSummaryCommand({ StackName: 'some-stack' })));
    assert.match(named.message, deniedBy('cloudformation:GetTemplateSummary', `arn:aws:cloudformation:${t.region}:000000000000:stack/some-stack/\\*`));

    const s3Denied = await guestS3.send(new GetObjectCommand({ Bucket: 'local-backend-codegen-assets', Key: 'model-schema.graphql' })).then(
      () => assert.fail('expected AccessDenied'),
      (error: unknown) => error,
    );
    assert.ok(s3Denied instanceof S3ServiceException);
    assert.equal(s3Denied.name, 'AccessDenied');
    assert.equal(s3Denied.$metadata.httpStatusCode, 403);
    assert.match(s3Denied.message, deniedBy('s3:GetObject', 'arn:aws:s3:::local-backend-codegen-assets/model-schema.graphql'));
  } finally {
    guest.destroy();
    guestS3.destroy();
  }
});

test('S3 GetObject of the model schema the stack points at, signed; other objects and unsigned reads refused in S3\'s shape', async () => {
  const cloudFormation = sdkClient();
  // As @aws-amplify/client-config builds it: no path-style option, only the endpoint.
  const s3 = new S3Client({ region: t.region, endpoint: s3Endpoint, credentials, maxAttempts: 1 });
  const wrongSecret = new S3Client({ region: t.region, endpoint: s3Endpoint, credentials: { ...credentials, secretAccessKey: 'x' }, maxAttempts: 1 });
  try {
    const { Stacks } = await cloudFormation.send(new DescribeStacksCommand({}));
    const uri = Stacks?.[0]?.Outputs?.find((output) => output.OutputKey === 'amplifyApiModelSchemaS3Uri')?.OutputValue ?? '';
    const [, bucket = '', key = ''] = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri) ?? [];
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const schema = (await object.Body?.transformToString()) ?? '';
    assert.match(schema, /^type Exam @model/m);

    const missing = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'other.graphql' })).then(
      () => assert.fail('expected NoSuchKey'),
      (error: unknown) => error,
    );
    assert.ok(missing instanceof S3ServiceException);
    assert.equal(missing.name, 'NoSuchKey');
    const forged = await wrongSecret.send(new GetObjectCommand({ Bucket: bucket, Key: key })).then(
      () => assert.fail('expected SignatureDoesNotMatch'),
      (error: unknown) => error,
    );
    assert.ok(forged instanceof S3ServiceException);
    assert.equal(forged.name, 'SignatureDoesNotMatch');
    const unsigned = await fetch(`${s3Endpoint}/${bucket}/${key}`);
    assert.equal(unsigned.status, 403);
    assert.match(await unsigned.text(), /<Error><Code>AccessDenied<\/Code>/);
  } finally {
    cloudFormation.destroy();
    s3.destroy();
    wrongSecret.destroy();
  }
});
