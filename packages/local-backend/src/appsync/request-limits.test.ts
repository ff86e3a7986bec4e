import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildSchema, execute, isObjectType, parse, type GraphQLFieldResolver } from 'graphql';
import { openGuestSocket, postGraphql, signInUser, startTempBackend, type TempBackend } from '../testing';
import { checkDocument } from './graphql-request';
import { installRequestLimits } from './request-limits';

// The request limits of the GraphQL API as amplify/backend.ts sets them (depth 5, 2000 resolver
// invocations, introspection off), and AppSync's defaults where none are set.

describe('the limits amplify/backend.ts sets', () => {
  let t: TempBackend;
  let token: string;
  let examId: string;

  before(async () => {
    t = await startTempBackend();
    const teacher = await signInUser(t, 'limits@school.example');
    token = await teacher.accessToken();
    const { data } = await teacher.client.models.Exam.create({ subject: 'Limits', date: '2026-06-30', teacher: 'T' });
    assert.ok(data);
    examId = data.id;
    for (const student of ['A', 'B', 'C']) assert.equal((await teacher.client.models.Result.create({ examId, student, grade: 'A' })).errors, undefined);
  });
  after(async () => {
    await t?.stop();
  });

  const graphql = (query: string, variables?: Record<string, unknown>) => postGraphql(t.dataUrl, JSON.stringify({ query, variables }), { authorization: token });

  test('introspection is a field the schema does not have; __typename still answers', async () => {
    const refused = await graphql('{ __schema { types { name } } }');
    assert.equal(refused.status, 200);
    assert.equal(refused.body.data, null);
    assert.deepEqual(refused.body.errors?.map(({ errorType, message }) => ({ errorType, message })), [
      { errorType: 'ValidationError', message: "Validation error of type FieldUndefined: Field '__schema' in type 'Query' is undefined @ '__schema'" },
    ]);
    assert.deepEqual((await graphql('{ __type(name: "Exam") { name } }')).body.errors?.map(({ errorType }) => errorType), ['ValidationError']);
    assert.deepEqual((await graphql('{ __typename }')).body, { data: { __typename: 'Query' } });
  });

  test('fields past depth 5 answer QueryDepthLimitReached, null up to the nearest nullable parent; depth 5 is served whole', async () => {
    const deep = await graphql('query ($id: ID!) { getExam(id: $id) { id results { items { exam { results { items { id } } } } } } }', { id: examId });
    assert.equal(deep.status, 200);
    const items = (deep.body.data?.['getExam'] as { results: { items: { exam: { results: unknown } }[] } }).results.items;
    assert.deepEqual(items.map((item) => item.exam.results), [null, null, null], 'items ([Result]!) is at depth 6: its nullable parent is null');
    assert.deepEqual(deep.body.errors?.map(({ errorType, message, path }) => ({ errorType, message, path })), [0, 1, 2].map((index) => ({
      errorType: 'QueryDepthLimitReached',
      message: 'Query depth limit of 5 reached.',
      path: ['getExam', 'results', 'items', index, 'exam', 'results', 'items'],
    })));
    const five = await graphql('{ listExams { items { results { items { student } } } } }');
    assert.equal(five.body.errors, undefined);
    const students = (five.body.data?.['listExams'] as { items: { results: { items: { student: string }[] } }[] }).items.flatMap((exam) => exam.results.items.map(({ student }) => student));
    assert.deepEqual(students.sort(), ['A', 'B', 'C']);
  });

  test('past 2000 resolver invocations every further resolver fails with ResolverExecutionLimitReached without running; the next request is served', async () => {
    // Each alias costs 5 invocations: getExam, Exam.results, and Result.exam once per result (3).
    const aliases = 450;
    const query = `query ($id: ID!) { ${Array.from({ length: aliases }, (_, index) => `a${index}: getExam(id: $id) { results { items { exam { id } } } }`).join(' ')} }`;
    const response = await graphql(query, { id: examId });
    assert.equal(response.status, 200);
    const answers = Object.values(response.body.data ?? {});
    assert.equal(answers.filter((answer) => answer !== null).length, 400);
    assert.deepEqual(answers.slice(400), Array.from({ length: 50 }, () => null));
    assert.deepEqual(new Set(response.body.errors?.map(({ errorType, message }) => `${errorType}: ${message}`)), new Set(['ResolverExecutionLimitReached: Resolver invocation limit reached.']));
    assert.deepEqual(response.body.errors?.map(({ path }) => path), Array.from({ length: 50 }, (_, index) => [`a${400 + index}`]));
    const next = await graphql('query ($id: ID!) { getExam(id: $id) { id } }', { id: examId });
    assert.deepEqual(next.body, { data: { getExam: { id: examId } } });
  });

  test('a real-time start deeper than 5 is refused with QueryDepthLimitReached; one within it is acknowledged', async () => {
    const guest = await openGuestSocket(t);
    // A guest follows one exam's results (amplify/data/resolvers/subscription-release.ts).
    const start = (id: string, query: string) => guest.start(id, query, { filter: { examId: { eq: examId } } });
    const refused = await start('deep', 'subscription ($filter: ModelSubscriptionResultFilterInput) { onCreateResult(filter: $filter) { exam { results { items { exam { id } } } } } }');
    assert.equal(refused.type, 'error');
    assert.deepEqual(refused.payload?.errors?.map(({ errorType, message }) => ({ errorType, message })), [{ errorType: 'QueryDepthLimitReached', message: 'Query depth limit of 5 reached.' }]);
    assert.equal((await start('shallow', 'subscription ($filter: ModelSubscriptionResultFilterInput) { onCreateResult(filter: $filter) { id student exam { id } } }')).type, 'start_ack');
    guest.client.close();
  });
});

describe("AppSync's defaults where the API sets no limit", () => {
  const sdl = 'type Query { items: [Item] node: Node } type Item { cost: Int } type Node { next: Node depth: Int }';
  const schema = buildSchema(sdl);
  const resolve = (typeName: string, fieldName: string, resolver: GraphQLFieldResolver<unknown, unknown>) => {
    const type = schema.getType(typeName);
    assert.ok(isObjectType(type));
    const field = type.getFields()[fieldName];
    assert.ok(field);
    field.resolve = resolver;
  };
  resolve('Query', 'items', () => Array.from({ length: 10_000 }, () => ({})));
  resolve('Item', 'cost', () => 1);
  installRequestLimits(schema, {
    settings: { queryDepthLimit: undefined, resolverCountLimit: undefined, introspection: 'ENABLED', environmentVariables: {} },
    resolvers: [{ typeName: 'Query', fieldName: 'items' }, { typeName: 'Item', fieldName: 'cost' }].map((field) => ({ ...field, kind: 'UNIT', runtime: 'APPSYNC_JS', code: undefined, requestMappingTemplate: undefined, responseMappingTemplate: undefined, functions: [], dataSourceName: undefined })),
  });

  test('10,000 resolver invocations, the 10,001st fails', async () => {
    const result = await execute({ schema, document: parse('{ items { cost } }'), contextValue: {} });
    const costs = (result.data?.['items'] as ({ cost: number | null } | null)[]).map((item) => item?.cost ?? null);
    assert.equal(costs.filter((cost) => cost === 1).length, 9_999, 'Query.items is the first invocation');
    assert.equal(costs.at(-1), null);
    assert.deepEqual(result.errors?.map(({ message, path }) => ({ message, path })), [{ message: 'Resolver invocation limit reached.', path: ['items', 9_999, 'cost'] }]);
  });

  test('a request of one resolver is answered while one of 10,000 runs', async () => {
    const answered: string[] = [];
    const big = Promise.resolve(execute({ schema, document: parse('{ items { cost } }'), contextValue: {} })).then(() => answered.push('10,000 resolvers'));
    const small = Promise.resolve(execute({ schema, document: parse('{ items { __typename } }'), contextValue: {} })).then(() => answered.push('one resolver'));
    await Promise.all([big, small]);
    assert.deepEqual(answered, ['one resolver', '10,000 resolvers']);
  });

  test('no depth limit, and introspection answers', async () => {
    const query = `{ node ${'{ next '.repeat(100)}{ depth }${' }'.repeat(100)} }`;
    const result = await execute({ schema, document: parse(query), rootValue: { node: {} }, contextValue: {} });
    assert.equal(result.errors, undefined);
    const checked = checkDocument(schema, { query: '{ __schema { queryType { name } } }', variables: undefined, operationName: undefined });
    assert.ok(!('errors' in checked));
  });
});
