import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openGuestSocket, postGraphql, signInUser, startTempBackend, type TempBackend } from '../testing';

// Requests nested too deep or too long for the parser (request-bounds.ts): AppSync's 400, never an engine message.

let t: TempBackend;
let token: string;

before(async () => {
  t = await startTempBackend();
  token = await (await signInUser(t, 'parser@school.example')).accessToken();
});
after(async () => {
  await t?.stop();
});

const unparsable = { errors: [{ errorType: 'MalformedHttpRequestException', message: 'Unable to parse GraphQL query.' }] };
const listExams = 'query ($filter: ModelExamFilterInput) { listExams(filter: $filter) { items { id } } }';

/** `{ and: [{ and: [ ... { subject: { eq: "x" } } ] }] }`, `levels` deep (twice as deep in JSON). */
function nestedFilter(levels: number): Record<string, unknown> {
  let filter: Record<string, unknown> = { subject: { eq: 'x' } };
  for (let level = 0; level < levels; level += 1) filter = { and: [filter] };
  return filter;
}

/** The same filter written into the query as an object value. */
function inlineFilter(levels: number): string {
  return `{ listExams(filter: ${'{ and: ['.repeat(levels)}{ subject: { eq: "x" } }${'] }'.repeat(levels)}) { items { id } } }`;
}

async function send(body: string) {
  return postGraphql(t.dataUrl, body, { authorization: token });
}

test('20,000 nested braces, 20,000 tokens, a filter variable or an object value nested 600 deep: 400, and the next request is served', async () => {
  const bodies = {
    braces: JSON.stringify({ query: '{'.repeat(20_000) }),
    tokens: JSON.stringify({ query: `{ ${'__typename '.repeat(20_000)}}` }),
    variable: JSON.stringify({ query: listExams, variables: { filter: nestedFilter(600) } }),
    inline: JSON.stringify({ query: inlineFilter(600) }),
  };
  for (const [name, body] of Object.entries(bodies)) {
    const response = await send(body);
    assert.equal(response.status, 400, name);
    assert.equal(response.errorType, 'MalformedHttpRequestException', name);
    assert.deepEqual(response.body, unparsable, name);
  }
  assert.deepEqual((await send(JSON.stringify({ query: listExams }))).body, { data: { listExams: { items: [] } } });
});

test('a filter nested 240 deep, as a variable or in the query, is read and run like any other, up to the DynamoDB expression it becomes', async () => {
  for (const body of [JSON.stringify({ query: listExams, variables: { filter: nestedFilter(240) } }), JSON.stringify({ query: inlineFilter(240) })]) {
    const response = await send(body);
    assert.equal(response.status, 200);
    assert.deepEqual(response.body.data, { listExams: null });
    assert.deepEqual(response.body.errors?.map(({ errorType, message }) => ({ errorType, message: message.replace(/ \(Service: DynamoDb.*$/, '') })), [
      { errorType: 'DynamoDB:DynamoDbException', message: 'Invalid FilterExpression: The expression has too many levels of nesting' },
    ]);
  }
});

test('a real-time start nested past the bounds is refused with BadRequestException, and the connection serves the next start', async () => {
  const { client, start } = await openGuestSocket(t);
  const onCreateExam = 'subscription ($filter: ModelSubscriptionExamFilterInput) { onCreateExam(filter: $filter) { id } }';
  for (const refused of [await start('braces', `subscription ${'{'.repeat(20_000)}`), await start('variable', onCreateExam, { filter: nestedFilter(600) })]) {
    assert.equal(refused.type, 'error');
    assert.deepEqual(refused.payload?.errors?.map(({ errorType }) => errorType), ['BadRequestException']);
  }
  assert.equal((await start('fine', onCreateExam)).type, 'start_ack');
  client.close();
});
