import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { guestCredentials, postGraphql, signedGraphqlHeaders, signInUser, startTempBackend, type SignedInUser, type TempBackend } from '../testing';

let t: TempBackend;
let ada: SignedInUser;
let adaToken: string;
let url: string;

before(async () => {
  t = await startTempBackend();
  url = t.dataUrl;
  ada = await signInUser(t, 'ada@school.example');
  adaToken = await ada.accessToken();
});
after(async () => {
  await t?.stop();
});

const createExam = 'mutation ($input: CreateExamInput!) { createExam(input: $input) { id date } }';

async function send(body: string) {
  return postGraphql(url, body, { authorization: adaToken });
}

async function graphql(query: string, variables?: Record<string, unknown>) {
  return send(JSON.stringify({ query, variables }));
}

/** The single error of a request refused before execution (data null) or of one field (that field null). */
function onlyError(response: Awaited<ReturnType<typeof send>>, field?: string) {
  assert.equal(response.status, 200);
  assert.deepEqual(response.body.data, field === undefined ? null : { [field]: null });
  assert.equal(response.body.errors?.length, 1);
  const [error] = response.body.errors ?? [];
  return error;
}

test('malformed requests get a 4xx in AppSync\'s shape, and the server keeps serving', async () => {
  const cases: [string, number, string][] = [
    ['', 400, 'Request body is empty.'],
    ['{"query": ', 400, 'Unable to parse GraphQL query.'],
    ['[]', 400, 'Unable to parse GraphQL query.'],
    ['{"variables": {}}', 400, 'Unable to parse GraphQL query.'],
    ['{"query": "{ listExams { items { id } } }", "variables": "x"}', 400, 'Unable to parse GraphQL query.'],
  ];
  for (const [body, status, message] of cases) {
    const response = await send(body);
    assert.equal(response.status, status, body);
    assert.equal(response.errorType, 'MalformedHttpRequestException', body);
    assert.deepEqual(response.body, { errors: [{ errorType: 'MalformedHttpRequestException', message }] }, body);
  }
  const huge = await send(JSON.stringify({ query: '{ listExams { items { id } } }', padding: 'x'.repeat(2 * 1024 * 1024) }));
  assert.equal(huge.status, 413);
  const get = await fetch(url, { headers: { authorization: adaToken } });
  assert.equal(get.status, 405);
  assert.equal((await graphql('{ listExams { items { id } } }')).status, 200);
});

test('syntax and validation errors name the problem in AppSync\'s words, with no path', async () => {
  const syntax = onlyError(await graphql('{ listExams { items { id } '));
  assert.equal(syntax?.errorType, 'InvalidSyntax');
  assert.equal(syntax?.path, null);

  const unknownField = onlyError(await graphql('{ listExams { items { id secret } } }'));
  assert.equal(unknownField?.errorType, 'ValidationError');
  assert.equal(unknownField?.message, "Validation error of type FieldUndefined: Field 'secret' in type 'Exam' is undefined @ 'secret'");

  const missingArgument = onlyError(await graphql('{ getExam { id } }'));
  assert.equal(missingArgument?.message, "Validation error of type MissingFieldArgument: Missing field argument id @ 'getExam'");

  const subscription = onlyError(await graphql('subscription { onCreateExam { id } }'));
  assert.equal(subscription?.errorType, 'OperationNotSupported');
});

test('inputs are checked like AppSync checks them: unknown fields, missing fields, AppSync scalars', async () => {
  const valid = { subject: 'Maths', date: '2024-02-29', teacher: 'Ada' };
  const ok = await graphql(createExam, { input: valid });
  assert.equal((ok.body.data?.['createExam'] as { date: string }).date, '2024-02-29', 'a leap day is a date');

  const unknown = onlyError(await graphql(createExam, { input: { ...valid, secret: 'x' } }));
  assert.equal(unknown?.errorType, 'ValidationError');
  assert.equal(unknown?.message, "The variables input contains a field name 'secret' that is not defined for input object type 'CreateExamInput' ");

  const missing = onlyError(await graphql(createExam, { input: { date: '2024-01-01', teacher: 'Ada' } }));
  assert.equal(missing?.message, "Variable 'input' has coerced Null value for NonNull type 'String!'");

  for (const date of ['2023-02-29', '2024-13-01', '01/02/2024', '2024-1-1', '2024-01-01T10:00:00Z']) {
    const invalid = onlyError(await graphql(createExam, { input: { ...valid, date } }));
    assert.equal(invalid?.message, `Variable 'date' has an invalid value. Unable to parse \`${date}\` as a valid date.`, date);
  }
  const literal = onlyError(await graphql('mutation { createExam(input: {subject: "x", date: "2024-02-30", teacher: "y"}) { id } }'));
  assert.equal(literal?.errorType, 'ValidationError');
  assert.match(literal?.message ?? '', /Unable to parse `2024-02-30` as a valid date/);

  const zoned = await graphql(createExam, { input: { ...valid, date: '2024-03-01+05:30' } });
  assert.equal((zoned.body.data?.['createExam'] as { date: string }).date, '2024-03-01+05:30');
});

test('a teacher cannot set or change the owner, through the client or on the wire (the owner field is read and delete only)', async () => {
  const { client } = ada;
  const foreign = await client.models.Exam.create({ subject: 'Owned', date: '2024-01-01', teacher: 'Ada', owner: 'mallory' });
  assert.equal(foreign.data, null);
  assert.deepEqual(foreign.errors?.map((error) => [error.errorType, error.message]), [['Unauthorized', 'Not Authorized to access createExam on type Mutation']]);
  // Their own owner value, given explicitly, is refused too: the owner rule cannot create the field.
  const explicit = onlyError(await graphql(createExam, { input: { subject: 'Owned', date: '2024-01-01', teacher: 'Ada', owner: `${ada.sub}::${ada.sub}` } }), 'createExam');
  assert.deepEqual([explicit?.errorType, explicit?.message], ['Unauthorized', 'Unauthorized on [owner]']);

  const exam = await client.models.Exam.create({ subject: 'Owned', date: '2024-01-01', teacher: 'Ada' });
  const update = onlyError(await graphql('mutation ($input: UpdateExamInput!) { updateExam(input: $input) { id } }', { input: { id: exam.data?.id, owner: 'mallory' } }), 'updateExam');
  assert.deepEqual([update?.errorType, update?.message], ['Unauthorized', 'Unauthorized on [owner]']);
  const stored = await client.models.Exam.get({ id: exam.data?.id ?? '' });
  assert.equal(stored.data?.owner, ada.sub);
});

test("a field of its own rules (a result's full name): the owner reads it in queries, never in a mutation's answer, a guest never", async () => {
  const exam = (await ada.client.models.Exam.create({ subject: 'Private names', date: '2024-01-01', teacher: 'Ada' })).data;
  const created = await graphql('mutation ($input: CreateResultInput!) { createResult(input: $input) { id student fullName } }', {
    input: { examId: exam?.id, student: 'A. L.', fullName: 'Ada Lovelace', grade: 'A' },
  });
  const result = created.body.data?.['createResult'] as { id: string; student: string; fullName: string | null };
  assert.deepEqual({ student: result.student, fullName: result.fullName }, { student: 'A. L.', fullName: null }, 'the mutation answers without it');
  assert.equal(created.body.errors, undefined);

  const read = await graphql('query ($id: ID!) { getResult(id: $id) { student fullName } }', { id: result.id });
  assert.deepEqual(read.body.data?.['getResult'], { student: 'A. L.', fullName: 'Ada Lovelace' });

  const guest = await guestCredentials(t.outputs);
  const body = JSON.stringify({ query: 'query ($id: ID!) { getResult(id: $id) { student fullName } }', variables: { id: result.id } });
  const asGuest = await postGraphql(url, body, await signedGraphqlHeaders(guest, url, body));
  assert.deepEqual(asGuest.body.data?.['getResult'], { student: 'A. L.', fullName: null });
  assert.deepEqual(asGuest.body.errors?.map((error) => [error.errorType, error.message, error.path]), [['Unauthorized', 'Not Authorized to access fullName on type Result', ['getResult', 'fullName']]]);
});

test("inputs over the schema's @validate limits are refused with its message, before anything is written", async () => {
  const long = onlyError(await graphql(createExam, { input: { subject: 'x'.repeat(121), date: '2024-01-01', teacher: 'Ada' } }), 'createExam');
  assert.deepEqual([long?.errorType, long?.message], [null, 'The subject is at most 120 characters.']);
  const empty = onlyError(await graphql(createExam, { input: { subject: '', date: '2024-01-01', teacher: 'Ada' } }), 'createExam');
  assert.equal(empty?.message, 'The subject cannot be empty.');
  const list = await graphql('{ listExams(filter: { subject: { beginsWith: "xxxxxxxx" } }) { items { id } } }');
  assert.deepEqual(list.body.data, { listExams: { items: [] } });
});

test('DynamoDB\'s own refusals come back as DynamoDB errors', async () => {
  const zeroLimit = onlyError(await graphql('{ listExams(limit: 0) { items { id } } }'), 'listExams');
  assert.equal(zeroLimit?.errorType, 'DynamoDB:DynamoDbException');
  assert.deepEqual(zeroLimit?.path, ['listExams']);

  const emptyKey = onlyError(await graphql(createExam, { input: { id: '', subject: 'x', date: '2024-01-01', teacher: 'y' } }), 'createExam');
  assert.equal(emptyKey?.errorType, 'DynamoDB:DynamoDbException');
  assert.match(emptyKey?.message ?? '', /key attribute cannot contain an empty string/);

  // The schema's own limits are checked first, so an item never reaches DynamoDB's 400 KB
  // (the JS data sources' test covers that one).
  const tooBig = onlyError(
    await graphql(createExam, { input: { subject: 'x'.repeat(500 * 1024), date: '2024-01-01', teacher: 'y' } }),
    'createExam',
  );
  assert.deepEqual([tooBig?.errorType, tooBig?.message], [null, 'The subject is at most 120 characters.']);
});
