import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { synthesizeBackend, type SynthesizedBackend } from './index';

describe('what AppSync runs, read from the assembly', () => {
  let backend: SynthesizedBackend;
  before(async () => {
    backend = await synthesizeBackend();
  });

  const resolver = (type: string, field: string) => {
    const found = backend.appSync.resolvers.find((candidate) => candidate.typeName === type && candidate.fieldName === field);
    assert.ok(found, `no resolver for ${type}.${field}`);
    return found;
  };

  test('model tables with their keys, their secondary indexes and the index a relationship reads', () => {
    const byName = new Map(backend.appSync.tables.map((table) => [table.tableName, table]));
    assert.deepEqual(byName.get('Exam-local-api-NONE'), {
      tableName: 'Exam-local-api-NONE',
      partitionKey: 'id',
      sortKey: undefined,
      indexes: [
        { name: 'examsByShelfAndDate', partitionKey: 'shelf', sortKey: 'date' },
        { name: 'examsByOwnerAndDate', partitionKey: 'owner', sortKey: 'date' },
      ],
    });
    assert.deepEqual(byName.get('Result-local-api-NONE')?.indexes, [
      { name: 'resultsByExamId', partitionKey: 'examId', sortKey: undefined },
      { name: 'gsi-Exam.results', partitionKey: 'examId', sortKey: undefined },
    ]);
  });

  test("data sources resolve to their table's name, across the nested stacks' parameters and Fn::Split of its ARN", () => {
    const examTable = backend.appSync.dataSources.find((source) => source.name === 'ExamTable');
    assert.deepEqual(examTable, { name: 'ExamTable', type: 'AMAZON_DYNAMODB', tableName: 'Exam-local-api-NONE' });
  });

  test('the APPSYNC_JS checks spliced into the generated pipelines, with their code and own data sources', () => {
    const create = resolver('Mutation', 'createResult');
    assert.equal(create.kind, 'PIPELINE');
    const names = create.functions.map((fn) => fn.name);
    assert.deepEqual(names.slice(-2), ['MutationCreateResultRequireExamOwner', 'MutationCreateResultDataResolverFn'], 'the check runs right before the write');
    const check = create.functions.at(-2);
    assert.equal(check?.runtime, 'APPSYNC_JS');
    assert.match(check?.code ?? '', /export \{[^}]*request[^}]*\}|export function request/);
    const source = backend.appSync.dataSources.find((candidate) => candidate.name === check?.dataSourceName);
    assert.equal(source?.tableName, 'Exam-local-api-NONE', "the check's data source is the Exam table");
    const deleteExam = resolver('Mutation', 'deleteExam').functions;
    assert.deepEqual(deleteExam.slice(-2).map((fn) => fn.runtime), ['APPSYNC_JS', 'VTL'], 'the check runs right before the delete');
    assert.ok(deleteExam.slice(0, -2).every((fn) => fn.runtime === 'VTL'));
  });

  test('the VTL mapping templates of resolvers and functions, inline or assets, with the deployment\'s values filled in', () => {
    const create = resolver('Mutation', 'createExam');
    assert.equal(create.runtime, 'VTL');
    assert.match(create.requestMappingTemplate ?? '', /\$util\.qr\(\$ctx\.stash\.put\("tableName", "Exam-local-api-NONE"\)\)/);
    assert.match(create.requestMappingTemplate ?? '', new RegExp(`"unauthRole", "arn:aws:sts::000000000000:assumed-role/${backend.identityPool.roles.roleNames.unauthenticated ?? 'none'}/CognitoIdentityCredentials"`));
    assert.match(create.requestMappingTemplate ?? '', /"identityPoolId", "<local identity pool id>"/, 'the pool id is left for the backend that mints it');
    const auth = create.functions.find((fn) => fn.name === 'MutationcreateExamauth0Function');
    assert.match(auth?.requestMappingTemplate ?? '', /#set\( \$ownerAllowedFields0 = \["id",/, 'the owner may write the id the app chooses');
    assert.equal(auth?.responseMappingTemplate?.trim(), '$util.toJson({})');
    assert.equal(auth?.code, undefined);
  });

  test("the identity pool roles' AppSync permissions, as IAM policies list them", () => {
    const graphql = (statements: typeof backend.identityPool.roles.unauthenticated) =>
      statements.filter((statement) => statement.effect === 'Allow' && statement.actions.includes('appsync:GraphQL')).flatMap((statement) => statement.resources);
    const guest = graphql(backend.identityPool.roles.unauthenticated);
    assert.ok(guest.includes('arn:aws:appsync:us-east-1:000000000000:apis/local-api/types/Query/fields/listExams'), guest.join('\n'));
    assert.ok(guest.includes('arn:aws:appsync:us-east-1:000000000000:apis/local-api/types/Result/*'));
    assert.ok(graphql(backend.identityPool.roles.authenticated).length > 0);
  });
});
