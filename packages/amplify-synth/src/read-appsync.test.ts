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

  test('model tables with their keys and the index a relationship reads', () => {
    const byName = new Map(backend.appSync.tables.map((table) => [table.tableName, table]));
    assert.deepEqual(byName.get('Exam-local-api-NONE'), { tableName: 'Exam-local-api-NONE', partitionKey: 'id', sortKey: undefined, indexes: [] });
    assert.deepEqual(byName.get('Result-local-api-NONE')?.indexes, [{ name: 'gsi-Exam.results', partitionKey: 'examId', sortKey: undefined }]);
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
    assert.deepEqual(resolver('Mutation', 'deleteExam').functions.map((fn) => fn.runtime), ['VTL', 'VTL', 'APPSYNC_JS', 'VTL']);
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
