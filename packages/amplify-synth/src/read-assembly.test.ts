import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { synthesizeBackend, type SynthesizedBackend } from './index';
import { readAssembly } from './read-assembly';

describe('what is read from the synthesized amplify/', () => {
  let backend: SynthesizedBackend;
  before(async () => {
    backend = await synthesizeBackend();
  });

  test('the app client allows SRP and refresh only (no plain passwords, no custom auth), guests get identities, AppSync takes user pools then IAM', () => {
    assert.deepEqual(
      new Set(backend.userPoolClient.explicitAuthFlows),
      new Set(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']),
    );
    assert.equal(backend.identityPool.allowUnauthenticatedIdentities, true);
    assert.deepEqual(backend.graphqlApi, { defaultAuthMode: 'AMAZON_COGNITO_USER_POOLS', additionalAuthModes: ['AWS_IAM'] });
  });

  test('amplify/ defines no user pool groups', () => {
    assert.deepEqual(backend.userPoolGroups, []);
  });

  test("the groups of defineAuth({ groups }) (the local backend's gradebook fixture): names and precedence, the role ARN only once deployed", async () => {
    const gradebook = fileURLToPath(new URL('../../local-backend/test-fixtures/gradebook', import.meta.url));
    assert.deepEqual((await synthesizeBackend({ repoRoot: gradebook })).userPoolGroups, [{ groupName: 'Admins', precedence: 0 }]);
  });

  test('the model schema and the root stack outputs whose values are literals', () => {
    assert.match(backend.modelSchema, /^type Exam @model/m);
    assert.doesNotMatch(backend.modelSchema, /@aws_iam/, 'the model schema is not the AppSync SDL');
    assert.equal(backend.rootStackOutputs['passwordPolicyMinLength'], '10');
    assert.equal(backend.rootStackOutputs['allowUnauthenticatedIdentities'], 'true');
    assert.equal(backend.rootStackOutputs['userPoolId'], undefined, 'an id known only once deployed is not a literal');
  });

  test('the root stack: the sandbox stack name ampx deploys, its Metadata naming the outputs of each part, every output', () => {
    assert.match(backend.rootStack.name, /^amplify-examresults-[a-z0-9]+-sandbox-[0-9a-f]{10}$/);
    const auth = backend.rootStack.metadata['AWS::Amplify::Auth'] as { version: string; stackOutputs: string[] };
    assert.equal(auth.version, '1');
    assert.ok(auth.stackOutputs.includes('userPoolId'));
    assert.ok(backend.rootStack.outputNames.includes('userPoolId'), 'outputs known only once deployed are named too');
    assert.ok(backend.rootStack.outputNames.includes('passwordPolicyMinLength'));
  });

  test('resources of a type are found in every nested stack, and the assets they point at are read', () => {
    const resolvers = backend.resourcesOfType('AWS::AppSync::Resolver');
    const getExam = resolvers.find(({ properties }) => properties['TypeName'] === 'Query' && properties['FieldName'] === 'getExam');
    assert.ok(getExam, 'the resolver of Query.getExam');
    assert.match(getExam.templateFile, /Exam.*\.nested\.template\.json$/, "it names the Exam model's nested stack");
    assert.ok(new Set(resolvers.map((resolver) => resolver.templateFile)).size > 1, 'resolvers live in several nested stacks');
    const functions = backend.resourcesOfType('AWS::AppSync::FunctionConfiguration');
    const vtl = backend.readAsset(functions[0]?.properties['RequestMappingTemplateS3Location']);
    assert.match(vtl, /\$util|\$ctx/);
    assert.throws(() => backend.readAsset({ nothing: 'here' }), /expected one asset key/);
  });
});

describe('readAssembly on a template that leaves settings out', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'amplify-synth-defaults-'));
    const schemaKey = `${'a'.repeat(64)}.graphql`;
    const template = {
      Resources: {
        Pool: { Type: 'AWS::Cognito::UserPool', Properties: {} },
        Client: { Type: 'AWS::Cognito::UserPoolClient', Properties: {} },
        Identities: { Type: 'AWS::Cognito::IdentityPool', Properties: {} },
        Readers: { Type: 'AWS::Cognito::UserPoolGroup', Properties: { GroupName: 'Readers', UserPoolId: { Ref: 'Pool' } } },
        Editors: {
          Type: 'AWS::Cognito::UserPoolGroup',
          Properties: { GroupName: 'Editors', Description: 'May edit', Precedence: 3, RoleArn: 'arn:aws:iam::000000000000:role/editors', UserPoolId: { Ref: 'Pool' } },
        },
        Api: { Type: 'AWS::AppSync::GraphQLApi', Properties: { AuthenticationType: 'API_KEY' } },
        Schema: { Type: 'AWS::AppSync::GraphQLSchema', Properties: { DefinitionS3Location: `s3://bucket/${schemaKey}` } },
      },
      Outputs: { literal: { Value: 'x' }, computed: { Value: { 'Fn::GetAtt': ['Pool', 'Arn'] } } },
    };
    writeFileSync(join(dir, 'root.template.json'), JSON.stringify(template));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ artifacts: { root: { type: 'aws:cloudformation:stack', properties: { templateFile: 'root.template.json' } } } }));
    writeFileSync(join(dir, `asset.${schemaKey}`), 'type Query { ok: String }');
    mkdirSync(join(dir, `asset.${'b'.repeat(64)}`));
    writeFileSync(join(dir, `asset.${'b'.repeat(64)}`, 'model-schema.graphql'), 'type Note @model { id: ID! }');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test("Cognito's and AppSync's defaults apply", () => {
    const backend = readAssembly(dir);
    assert.deepEqual(backend.passwordPolicy, {
      minimumLength: 8,
      requireLowercase: true,
      requireUppercase: true,
      requireNumbers: true,
      requireSymbols: true,
      temporaryPasswordValidityDays: 7,
    });
    assert.deepEqual(backend.userPoolClient.explicitAuthFlows, ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_CUSTOM_AUTH']);
    assert.equal(backend.identityPool.allowUnauthenticatedIdentities, false);
    assert.deepEqual(backend.graphqlApi, { defaultAuthMode: 'API_KEY', additionalAuthModes: [] });
    assert.equal(backend.graphqlSchema, 'type Query { ok: String }');
    assert.equal(backend.modelSchema, 'type Note @model { id: ID! }');
    assert.deepEqual(backend.rootStackOutputs, { literal: 'x' });
    assert.deepEqual(backend.userPoolGroups, [
      { groupName: 'Editors', description: 'May edit', precedence: 3, roleArn: 'arn:aws:iam::000000000000:role/editors' },
      { groupName: 'Readers' },
    ]);
  });
});
