import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { fetchAuthSession } from 'aws-amplify/auth';
import { RESULT_FIELDS, type ExamResultsClient } from './exam-data';
import { guestClient, startTestBackend, type TestBackend } from './testing/backend';

const sha256 = (data: string) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/** A GraphQL request signed with SigV4 by hand, as anyone holding the guest credentials could send it. */
async function signedGraphQL(url: string, region: string, body: string): Promise<{ status: number; json: unknown }> {
  const { credentials } = await fetchAuthSession();
  if (!credentials?.sessionToken) throw new Error('no guest credentials');
  const target = new URL(url);
  const amzDate = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    host: target.host,
    'x-amz-date': amzDate,
    'x-amz-security-token': credentials.sessionToken,
  };
  const signedHeaders = Object.keys(headers).sort().join(';');
  const canonicalHeaders = Object.keys(headers)
    .sort()
    .map((name) => `${name}:${headers[name]}\n`)
    .join('');
  const canonicalRequest = ['POST', target.pathname, '', canonicalHeaders, signedHeaders, sha256(body)].join('\n');
  const scope = `${day}/${region}/appsync/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
  let key = hmac(`AWS4${credentials.secretAccessKey}`, day);
  for (const part of [region, 'appsync', 'aws4_request']) key = hmac(key, part);
  const signature = createHmac('sha256', key).update(stringToSign).digest('hex');
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      ...headers,
      authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    },
    body,
  });
  return { status: response.status, json: await response.json() };
}

function errorTypes(json: unknown): string[] {
  return ((json as { errors?: { errorType?: string }[] }).errors ?? []).map((error) => error.errorType ?? '?');
}

describe('a guest cannot write', () => {
  let backend: TestBackend;
  let teacher: ExamResultsClient;
  let guest: ExamResultsClient;
  let examId: string;
  let resultId: string;

  before(async () => {
    backend = await startTestBackend();
    teacher = await backend.teacher('teacher@example.com');
    guest = guestClient();
    const exam = await teacher.models.Exam.create({ subject: 'Chemistry', date: '2025-06-30', teacher: 'Ms Lee' });
    examId = exam.data?.id ?? assert.fail('exam not created');
    const result = await teacher.models.Result.create({ examId, student: 'Ada', grade: '15/20' });
    resultId = result.data?.id ?? assert.fail('result not created');
  });

  after(async () => {
    await backend.stop();
  });

  it('reads as a guest', async () => {
    // What students read; the full name is the teacher's alone and is refused to guests.
    const { data, errors } = await guest.models.Result.list({ filter: { examId: { eq: examId } }, selectionSet: RESULT_FIELDS });
    assert.equal(errors, undefined);
    assert.deepEqual(
      data.map((result) => `${result.student} ${result.grade}`),
      ['Ada 15/20'],
    );
  });

  it('is refused creates, updates and deletes sent with a hand-signed request', async () => {
    const { data } = backend.outputs as { data: { url: string; aws_region: string } };
    const attempts = [
      ['mutation ($input: CreateResultInput!) { createResult(input: $input) { id } }', { input: { examId, student: 'Mallory', grade: 'A+' } }],
      ['mutation ($input: UpdateResultInput!) { updateResult(input: $input) { id } }', { input: { id: resultId, grade: 'A+' } }],
      ['mutation ($input: DeleteResultInput!) { deleteResult(input: $input) { id } }', { input: { id: resultId } }],
      ['mutation ($input: CreateExamInput!) { createExam(input: $input) { id } }', { input: { subject: 'Fake', date: '2025-01-01', teacher: 'Mallory' } }],
    ] as const;
    const read = await signedGraphQL(
      data.url,
      data.aws_region,
      JSON.stringify({ query: 'query ($id: ID!) { getResult(id: $id) { student grade } }', variables: { id: resultId } }),
    );
    assert.deepEqual(read.json, { data: { getResult: { student: 'Ada', grade: '15/20' } } }, 'the same signing reads: only the write is refused');
    for (const [query, variables] of attempts) {
      const { status, json } = await signedGraphQL(data.url, data.aws_region, JSON.stringify({ query, variables }));
      assert.equal(status, 200, query);
      assert.deepEqual(errorTypes(json), ['Unauthorized'], `${query} → ${JSON.stringify(json)}`);
    }
  });

  it('is refused a write through the Amplify client with the same guest credentials', async () => {
    const created = await guest.models.Result.create({ examId, student: 'Mallory', grade: 'A+' });
    assert.equal(created.data, null);
    assert.ok(created.errors?.length, 'the create reports an error');
    const deleted = await guest.models.Result.delete({ id: resultId });
    assert.equal(deleted.data, null);
    assert.ok(deleted.errors?.length, 'the delete reports an error');
  });

  it('left the data as the teacher wrote it', async () => {
    const { data } = await teacher.models.Result.list({ filter: { examId: { eq: examId } } });
    assert.deepEqual(
      data.map((result) => `${result.student} ${result.grade}`),
      ['Ada 15/20'],
    );
  });
});
