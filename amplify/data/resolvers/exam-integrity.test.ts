import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createDynamoDbDataSource, createMemoryTables, loadResolverCode, runResolver, type ResolverInput } from '@exam-results/appsync-js';
import { appsyncCode } from '../appsync-code';

// Each check runs as one function of a generated pipeline; here the pipeline is just that function.
const passThrough = loadResolverCode('export function request() { return {}; } export function response(ctx) { return ctx.prev.result; }', 'pipeline', () => undefined);

const ada = { sub: 'ada-sub', username: 'ada-sub' };
const grace = { sub: 'grace-sub', username: 'grace-sub' };
const adaOwner = `${ada.sub}::${ada.username}`;

function tables() {
  return createMemoryTables([
    {
      definition: { tableName: 'Exam-api-NONE', partitionKey: 'id', indexes: new Map() },
      dataSources: ['ExamTable'],
      items: [{ id: 'algebra', subject: 'Algebra', owner: adaOwner }],
    },
    {
      definition: { tableName: 'Result-api-NONE', partitionKey: 'id', indexes: new Map([['gsi-Exam.results', { partitionKey: 'examId' }]]) },
      dataSources: ['ResultTable'],
      items: [
        { id: 'r1', examId: 'algebra', owner: adaOwner },
        { id: 'planted', examId: 'geometry', owner: 'grace-sub::grace-sub' },
      ],
    },
  ]);
}

function check(entry: string, dataSource: string) {
  const code = loadResolverCode(appsyncCode(new URL(entry, import.meta.url)), entry, () => undefined);
  const cursors = { encode: (_: string, key: Record<string, unknown>) => JSON.stringify(key), decode: (_: string, token: string) => JSON.parse(token) as Record<string, unknown> };
  return (args: Record<string, unknown>, caller: { sub: string; username: string } | 'iam-backend' | 'guest', fieldName: string) => {
    const dynamoDb = createDynamoDbDataSource(tables().tables, cursors);
    const input: ResolverInput = {
      arguments: args,
      source: null,
      identity:
        caller === 'iam-backend'
          ? { accountId: '1', cognitoIdentityPoolId: null, cognitoIdentityId: null, userArn: 'arn:aws:iam::1:role/admin' }
          : caller === 'guest'
            ? { accountId: '1', cognitoIdentityPoolId: 'us-east-1:pool', cognitoIdentityId: 'us-east-1:guest', userArn: 'arn:aws:sts::1:assumed-role/unauth' }
            : { ...caller, claims: { sub: caller.sub, 'cognito:username': caller.username }, issuer: 'https://cognito', sourceIp: [], defaultAuthStrategy: 'ALLOW', groups: null },
      info: { fieldName, parentTypeName: 'Mutation', variables: {}, selectionSetList: [], selectionSetGraphQL: '' },
      request: { headers: {}, domainName: null },
      env: {},
      now: () => new Date(),
      authType: typeof caller === 'object' ? 'User Pool Authorization' : 'IAM Authorization',
    };
    return runResolver(
      { typeName: 'Mutation', fieldName, kind: 'PIPELINE', code: passThrough, functions: [{ name: entry, code, callDataSource: (request) => dynamoDb.execute(dataSource, request) }] },
      input,
    );
  };
}

describe('require-exam-owner: a result only goes under an exam its writer owns', () => {
  const run = check('./require-exam-owner.ts', 'ExamTable');

  test("the exam's owner may create and move results there", () => {
    assert.deepEqual(run({ input: { examId: 'algebra', student: 'A. L.' } }, ada, 'createResult').errors, []);
    assert.deepEqual(run({ input: { id: 'r1', examId: 'algebra' } }, ada, 'updateResult').errors, []);
  });

  test('another teacher is refused, as AppSync refuses unauthorized writes', () => {
    assert.deepEqual(
      run({ input: { examId: 'algebra', student: 'planted' } }, grace, 'createResult').errors.map(({ errorType, message }) => ({ errorType, message })),
      [{ errorType: 'Unauthorized', message: 'Not Authorized to access createResult on type Mutation' }],
    );
    assert.equal(run({ input: { id: 'r9', examId: 'algebra' } }, grace, 'updateResult').errors[0]?.errorType, 'Unauthorized');
  });

  test('an exam that does not exist, or an emptied examId, is refused with a sentence', () => {
    assert.deepEqual(run({ input: { examId: 'gone' } }, ada, 'createResult').errors.map((e) => [e.errorType, e.message]), [['NotFound', 'There is no exam gone.']]);
    assert.equal(run({ input: { id: 'r1', examId: null } }, ada, 'updateResult').errors[0]?.errorType, 'ValidationError');
  });

  test('an update that leaves examId alone is not checked; backend IAM callers pass, identity-pool callers do not', () => {
    assert.deepEqual(run({ input: { id: 'r1', grade: 'A' } }, grace, 'updateResult').errors, []);
    assert.deepEqual(run({ input: { examId: 'algebra' } }, 'iam-backend', 'createResult').errors, []);
    assert.equal(run({ input: { examId: 'algebra' } }, 'guest', 'createResult').errors[0]?.errorType, 'Unauthorized');
  });
});

describe("refuse-exam-with-results: an exam goes only once its owner's results are gone", () => {
  const run = check('./refuse-exam-with-results.ts', 'ResultTable');

  test('an exam with results of its owner is refused, saying how many remain', () => {
    const [error] = run({ input: { id: 'algebra' } }, ada, 'deleteExam').errors;
    assert.deepEqual([error?.errorType, error?.message, error?.errorInfo], ['ExamHasResults', 'This exam still has 1 result: delete them first.', { remaining: 1 }]);
  });

  test('an exam without results of its owner may go (results someone else planted before the checks existed do not hold it)', () => {
    assert.deepEqual(run({ input: { id: 'empty-exam' } }, ada, 'deleteExam').errors, []);
    assert.deepEqual(run({ input: { id: 'geometry' } }, ada, 'deleteExam').errors, []);
  });
});
