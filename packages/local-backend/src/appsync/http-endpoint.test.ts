import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { postGraphql, signInUser, startTempBackend, type SignedInUser, type TempBackend } from '../testing';

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

  const withOwner = onlyError(await graphql(createExam, { input: { ...valid, owner: 'someone-else' } }));
  assert.equal(withOwner?.errorType, 'ValidationError');
  assert.equal(
    withOwner?.message,
    "The variables input contains a field name 'owner' that is not defined for input object type 'CreateExamInput' ",
  );

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

test('a teacher cannot set or change the owner, through the client or on the wire', async () => {
  const { client } = ada;
  const created = await client.models.Exam.create({ subject: 'Owned', date: '2024-01-01', teacher: 'Ada', owner: 'mallory' } as never);
  assert.equal(created.data, null);
  assert.match((created.errors as { message: string }[] | undefined)?.[0]?.message ?? '', /field name 'owner' that is not defined/);

  const exam = await client.models.Exam.create({ subject: 'Owned', date: '2024-01-01', teacher: 'Ada' });
  const update = onlyError(
    await graphql('mutation ($input: UpdateExamInput!) { updateExam(input: $input) { id } }', { input: { id: exam.data?.id, owner: 'mallory' } }),
  );
  assert.match(update?.message ?? '', /field name 'owner' that is not defined for input object type 'UpdateExamInput'/);
  const stored = await client.models.Exam.get({ id: exam.data?.id ?? '' });
  assert.equal(stored.data?.owner, ada.sub);
});

test('DynamoDB\'s own refusals come back as DynamoDB errors', async () => {
  const zeroLimit = onlyError(await graphql('{ listExams(limit: 0) { items { id } } }'), 'listExams');
  assert.equal(zeroLimit?.errorType, 'DynamoDB:DynamoDbException');
  assert.deepEqual(zeroLimit?.path, ['listExams']);

  const emptyKey = onlyError(await graphql(createExam, { input: { id: '', subject: 'x', date: '2024-01-01', teacher: 'y' } }), 'createExam');
  assert.equal(emptyKey?.errorType, 'DynamoDB:DynamoDbException');
  assert.match(emptyKey?.message ?? '', /key attribute cannot contain an empty string/);

  const tooBig = onlyError(
    await graphql(createExam, { input: { subject: 'x'.repeat(500 * 1024), date: '2024-01-01', teacher: 'y' } }),
    'createExam',
  );
  assert.equal(tooBig?.errorType, 'DynamoDB:DynamoDbException');
  assert.match(tooBig?.message ?? '', /Item size has exceeded the maximum allowed size/);
});
