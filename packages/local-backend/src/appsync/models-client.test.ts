import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Schema } from '@exam-results/amplify/data/resource';
import { configureAmplify } from '@exam-results/amplify-config';
import { generateClient } from 'aws-amplify/data';
import { signInUser, startTempBackend, type SignedInUser, type TempBackend } from '../testing';

// Ada and Bob are signed in, each in an Amplify context of their own; this process's Amplify stays a guest.
let t: TempBackend;
let ada: SignedInUser;
let client: SignedInUser['client'];
let bobClient: SignedInUser['client'];

before(async () => {
  t = await startTempBackend();
  configureAmplify(t.outputs);
  bobClient = (await signInUser(t, 'bob@school.example')).client;
  ada = await signInUser(t, 'ada@school.example');
  client = ada.client;
});
after(async () => {
  await t?.stop();
});

interface ClientError {
  errorType?: string;
  message: string;
}

function errorsOf(result: { errors?: unknown }): ClientError[] {
  return (result.errors ?? []) as ClientError[];
}

function must<T>(result: { data: T | null; errors?: unknown }): T {
  assert.deepEqual(result.errors, undefined);
  assert.ok(result.data);
  return result.data;
}

test('amplify_outputs.json has the shape ampx sandbox writes, with the values of amplify/ and the local endpoints', () => {
  const { auth, data, version, custom } = t.outputs as unknown as Record<string, Record<string, unknown>>;
  assert.equal(version, '1.5');
  assert.deepEqual(auth, {
    user_pool_id: t.backend.ids.userPoolId,
    aws_region: 'us-east-1',
    user_pool_client_id: t.backend.ids.userPoolClientId,
    identity_pool_id: t.backend.ids.identityPoolId,
    mfa_methods: [],
    standard_required_attributes: ['email'],
    username_attributes: ['email'],
    user_verification_types: ['email'],
    groups: [],
    mfa_configuration: 'NONE',
    password_policy: {
      min_length: 10,
      require_lowercase: true,
      require_numbers: true,
      require_symbols: false,
      require_uppercase: true,
    },
    unauthenticated_identities_enabled: true,
  });
  assert.equal(data?.['url'], `${t.backend.url}/graphql`);
  assert.equal(data?.['default_authorization_type'], 'AMAZON_COGNITO_USER_POOLS');
  assert.deepEqual(data?.['authorization_types'], ['AWS_IAM']);
  const introspection = data?.['model_introspection'] as { models: Record<string, { fields: Record<string, unknown> }> };
  assert.deepEqual(Object.keys(introspection.models).sort(), ['Exam', 'Result']);
  assert.ok(introspection.models['Exam']?.fields['results'], 'relationships are described for the client');
  assert.deepEqual(custom, {
    local_backend: { user_pool_endpoint: t.backend.userPoolEndpoint, identity_pool_endpoint: t.backend.identityPoolEndpoint },
  });
  assert.deepEqual(t.logLines.filter((line) => line.includes('no local resolver')), [], 'every root field of amplify/ is served');
});

test('a teacher creates, reads, updates and deletes an exam; id, timestamps and owner are set by the API', async () => {
  const before = t.clock.now().toISOString();
  const created = must(await client.models.Exam.create({ subject: 'Chemistry', date: '2024-09-01', teacher: 'Ada' }));
  assert.match(created.id, /^[0-9a-f-]{36}$/);
  assert.ok(created.createdAt >= before && created.createdAt === created.updatedAt);
  // The owner resolver shows the username part of the stored "<sub>::<username>".
  assert.equal(created.owner, ada.sub);

  assert.equal(JSON.stringify(must(await client.models.Exam.get({ id: created.id }))), JSON.stringify(created));

  t.clock.advance(1000);
  const updated = must(await client.models.Exam.update({ id: created.id, subject: 'Organic chemistry' }));
  assert.equal(updated.subject, 'Organic chemistry');
  assert.equal(updated.teacher, 'Ada');
  assert.equal(updated.createdAt, created.createdAt);
  assert.ok(updated.updatedAt > created.updatedAt);

  const deleted = must(await client.models.Exam.delete({ id: created.id }));
  assert.equal(deleted.subject, 'Organic chemistry');
  const gone = await client.models.Exam.get({ id: created.id });
  assert.equal(gone.data, null);
  assert.equal(gone.errors, undefined);
});

test('a create with a given id keeps it; creating the same id again fails the condition, whoever owns it', async () => {
  const id = 'exam-fixed-id';
  must(await client.models.Exam.create({ id, subject: 'Latin', date: '2024-09-02', teacher: 'Ada' }));
  for (const attempt of [client, bobClient]) {
    const again = await attempt.models.Exam.create({ id, subject: 'Greek', date: '2024-09-02', teacher: 'Ada' });
    assert.equal(again.data, null);
    assert.equal(errorsOf(again)[0]?.errorType, 'DynamoDB:ConditionalCheckFailedException');
    assert.match(errorsOf(again)[0]?.message ?? '', /^The conditional request failed/);
  }
  assert.equal(must(await client.models.Exam.get({ id })).subject, 'Latin');
});

test('update and delete honour a condition (sent with client.graphql: the model API has no condition option)', async () => {
  const exam = must(await client.models.Exam.create({ subject: 'Art', date: '2024-09-03', teacher: 'Ada' }));
  const mutate = async (field: 'updateExam' | 'deleteExam', input: Record<string, unknown>, condition: Record<string, unknown>) => {
    const type = field === 'updateExam' ? 'UpdateExamInput' : 'DeleteExamInput';
    const query = `mutation ($input: ${type}!, $condition: ModelExamConditionInput) {
      ${field}(input: $input, condition: $condition) { id subject }
    }`;
    try {
      return (await client.graphql({ query, variables: { input, condition } })) as {
        data: Record<string, { subject: string }>;
        errors?: ClientError[];
      };
    } catch (error) {
      return error as { data: null; errors: ClientError[] };
    }
  };
  const refused = await mutate('updateExam', { id: exam.id, subject: 'Drawing' }, { subject: { eq: 'Music' } });
  assert.equal(errorsOf(refused)[0]?.errorType, 'DynamoDB:ConditionalCheckFailedException');
  const accepted = await mutate('updateExam', { id: exam.id, subject: 'Drawing' }, { subject: { eq: 'Art' } });
  assert.equal(accepted.data?.['updateExam']?.subject, 'Drawing');
  const notDeleted = await mutate('deleteExam', { id: exam.id }, { teacher: { ne: 'Ada' } });
  assert.equal(errorsOf(notDeleted)[0]?.errorType, 'DynamoDB:ConditionalCheckFailedException');
  const deleted = await mutate('deleteExam', { id: exam.id }, { and: [{ teacher: { eq: 'Ada' } }, { not: { subject: { eq: 'Art' } } }] });
  assert.equal(deleted.data?.['deleteExam']?.subject, 'Drawing');
  assert.equal((await client.models.Exam.get({ id: exam.id })).data, null);
});

test('list filters: every operator of ModelStringInput and ModelIDInput, and and/or/not', async () => {
  const seeds = [
    { subject: 'F-Maths', date: '2024-01-10', teacher: 'Ada' },
    { subject: 'F-Music', date: '2024-02-20', teacher: 'Ada Lovelace' },
    { subject: 'F-Physics', date: '2024-03-30', teacher: 'Ada' },
    { subject: 'F-History', date: '2024-04-15', teacher: 'A. L.' },
    { subject: 'F-Philosophy', date: '2024-05-05', teacher: 'Ada' },
  ];
  const ids = new Map<string, string>();
  for (const seed of seeds) ids.set(seed.subject.slice(2), must(await client.models.Exam.create(seed)).id);
  const mathsId = ids.get('Maths') ?? '';
  const sortedIds = [...ids.values()].sort();

  const subjects = async (filter: Record<string, unknown>) => {
    const result = await client.models.Exam.list({ filter: { and: [{ subject: { beginsWith: 'F-' } }, filter] } as never });
    return must(result)
      .map((exam) => exam.subject.slice(2))
      .sort();
  };
  const all = ['History', 'Maths', 'Music', 'Philosophy', 'Physics'];
  const cases: [Record<string, unknown>, string[]][] = [
    [{ subject: { eq: 'F-Maths' } }, ['Maths']],
    [{ subject: { ne: 'F-Maths' } }, ['History', 'Music', 'Philosophy', 'Physics']],
    [{ date: { lt: '2024-03-01' } }, ['Maths', 'Music']],
    [{ date: { le: '2024-03-30' } }, ['Maths', 'Music', 'Physics']],
    [{ date: { gt: '2024-04-15' } }, ['Philosophy']],
    [{ date: { ge: '2024-04-15' } }, ['History', 'Philosophy']],
    [{ date: { between: ['2024-02-01', '2024-04-15'] } }, ['History', 'Music', 'Physics']],
    [{ subject: { beginsWith: 'F-Ph' } }, ['Philosophy', 'Physics']],
    [{ teacher: { contains: 'Love' } }, ['Music']],
    [{ teacher: { notContains: 'Ada' } }, ['History']],
    [{ owner: { attributeExists: true } }, all],
    [{ subject: { attributeExists: false } }, []],
    [{ subject: { attributeType: 'string' } }, all],
    [{ date: { attributeType: 'number' } }, []],
    [{ subject: { size: { gt: 7 } } }, ['History', 'Philosophy', 'Physics']],
    [{ subject: { size: { between: [7, 7] } } }, ['Maths', 'Music']],
    [{ id: { eq: mathsId } }, ['Maths']],
    [{ id: { ne: mathsId } }, ['History', 'Music', 'Philosophy', 'Physics']],
    [{ id: { beginsWith: mathsId.slice(0, 13) } }, ['Maths']],
    [{ id: { contains: mathsId.slice(14, 28) } }, ['Maths']],
    [{ id: { notContains: mathsId.slice(14, 28) } }, ['History', 'Music', 'Philosophy', 'Physics']],
    [{ id: { le: sortedIds[0] } }, [[...ids].find(([, id]) => id === sortedIds[0])?.[0] ?? '']],
    [{ id: { lt: sortedIds[0] } }, []],
    [{ id: { ge: sortedIds[0], size: { eq: 36 } } }, all],
    [{ id: { gt: sortedIds[4] } }, []],
    [{ id: { between: [sortedIds[0], sortedIds[4]] } }, all],
    [{ id: { attributeType: 'string' } }, all],
    [{ and: [{ subject: { beginsWith: 'F-M' } }, { date: { gt: '2024-02-01' } }] }, ['Music']],
    [{ or: [{ subject: { eq: 'F-Maths' } }, { teacher: { eq: 'A. L.' } }] }, ['History', 'Maths']],
    [{ not: { teacher: { eq: 'Ada' } } }, ['History', 'Music']],
  ];
  for (const [filter, expected] of cases) {
    assert.deepEqual(await subjects(filter), expected, JSON.stringify(filter));
  }

  const inverted = await client.models.Exam.list({ filter: { date: { between: ['2024-12-31', '2024-01-01'] } } });
  assert.equal(errorsOf(inverted)[0]?.errorType, 'DynamoDB:DynamoDbException');
});

test('pagination: the limit applies before the filter, so pages can be short and still carry a nextToken', async () => {
  for (let i = 0; i < 4; i++) must(await client.models.Exam.create({ subject: `P-${i}`, date: '2024-10-01', teacher: 'Ada' }));
  for (let i = 0; i < 6; i++) must(await bobClient.models.Exam.create({ subject: `P-${i}`, date: '2024-10-01', teacher: 'Bob' }));

  const pages: { count: number; nextToken: string | null | undefined }[] = [];
  const seen: string[] = [];
  let nextToken: string | null | undefined;
  do {
    const page = await client.models.Exam.list({ filter: { subject: { beginsWith: 'P-' } }, limit: 3, nextToken });
    const items = must(page);
    pages.push({ count: items.length, nextToken: page.nextToken });
    seen.push(...items.map((exam) => `${exam.teacher}:${exam.subject}`));
    nextToken = page.nextToken;
  } while (nextToken);

  assert.deepEqual(seen.sort(), ['Ada:P-0', 'Ada:P-1', 'Ada:P-2', 'Ada:P-3'], "only Ada's exams, each once");
  assert.ok(
    pages.some((page) => page.count < 3 && page.nextToken),
    `some page is short but not the last: ${JSON.stringify(pages.map((page) => page.count))}`,
  );

  const first = await client.models.Exam.list({ limit: 1 });
  const token = first.nextToken ?? '';
  const envelope = JSON.parse(Buffer.from(token, 'base64').toString()) as { token: string };
  const forged = Buffer.from(JSON.stringify({ ...envelope, token: Buffer.from('{"source":"scan:Exam","lastKey":"[\\"a\\"]"}').toString('base64url') })).toString('base64');
  for (const bad of [forged, 'not-a-token', token.slice(0, -4)]) {
    const refused = await client.models.Exam.list({ limit: 1, nextToken: bad });
    assert.equal(errorsOf(refused)[0]?.errorType, 'DynamoDB:UserIllegalArgumentException', bad);
    assert.match(errorsOf(refused)[0]?.message ?? '', /Invalid pagination token given/);
  }
  const otherModel = await client.models.Result.list({ limit: 1, nextToken: token });
  assert.equal(errorsOf(otherModel)[0]?.errorType, 'DynamoDB:UserIllegalArgumentException', 'a token is bound to its query');
});

test('relationships: Exam.results and Result.exam, scoped to the owner for teachers', async () => {
  const exam = must(await client.models.Exam.create({ subject: 'R-Biology', date: '2024-11-01', teacher: 'Ada' }));
  for (const student of ['Lin', 'Sam', 'Noor']) {
    must(await client.models.Result.create({ examId: exam.id, student, grade: 'A' }));
  }
  // Bob cannot put a result under Ada's exam, nor move one of his there (amplify/'s check in the pipeline).
  const planted = await bobClient.models.Result.create({ examId: exam.id, student: 'Mo', grade: 'C' });
  assert.deepEqual(errorsOf(planted).map(({ errorType, message }) => ({ errorType, message })), [{ errorType: 'Unauthorized', message: 'Not Authorized to access createResult on type Mutation' }]);
  const bobsExam = must(await bobClient.models.Exam.create({ subject: 'R-Bob', date: '2024-11-01', teacher: 'Bob' }));
  const bobsResult = must(await bobClient.models.Result.create({ examId: bobsExam.id, student: 'Mo', grade: 'C' }));
  const moved = await bobClient.models.Result.update({ id: bobsResult.id, examId: exam.id });
  assert.equal(errorsOf(moved)[0]?.errorType, 'Unauthorized');

  const lazy = must(await exam.results());
  assert.deepEqual(lazy.map((result) => result.student).sort(), ['Lin', 'Noor', 'Sam']);

  const nested = must(await client.models.Exam.get({ id: exam.id }, { selectionSet: ['id', 'subject', 'results.*'] }));
  assert.deepEqual(nested.results.map((result) => result.student).sort(), ['Lin', 'Noor', 'Sam']);

  const firstResult = lazy[0];
  assert.ok(firstResult);
  assert.equal(must(await firstResult.exam())?.subject, 'R-Biology');
  const withExam = must(await client.models.Result.get({ id: firstResult.id }, { selectionSet: ['id', 'exam.subject'] }));
  assert.equal(withExam.exam?.subject, 'R-Biology');

  const adasView = await client.models.Result.get({ id: bobsResult.id }, { selectionSet: ['id', 'student'] });
  assert.equal(errorsOf(adasView)[0]?.errorType, 'Unauthorized', "Ada cannot read Bob's result");

  // Relationship fields of a mutation's result are not resolved (they would leak through subscriptions).
  const createdWithExam = must(
    await client.models.Result.create({ examId: exam.id, student: 'Ira', grade: 'B' }, { selectionSet: ['id', 'exam.subject'] } as never),
  ) as unknown as { exam: unknown };
  assert.equal(createdWithExam.exam, null);
});

test('a guest reads every teacher\'s exams and results through the client, and every write is refused', async () => {
  const guest = generateClient<Schema>({ authMode: 'identityPool' });
  const exams = must(await guest.models.Exam.list({ filter: { subject: { beginsWith: 'P-' } } }));
  assert.equal(exams.length, 10, 'exams of Ada and Bob');
  const biology = must(await guest.models.Exam.list({ filter: { subject: { eq: 'R-Biology' } } }))[0];
  assert.ok(biology);
  assert.equal(must(await guest.models.Exam.get({ id: biology.id })).subject, 'R-Biology');
  // What students read; a result's full name is the teacher's alone (see http-endpoint.test.ts).
  const selectionSet = ['id', 'student', 'grade', 'examId'] as const;
  const results = must(await guest.models.Result.list({ filter: { examId: { eq: biology.id } }, selectionSet }));
  assert.deepEqual(results.map((result) => result.student).sort(), ['Ira', 'Lin', 'Noor', 'Sam']);
  const everything = await guest.models.Result.list({ filter: { examId: { eq: biology.id } } });
  assert.ok(errorsOf(everything).every((error) => error.errorType === 'Unauthorized' && error.message === 'Not Authorized to access fullName on type Result'));

  const writes = [
    ['createExam', await guest.models.Exam.create({ subject: 'Hack', date: '2024-01-01', teacher: 'Eve' })],
    ['updateExam', await guest.models.Exam.update({ id: biology.id, subject: 'Hacked' })],
    ['deleteExam', await guest.models.Exam.delete({ id: biology.id })],
    ['createResult', await guest.models.Result.create({ examId: biology.id, student: 'Eve', grade: 'A+' })],
  ] as const;
  for (const [field, result] of writes) {
    assert.equal(result.data, null);
    assert.deepEqual(
      errorsOf(result).map(({ errorType, message }) => ({ errorType, message })),
      [{ errorType: 'Unauthorized', message: `Not Authorized to access ${field} on type Mutation` }],
    );
  }
  assert.equal(must(await guest.models.Exam.get({ id: biology.id })).subject, 'R-Biology');
});
