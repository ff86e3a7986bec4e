import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, describe, it } from 'node:test';
import { synthesizeBackend, type AppSyncResolver, type SynthesizedBackend } from '@exam-results/amplify-synth';
import { compileTemplate, parseMappingOutput, type AuthType, type RenderResult, type TemplateContext } from './index';
import { environment, templateContext } from './test-context';

/**
 * The templates Amplify's transformer generates for this app's models, rendered as AppSync
 * renders them: every asset compiles, and the auth templates decide like AppSync for the
 * owner, another signed-in user and a guest of the identity pool. The local backend's test
 * backends (a secondary index with a sort key, group and field rules, a VTL unit resolver of
 * our own, APPSYNC_JS functions) are compiled and rendered too.
 */

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'local-backend', 'test-fixtures');

let backend: SynthesizedBackend;
const fixtureBackends = new Map<string, SynthesizedBackend>();

before(async () => {
  backend = await synthesizeBackend();
  for (const fixture of ['gradebook', 'notebook']) fixtureBackends.set(fixture, await synthesizeBackend({ repoRoot: join(fixtures, fixture) }));
});

/** This app's backend and the local backend's test backends, with the least each must hold. */
const corpus = [
  { label: 'the synthesized assembly', backend: () => backend, minimum: { assets: 20, templates: 50, rendered: 100 } },
  { label: 'the gradebook test backend', backend: () => fixtureBackends.get('gradebook') as SynthesizedBackend, minimum: { assets: 20, templates: 50, rendered: 100 } },
  { label: 'the notebook test backend', backend: () => fixtureBackends.get('notebook') as SynthesizedBackend, minimum: { assets: 10, templates: 20, rendered: 30 } },
];

const ownerClaims = { sub: 'owner-sub', 'cognito:username': 'owner-sub', email: 'teacher@example.com' };

function userPoolIdentity(sub: string) {
  const claims = { ...ownerClaims, sub, 'cognito:username': sub };
  return { sub, issuer: 'https://cognito-idp.local/pool', username: sub, claims, sourceIp: ['127.0.0.1'], defaultAuthStrategy: 'ALLOW', groups: null };
}

function iamIdentity(userArn: string, identityPool = true) {
  return {
    accountId: '000000000000',
    cognitoIdentityPoolId: identityPool ? 'local:identity-pool' : null,
    cognitoIdentityId: identityPool ? 'local:guest' : null,
    sourceIp: ['127.0.0.1'],
    username: 'AROALOCAL:CognitoIdentityCredentials',
    userArn,
    cognitoIdentityAuthType: identityPool ? 'unauthenticated' : null,
    cognitoIdentityAuthProvider: null,
  };
}

const owner = userPoolIdentity('owner-sub');
const otherUser = userPoolIdentity('other-sub');
const ownerValue = 'owner-sub::owner-sub';

function resolver(typeName: string, fieldName: string, from: SynthesizedBackend = backend): AppSyncResolver {
  const found = from.appSync.resolvers.find((candidate) => candidate.typeName === typeName && candidate.fieldName === fieldName);
  assert.ok(found, `${typeName}.${fieldName} has a resolver`);
  return found;
}

interface Invocation {
  context: TemplateContext;
  authType: AuthType;
}

/** Renders the resolver's before template, which fills the stash (table, roles) as AppSync would. */
function invocation(target: AppSyncResolver, authType: AuthType, identity: Record<string, unknown> | null, args: Record<string, unknown>): Invocation {
  const context = templateContext({
    args,
    identity,
    info: { fieldName: target.fieldName, parentTypeName: target.typeName, variables: {}, selectionSetList: [], selectionSetGraphQL: '' },
  });
  const before = compileTemplate(target.requestMappingTemplate ?? '', `${target.typeName}.${target.fieldName}.req.vtl`).render(context, environment(authType));
  assert.equal(before.error, undefined);
  return { context, authType };
}

function renderFunction(target: AppSyncResolver, nameIncludes: string, part: 'request' | 'response', { context, authType }: Invocation): RenderResult {
  const fn = target.functions.find((candidate) => candidate.name.includes(nameIncludes));
  assert.ok(fn, `${target.typeName}.${target.fieldName} has a ${nameIncludes} function`);
  const text = part === 'request' ? fn.requestMappingTemplate : fn.responseMappingTemplate;
  assert.ok(text !== undefined, `${fn.name} has a ${part} mapping template`);
  return compileTemplate(text, `${fn.name}.${part}.vtl`).render(context, environment(authType));
}

const unauthRole = () => String(invocation(resolver('Query', 'listExams'), 'IAM Authorization', null, {}).context.stash['unauthRole']);

for (const { label, backend: assembly, minimum } of corpus) {
  describe(label, () => {
    it('compiles every VTL asset', () => {
      const { assemblyDir } = assembly();
      const assets = readdirSync(assemblyDir).filter((name) => name.endsWith('.vtl'));
      assert.ok(assets.length > minimum.assets, `found ${assets.length} VTL assets`);
      for (const asset of assets) compileTemplate(readFileSync(join(assemblyDir, asset), 'utf8'), asset);
    });

    it('compiles every resolver and function template, inline ones included', () => {
      let count = 0;
      for (const target of assembly().appSync.resolvers) {
        for (const text of [target.requestMappingTemplate, target.responseMappingTemplate, ...target.functions.flatMap((fn) => [fn.requestMappingTemplate, fn.responseMappingTemplate])]) {
          if (text === undefined) continue;
          compileTemplate(text, `${target.typeName}.${target.fieldName}`);
          count++;
        }
      }
      assert.ok(count > minimum.templates, `compiled ${count} templates`);
    });

    it('renders every generated function for a signed-in owner without an engine failure (errors of type MappingTemplate)', () => {
      let rendered = 0;
      for (const target of assembly().appSync.resolvers) {
        const args = { id: 'e1', input: { id: 'e1', subject: 'Maths', owner: ownerValue }, filter: { subject: { beginsWith: 'M' } }, limit: 10 };
        const run = invocation(target, 'User Pool Authorization', owner, args);
        run.context.source = { id: 'e1', owner: ownerValue, examId: 'e1', __operation: 'Mutation' };
        for (const fn of target.functions.filter((candidate) => candidate.runtime === 'VTL')) {
          for (const part of ['request', 'response'] as const) {
            if (part === 'response') run.context.result = { id: 'e1', owner: ownerValue, items: [] };
            const result = renderFunction(target, fn.name, part, run);
            rendered++;
            assert.notEqual(result.error?.errorType, 'MappingTemplate', `${fn.name} ${part}: ${result.error?.message}`);
            if (!result.error && !result.returned) parseMappingOutput(result.output);
          }
        }
        if (target.runtime === 'VTL' && target.responseMappingTemplate !== undefined) {
          // A pipeline's after template, a unit resolver's response template.
          run.context.result = { id: 'e1', owner: ownerValue, items: [] };
          const result = compileTemplate(target.responseMappingTemplate, `${target.typeName}.${target.fieldName}.res.vtl`).render(run.context, environment(run.authType));
          rendered++;
          assert.notEqual(result.error?.errorType, 'MappingTemplate', `${target.typeName}.${target.fieldName} response: ${result.error?.message}`);
          if (!result.error && !result.returned) parseMappingOutput(result.output);
        }
      }
      assert.ok(rendered > minimum.rendered, `rendered ${rendered} templates`);
    });
  });
}

describe('createExam', () => {
  const input = { subject: 'Maths', date: '2026-01-10', teacher: 'Ms Smith', grading: 'POINTS', maxPoints: 20 };

  it('lets a signed-in teacher create an exam and makes them its owner', () => {
    const run = invocation(resolver('Mutation', 'createExam'), 'User Pool Authorization', owner, { input: { ...input } });
    const result = renderFunction(resolver('Mutation', 'createExam'), 'auth0', 'request', run);
    assert.equal(result.error, undefined);
    assert.deepEqual(parseMappingOutput(result.output), { version: '2018-05-29', payload: {} });
    assert.equal((run.context.args['input'] as Record<string, unknown>)['owner'], ownerValue);
  });

  it('refuses a field the owner rule does not allow (a client-chosen id, unless the schema allows it)', () => {
    const target = resolver('Mutation', 'createExam');
    const template = target.functions.find((fn) => fn.name.endsWith('createExamauth0Function'))?.requestMappingTemplate ?? '';
    const allowed = JSON.parse(/#set\( \$ownerAllowedFields0 = (\[.*\]) \)/.exec(template)?.[1] ?? 'null') as string[];
    const denied = allowed.includes('id') ? 'createdAt' : 'id';
    assert.ok(!allowed.includes(denied), `${denied} is not an allowed field`);
    const run = invocation(target, 'User Pool Authorization', owner, { input: { ...input, [denied]: 'chosen' } });
    const result = renderFunction(target, 'auth0', 'request', run);
    assert.deepEqual(result.error, { message: `Unauthorized on [${denied}]`, errorType: 'Unauthorized' });
  });

  it('refuses a guest of the identity pool and lets the backend IAM role through', () => {
    const guest = invocation(resolver('Mutation', 'createExam'), 'IAM Authorization', iamIdentity(unauthRole()), { input: { ...input } });
    assert.deepEqual(renderFunction(resolver('Mutation', 'createExam'), 'auth0', 'request', guest).error, {
      message: 'Not Authorized to access createExam on type Mutation',
      errorType: 'Unauthorized',
    });
    const backendRole = invocation(resolver('Mutation', 'createExam'), 'IAM Authorization', iamIdentity('arn:aws:sts::000000000000:assumed-role/admin/x', false), { input: { ...input } });
    assert.equal(renderFunction(resolver('Mutation', 'createExam'), 'auth0', 'request', backendRole).error, undefined);
  });

  it('validates the input with the messages the schema declares', () => {
    const validate = (changes: Record<string, unknown>) =>
      renderFunction(resolver('Mutation', 'createExam'), 'validate0', 'request', invocation(resolver('Mutation', 'createExam'), 'User Pool Authorization', owner, { input: { ...input, ...changes } })).error;
    assert.equal(validate({}), undefined);
    assert.deepEqual(validate({ teacher: '' }), { message: "The teacher's name cannot be empty." });
    assert.deepEqual(validate({ teacher: 'x'.repeat(101) }), { message: "The teacher's name is at most 100 characters." });
    assert.deepEqual(validate({ maxPoints: 0 }), { message: 'Points are out of a positive number.' });
  });

  it('runs the whole pipeline to the PutItem request', () => {
    const target = resolver('Mutation', 'createExam');
    const run = invocation(target, 'User Pool Authorization', owner, { input: { ...input } });
    for (const step of ['init0', 'preAuth0', 'auth0', 'postAuth0', 'validate0']) {
      if (!target.functions.some((fn) => fn.name.includes(step))) continue;
      const result = renderFunction(target, step, 'request', run);
      assert.equal(result.error, undefined, step);
      assert.equal(result.returned, undefined, step);
    }
    const request = parseMappingOutput(renderFunction(target, 'DataResolverFn', 'request', run).output) as Record<string, Record<string, unknown>>;
    assert.equal(request['operation'] as unknown, 'PutItem');
    const id = (request['key']?.['id'] as { S: string }).S;
    assert.match(id, /^[0-9a-f-]{36}$/);
    assert.deepEqual(request['attributeValues']?.['owner'], { S: ownerValue });
    assert.deepEqual(request['attributeValues']?.['maxPoints'], { N: '20' });
    assert.deepEqual(request['attributeValues']?.['createdAt'], { S: '2026-01-02T03:04:05.006Z' });
    assert.deepEqual(request['attributeValues']?.['__typename'], { S: 'Exam' });
    const condition = request['condition'] as { expression: string; expressionNames: Record<string, string>; expressionValues?: unknown };
    const name = /^\(*attribute_not_exists\((#\w+)\)\)*$/.exec(condition.expression)?.[1];
    assert.ok(name, condition.expression);
    assert.deepEqual(condition.expressionNames, { [name]: 'id' });
    assert.equal(condition.expressionValues, undefined, 'the template drops empty expressionValues');
  });
});

describe('updateExam', () => {
  const stored = { id: 'e1', subject: 'Maths', owner: ownerValue };

  function authorize(identity: Record<string, unknown>, input: Record<string, unknown>) {
    const target = resolver('Mutation', 'updateExam');
    const run = invocation(target, 'User Pool Authorization', identity, { input });
    run.context.result = { ...stored };
    return renderFunction(target, 'auth0', 'response', run).error;
  }

  it('lets the owner change their exam', () => {
    assert.equal(authorize(owner, { id: 'e1', subject: 'Physics' }), undefined);
  });

  it('refuses another teacher', () => {
    assert.deepEqual(authorize(otherUser, { id: 'e1', subject: 'Physics' }), { message: 'Not Authorized to access updateExam on type Mutation', errorType: 'Unauthorized' });
  });

  it('builds the UpdateItem expression, commas between the SET actions', () => {
    const target = resolver('Mutation', 'updateExam');
    const run = invocation(target, 'User Pool Authorization', owner, { input: { id: 'e1', subject: 'Physics', teacher: null } });
    for (const step of ['init0', 'preAuth0', 'auth0', 'postAuth0', 'validate0']) {
      if (!target.functions.some((fn) => fn.name.includes(step))) continue;
      assert.equal(renderFunction(target, step, 'request', run).error, undefined, step);
      if (step === 'auth0') {
        run.context.result = { ...stored };
        assert.equal(renderFunction(target, step, 'response', run).error, undefined, 'auth0 response');
      }
    }
    const request = parseMappingOutput(renderFunction(target, 'DataResolverFn', 'request', run).output) as { operation: string; key: unknown; update: { expression: string } };
    assert.equal(request.operation, 'UpdateItem');
    assert.deepEqual(request.key, { id: { S: 'e1' } });
    assert.equal(request.update.expression, 'SET #updatedAt = :updatedAt, #subject = :subject REMOVE #teacher');
  });

  it('refuses the owner clearing the owner field', () => {
    assert.deepEqual(authorize(owner, { id: 'e1', owner: null }), { message: 'Unauthorized on [owner]', errorType: 'Unauthorized' });
  });
});

describe('listResults', () => {
  it('filters a signed-in teacher to what they own', () => {
    const target = resolver('Query', 'listResults');
    const run = invocation(target, 'User Pool Authorization', owner, {});
    assert.equal(renderFunction(target, 'auth0', 'request', run).error, undefined);
    assert.deepEqual(run.context.stash['authFilter'], { or: [{ owner: { eq: ownerValue } }, { owner: { eq: 'owner-sub' } }, { owner: { eq: 'owner-sub' } }] });
    const request = parseMappingOutput(renderFunction(target, 'DataResolverFn', 'request', run).output) as { operation: string; filter: { expression: string; expressionValues: Record<string, unknown> } };
    assert.equal(request.operation, 'Scan');
    assert.match(request.filter.expression, /#owner = :owner_eq_0/);
    assert.deepEqual(Object.values(request.filter.expressionValues)[0], { S: ownerValue });
  });

  it('lets a guest of the identity pool read, and refuses another role', () => {
    const target = resolver('Query', 'listResults');
    const guest = invocation(target, 'IAM Authorization', iamIdentity(unauthRole()), {});
    assert.equal(renderFunction(target, 'auth0', 'request', guest).error, undefined);
    assert.equal(guest.context.stash['authFilter'], undefined);
    const stranger = invocation(target, 'IAM Authorization', iamIdentity('arn:aws:sts::000000000000:assumed-role/someone-else/x'), {});
    assert.deepEqual(renderFunction(target, 'auth0', 'request', stranger).error, { message: 'Not Authorized to access listResults on type Query', errorType: 'Unauthorized' });
  });
});

describe('onCreateExam', () => {
  it('restricts a signed-in teacher to their own exams with an enhanced subscription filter', () => {
    const target = resolver('Subscription', 'onCreateExam');
    const run = invocation(target, 'User Pool Authorization', owner, {});
    assert.equal(renderFunction(target, 'auth0', 'request', run).error, undefined);
    const response = renderFunction(target, 'DataResolverFn', 'response', run);
    assert.equal(response.error, undefined);
    assert.deepEqual(response.subscriptionFilter, { filterGroup: [{ filters: [{ fieldName: 'owner', operator: 'eq', value: 'owner-sub' }] }] });
    assert.equal(parseMappingOutput(response.output), null);
  });
});

describe('enrollmentsByCourse (the gradebook: a secondary index with a sort key)', () => {
  const gradebook = () => fixtureBackends.get('gradebook') as SynthesizedBackend;

  function query(score: Record<string, unknown> | undefined) {
    const target = resolver('Query', 'enrollmentsByCourse', gradebook());
    const run = invocation(target, 'User Pool Authorization', owner, { courseId: 'c1', ...(score ? { score } : {}), sortDirection: 'DESC' });
    const result = renderFunction(target, 'DataResolverFn', 'request', run);
    assert.equal(result.error, undefined);
    return parseMappingOutput(result.output) as {
      operation: string;
      index: string;
      scanIndexForward: boolean;
      query: { expression: string; expressionNames: Record<string, string>; expressionValues: Record<string, unknown> };
    };
  }

  it('queries the index by its partition key alone', () => {
    const request = query(undefined);
    assert.equal(request.operation, 'Query');
    assert.equal(request.index, 'enrollmentsByCourseIdAndScore');
    assert.equal(request.scanIndexForward, false);
    assert.deepEqual(request.query, { expression: '#courseId = :courseId', expressionNames: { '#courseId': 'courseId' }, expressionValues: { ':courseId': { S: 'c1' } } });
  });

  for (const [operator, condition] of [
    ['eq', '#sortKey = :sortKey'],
    ['le', '#sortKey <= :sortKey'],
    ['lt', '#sortKey < :sortKey'],
    ['ge', '#sortKey >= :sortKey'],
    ['gt', '#sortKey > :sortKey'],
    ['beginsWith', 'begins_with(#sortKey, :sortKey)'],
  ] as const) {
    it(`adds the sort-key condition ${operator}`, () => {
      assert.deepEqual(query({ [operator]: 90 }).query, {
        expression: `#courseId = :courseId AND ${condition}`,
        expressionNames: { '#courseId': 'courseId', '#sortKey': 'score' },
        expressionValues: { ':courseId': { S: 'c1' }, ':sortKey': { N: '90' } },
      });
    });
  }

  it('adds the sort-key condition between', () => {
    assert.deepEqual(query({ between: [50, 90] }).query, {
      expression: '#courseId = :courseId AND #sortKey BETWEEN :sortKey0 AND :sortKey1',
      expressionNames: { '#courseId': 'courseId', '#sortKey': 'score' },
      expressionValues: { ':courseId': { S: 'c1' }, ':sortKey0': { N: '50' }, ':sortKey1': { N: '90' } },
    });
  });
});
