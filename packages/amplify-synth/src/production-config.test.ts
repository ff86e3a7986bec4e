import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { synthesizeBackend, type SynthesizedBackend } from './index';
import { readAssembly } from './read-assembly';
import { runSynth } from './run-synth';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

// What `ampx pipeline-deploy --branch main --app-id <id>` passes to amplify/backend.ts on Amplify Hosting.
const APP_ID = 'd1exampleappid';
const BRANCH_CONTEXT = {
  'amplify-backend-namespace': APP_ID,
  'amplify-backend-name': 'main',
  'amplify-backend-type': 'branch',
};

/** Synthesizes amplify/ as `ampx pipeline-deploy` does before it deploys a branch, into `outDir`. */
async function synthesizeBranch(outDir: string): Promise<SynthesizedBackend> {
  // A branch backend bundles Amplify's branch-linker Lambda with esbuild, which CDK runs as `pnpm exec esbuild`
  // from the repository root; this package's esbuild is put on PATH for it.
  const esbuildBin = join(dirname(createRequire(import.meta.url).resolve('esbuild/package.json')), 'bin');
  process.env.PATH = `${esbuildBin}${delimiter}${process.env.PATH ?? ''}`;
  await runSynth({ repoRoot: REPO_ROOT, outDir, context: BRANCH_CONTEXT });
  return readAssembly(outDir);
}

/** Every stack template of an assembly (the model tables live in nested stacks of their own). */
function allTemplates(assemblyDir: string): Template[] {
  return readdirSync(assemblyDir)
    .filter((file) => file.endsWith('.template.json'))
    .map((file) => Template.fromJSON(JSON.parse(readFileSync(join(assemblyDir, file), 'utf8')) as Record<string, unknown>));
}

interface CfnResource {
  Properties: Record<string, unknown>;
}

function modelTables(assemblyDir: string): CfnResource[] {
  return allTemplates(assemblyDir).flatMap((template) => Object.values(template.findResources('Custom::AmplifyDynamoDBTable')) as CfnResource[]);
}

describe('production configuration of amplify/', () => {
  let scratch: string;
  let branch: SynthesizedBackend;
  let sandbox: SynthesizedBackend;

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'amplify-branch-synth-'));
    branch = await synthesizeBranch(join(scratch, 'assembly'));
    sandbox = await synthesizeBackend();
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  test('the branch synthesis is the stack Amplify Hosting deploys for the app and branch', () => {
    const manifest = JSON.parse(readFileSync(join(branch.assemblyDir, 'manifest.json'), 'utf8')) as { artifacts: Record<string, { type: string }> };
    const stacks = Object.entries(manifest.artifacts).filter(([, artifact]) => artifact.type === 'aws:cloudformation:stack');
    assert.deepEqual(stacks.map(([id]) => id.replace(/-[0-9a-f]{10}$/, '')), [`amplify-${APP_ID}-main-branch`]);
  });

  test('AppSync stops requests deeper or costlier than the apps send, and does not answer introspection', () => {
    for (const backend of [branch, sandbox]) {
      Template.fromJSON(backend.dataTemplate).hasResourceProperties('AWS::AppSync::GraphQLApi', {
        QueryDepthLimit: 5,
        ResolverCountLimit: 2000,
        IntrospectionConfig: 'DISABLED',
      });
    }
  });

  test('AppSync logs field errors without request content, and keeps the logs for 30 days', () => {
    const data = Template.fromJSON(branch.dataTemplate);
    data.hasResourceProperties('AWS::AppSync::GraphQLApi', {
      LogConfig: { FieldLogLevel: 'ERROR', ExcludeVerboseContent: true, CloudWatchLogsRoleArn: Match.anyValue() },
    });
    const [apiId, ...otherApis] = Object.keys(data.findResources('AWS::AppSync::GraphQLApi'));
    assert.ok(apiId !== undefined && otherApis.length === 0, 'exactly one GraphQL API');
    data.hasResourceProperties('Custom::LogRetention', {
      LogGroupName: { 'Fn::Join': ['', ['/aws/appsync/apis/', { 'Fn::GetAtt': [apiId, 'ApiId'] }]] },
      RetentionInDays: 30,
    });
  });

  test("teachers' app client: SRP sign-in only, hour-long tokens, a day-long session, revocation, no user-existence errors", () => {
    for (const backend of [branch, sandbox]) {
      Template.fromJSON(backend.authTemplate).hasResourceProperties('AWS::Cognito::UserPoolClient', {
        ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        PreventUserExistenceErrors: 'ENABLED',
        AccessTokenValidity: 60,
        IdTokenValidity: 60,
        RefreshTokenValidity: 1,
        TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
        EnableTokenRevocation: true,
      });
    }
  });

  test('a branch deployment protects the accounts and the grades from deletion and keeps 35 days of table history', () => {
    Template.fromJSON(branch.authTemplate).hasResourceProperties('AWS::Cognito::UserPool', { DeletionProtection: 'ACTIVE' });
    const tables = modelTables(branch.assemblyDir);
    assert.ok(tables.length > 0, 'the branch assembly has model tables');
    for (const table of tables) {
      assert.equal(table.Properties['deletionProtectionEnabled'], true, `table ${JSON.stringify(table.Properties['tableName'])}`);
      assert.deepEqual(table.Properties['pointInTimeRecoverySpecification'], { pointInTimeRecoveryEnabled: true });
    }
  });

  test('tables are billed on demand, the mode the cost estimate in the README assumes', () => {
    const templates = allTemplates(branch.assemblyDir).filter((template) => Object.keys(template.findResources('Custom::AmplifyDynamoDBTable')).length > 0);
    assert.ok(templates.length > 0);
    for (const template of templates) {
      template.hasParameter('DynamoDBBillingMode', { Default: 'PAY_PER_REQUEST' });
    }
  });

  test('a developer sandbox stays deletable by `ampx sandbox delete`', () => {
    const pool = Object.values(Template.fromJSON(sandbox.authTemplate).findResources('AWS::Cognito::UserPool')) as CfnResource[];
    assert.deepEqual(pool.map((resource) => resource.Properties['DeletionProtection']), [undefined]);
    const tables = modelTables(sandbox.assemblyDir);
    assert.ok(tables.length > 0);
    assert.deepEqual(new Set(tables.map((table) => table.Properties['deletionProtectionEnabled'])), new Set([false]));
  });
});
