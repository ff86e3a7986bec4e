import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { synthesizeBackend, type SynthesizedBackend } from './index';

// What teachers are told when an administrator creates their account.
const TEACHER_PASSWORD_POLICY = {
  MinimumLength: 10,
  RequireLowercase: true,
  RequireUppercase: true,
  RequireNumbers: true,
  RequireSymbols: false,
  TemporaryPasswordValidityDays: 7,
};

const MODELS = ['Exam', 'Result'];
const GUEST_QUERIES = ['getExam', 'listExams', 'getResult', 'listResults'];
const GUEST_SUBSCRIPTIONS = MODELS.flatMap((model) => ['onCreate', 'onUpdate', 'onDelete'].map((op) => `${op}${model}`));
const MUTATIONS = MODELS.flatMap((model) => ['create', 'update', 'delete'].map((op) => `${op}${model}`));
// How Amplify's generated auth resolvers recognise a guest: the caller's IAM identity is the
// identity pool's unauthenticated role. (@aws_iam alone does not say it: Gen 2 opens every
// operation to IAM for backend access, and denies guests in the resolver.)
const ADMITS_GUESTS = '$ctx.identity.userArn == $ctx.stash.unauthRole';

interface SdlField {
  type: string;
  directives: string[];
}

function directivesIn(text: string): string[] {
  return [...text.matchAll(/@(\w+)/g)].map((match) => match[1] ?? '');
}

/**
 * The directives of `type <name>` and of each of its fields, read from SDL printed by
 * graphql-js (one field per line), which is how Amplify's transformer writes the asset.
 */
function objectType(sdl: string, name: string): { directives: string[]; fields: Map<string, SdlField> } {
  const match = new RegExp(`^type ${name}\\b([^{\\n]*)\\{\\n([\\s\\S]*?)^\\}`, 'm').exec(sdl);
  assert.ok(match, `the synthesized SDL has no "type ${name}"`);
  const fields = new Map<string, SdlField>();
  for (const line of (match[2] ?? '').split('\n').filter((text) => text.trim() !== '')) {
    const field = /^\s+(\w+)(\([^)]*\))?:\s*([\w[\]!]+)(.*)$/.exec(line);
    assert.ok(field, `cannot read the field line ${JSON.stringify(line)} of type ${name}`);
    fields.set(field[1] ?? '', { type: field[3] ?? '', directives: directivesIn(field[4] ?? '') });
  }
  return { directives: directivesIn(match[1] ?? ''), fields };
}

/** The request and response templates (or APPSYNC_JS code) of every pipeline function AppSync runs for `typeName.fieldName`. */
function pipelineTemplates(backend: SynthesizedBackend, typeName: string, fieldName: string): string[] {
  const resolver = backend
    .resourcesOfType('AWS::AppSync::Resolver')
    .find(({ properties }) => properties['TypeName'] === typeName && properties['FieldName'] === fieldName);
  assert.ok(resolver, `no AppSync resolver for ${typeName}.${fieldName}`);
  const functions = backend.resourcesOfType('AWS::AppSync::FunctionConfiguration').filter((fn) => fn.templateFile === resolver.templateFile);
  const ids = (resolver.properties['PipelineConfig'] as { Functions: { 'Fn::GetAtt': [string, string] }[] }).Functions;
  return ids.flatMap(({ 'Fn::GetAtt': [logicalId] }) => {
    const properties = functions.find((fn) => fn.logicalId === logicalId)?.properties;
    assert.ok(properties, `pipeline function ${logicalId} of ${typeName}.${fieldName} is not in its stack`);
    // The integrity checks amplify/ adds are APPSYNC_JS functions with their code inline.
    if (typeof properties['Code'] === 'string') return [properties['Code']];
    return (['Request', 'Response'] as const).flatMap((part) => {
      const inline = properties[`${part}MappingTemplate`];
      const location = properties[`${part}MappingTemplateS3Location`];
      if (typeof inline === 'string') return [inline];
      return location === undefined ? [] : [backend.readAsset(location)];
    });
  });
}

describe('amplify/ synthesized as `ampx sandbox` would', () => {
  let backend: SynthesizedBackend;
  let auth: Template;
  let data: Template;

  before(async () => {
    backend = await synthesizeBackend();
    auth = Template.fromJSON(backend.authTemplate);
    data = Template.fromJSON(backend.dataTemplate);
  });

  test('the identity pool gives guests (students) credentials through an unauthenticated role', () => {
    auth.hasResourceProperties('AWS::Cognito::IdentityPool', { AllowUnauthenticatedIdentities: true });
    const roles = auth.findResources('AWS::IAM::Role');
    const roleFor = (amr: string): string => {
      const ids = Object.keys(
        auth.findResources('AWS::IAM::Role', {
          Properties: {
            AssumeRolePolicyDocument: {
              Statement: [
                Match.objectLike({
                  Action: 'sts:AssumeRoleWithWebIdentity',
                  Condition: Match.objectLike({ 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': amr } }),
                }),
              ],
            },
          },
        }),
      );
      assert.equal(ids.length, 1, `exactly one role is assumable by ${amr} identities (roles: ${Object.keys(roles).join(', ')})`);
      return ids[0] ?? '';
    };
    auth.hasResourceProperties('AWS::Cognito::IdentityPoolRoleAttachment', {
      Roles: {
        unauthenticated: { 'Fn::GetAtt': [roleFor('unauthenticated'), 'Arn'] },
        authenticated: { 'Fn::GetAtt': [roleFor('authenticated'), 'Arn'] },
      },
    });
  });

  test('teachers sign in with their email and cannot sign themselves up', () => {
    auth.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UsernameAttributes: ['email'],
    });
  });

  test('the user pool enforces the teacher password policy, and amplify_outputs.json reports the same', () => {
    auth.hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: { PasswordPolicy: Match.exact(TEACHER_PASSWORD_POLICY) },
    });
    assert.deepEqual(backend.passwordPolicy, {
      minimumLength: TEACHER_PASSWORD_POLICY.MinimumLength,
      requireLowercase: TEACHER_PASSWORD_POLICY.RequireLowercase,
      requireUppercase: TEACHER_PASSWORD_POLICY.RequireUppercase,
      requireNumbers: TEACHER_PASSWORD_POLICY.RequireNumbers,
      requireSymbols: TEACHER_PASSWORD_POLICY.RequireSymbols,
      temporaryPasswordValidityDays: TEACHER_PASSWORD_POLICY.TemporaryPasswordValidityDays,
    });
    // ampx builds auth.password_policy in amplify_outputs.json from these two stack outputs.
    assert.equal(backend.rootStackOutputs['passwordPolicyMinLength'], String(TEACHER_PASSWORD_POLICY.MinimumLength));
    assert.equal(backend.rootStackOutputs['passwordPolicyRequirements'], JSON.stringify(['REQUIRES_NUMBERS', 'REQUIRES_LOWERCASE', 'REQUIRES_UPPERCASE']));
  });

  test('AppSync authorizes teachers by user pool and guests by IAM', () => {
    data.hasResourceProperties('AWS::AppSync::GraphQLApi', {
      AuthenticationType: 'AMAZON_COGNITO_USER_POOLS',
      AdditionalAuthenticationProviders: [{ AuthenticationType: 'AWS_IAM' }],
    });
  });

  test('the unauthenticated role may call the guest queries and subscriptions', () => {
    const policies = data.findResources('AWS::IAM::ManagedPolicy', {
      Properties: { Roles: [{ Ref: Match.stringLikeRegexp('unauthenticatedUserRole') }] },
    });
    const allowed = Object.values(policies).flatMap((policy) =>
      (policy['Properties'].PolicyDocument.Statement as { Action: string; Resource: { 'Fn::Sub': [string, Record<string, string>] }[] }[])
        .filter((statement) => statement.Action === 'appsync:GraphQL')
        .flatMap((statement) => statement.Resource.map((resource) => resource['Fn::Sub'][1]))
        .map(({ typeName, fieldName }) => `${typeName}.${fieldName ?? '*'}`),
    );
    const expected = [
      ...GUEST_QUERIES.map((field) => `Query.${field}`),
      ...GUEST_SUBSCRIPTIONS.map((field) => `Subscription.${field}`),
    ];
    assert.deepEqual(expected.filter((field) => !allowed.includes(field)), [], 'fields the guest role may not call');
  });

  test('the generated auth resolvers let guests read and subscribe, and never write', () => {
    const admitsGuests = (typeName: string, fieldName: string): boolean =>
      pipelineTemplates(backend, typeName, fieldName).some((vtl) => vtl.includes(ADMITS_GUESTS));
    const guestOperations = [
      ...GUEST_QUERIES.map((field) => ['Query', field] as const),
      ...GUEST_SUBSCRIPTIONS.map((field) => ['Subscription', field] as const),
    ];
    assert.deepEqual(
      guestOperations.filter(([type, field]) => !admitsGuests(type, field)).map(([type, field]) => `${type}.${field}`),
      [],
      'operations whose auth resolver turns guests away',
    );
    assert.deepEqual(
      MUTATIONS.filter((field) => admitsGuests('Mutation', field)),
      [],
      'mutations whose auth resolver lets guests in',
    );
  });

  test('the AppSync schema opens model reads and subscriptions to IAM (guests) and user pools (teachers)', () => {
    const sdl = backend.graphqlSchema;
    const query = objectType(sdl, 'Query');
    const subscription = objectType(sdl, 'Subscription');
    for (const [root, fields] of [
      [query, GUEST_QUERIES],
      [subscription, GUEST_SUBSCRIPTIONS],
    ] as const) {
      for (const name of fields) {
        const field = root.fields.get(name);
        assert.ok(field, `the SDL has no operation ${name}`);
        assert.ok(field.directives.includes('aws_iam'), `${name} lacks @aws_iam: ${field.directives.join(' ')}`);
        assert.ok(field.directives.includes('aws_cognito_user_pools'), `${name} lacks @aws_cognito_user_pools`);
      }
    }
    for (const name of GUEST_SUBSCRIPTIONS) {
      assert.ok(subscription.fields.get(name)?.directives.includes('aws_subscribe'), `${name} lacks @aws_subscribe`);
    }
  });

  test('both models are owner-ruled and readable by guests', () => {
    for (const model of MODELS) {
      const type = objectType(backend.graphqlSchema, model);
      assert.ok(type.directives.includes('aws_iam'), `type ${model} lacks @aws_iam`);
      assert.deepEqual(type.fields.get('owner'), { type: 'String', directives: [] }, `type ${model} has no owner: String field`);
    }
  });
});
