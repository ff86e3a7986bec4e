import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { postGraphql, signInUser, startTempBackend, type SignedInUser, type TempBackend } from '../../testing';

// A Gen 2 backend the product does not have (test-fixtures/gradebook), served with no change to
// the backend's code: every answer below comes from the VTL ampx generated for it, run here.
const gradebook = fileURLToPath(new URL('../../../test-fixtures/gradebook', import.meta.url));

let t: TempBackend;
let owner: SignedInUser;
let reader: SignedInUser;

before(async () => {
  t = await startTempBackend({ repoRoot: gradebook });
  owner = await signInUser(t, 'owner@school.example');
  reader = await signInUser(t, 'reader@school.example');
});
after(async () => {
  await t?.stop();
});

async function as(user: SignedInUser, query: string, variables: Record<string, unknown> = {}) {
  return (await postGraphql(t.dataUrl, JSON.stringify({ query, variables }), { authorization: await user.accessToken() })).body;
}

const createCourse = 'mutation ($input: CreateCourseInput!) { createCourse(input: $input) { id title notes owner } }';

test('a create naming its own id is refused as the generated field rules refuse it: Unauthorized on [id]', async () => {
  const refused = await as(owner, createCourse, { input: { id: 'chosen-id', title: 'Physics' } });
  assert.deepEqual(refused.data, { createCourse: null });
  assert.deepEqual(refused.errors?.map(({ errorType, message }) => ({ errorType, message })), [{ errorType: 'Unauthorized', message: 'Unauthorized on [id]' }]);
  const created = await as(owner, createCourse, { input: { title: 'Physics', notes: 'Lab on Fridays' } });
  assert.equal(created.errors, undefined);
  const course = created.data?.['createCourse'] as { id: string; owner: string; notes: string | null };
  assert.notEqual(course.id, 'chosen-id');
  assert.doesNotMatch(course.owner, /::/, 'the owner field resolver answers the username part');
  assert.equal(course.notes, null, "a field with rules of its own is null in a mutation's answer");
});

test('an authenticated-users rule lets another teacher read, a field rule keeps notes from them, owner rules keep writes', async () => {
  const created = await as(owner, createCourse, { input: { title: 'Chemistry', notes: 'Goggles' } });
  const id = (created.data?.['createCourse'] as { id: string }).id;
  const read = await as(reader, 'query ($id: ID!) { getCourse(id: $id) { title notes } }', { id });
  assert.deepEqual(read.data, { getCourse: { title: 'Chemistry', notes: null } });
  assert.deepEqual(read.errors?.map(({ errorType, path }) => ({ errorType, path })), [{ errorType: 'Unauthorized', path: ['getCourse', 'notes'] }]);
  const own = await as(owner, 'query ($id: ID!) { getCourse(id: $id) { notes } }', { id });
  assert.deepEqual(own, { data: { getCourse: { notes: 'Goggles' } } });
  const update = await as(reader, 'mutation ($input: UpdateCourseInput!) { updateCourse(input: $input) { id } }', { input: { id, title: 'Mine now' } });
  assert.equal(update.errors?.[0]?.errorType, 'Unauthorized');
});

test('a secondary index query field: partition, sort-key conditions, direction, limit before filter, pages', async () => {
  const course = ((await as(owner, createCourse, { input: { title: 'Biology' } })).data?.['createCourse'] as { id: string }).id;
  const other = ((await as(owner, createCourse, { input: { title: 'Art' } })).data?.['createCourse'] as { id: string }).id;
  for (const [student, score] of [['Ada', 71], ['Leo', 55], ['Mia', 90], ['Noa', 64], ['Sam', 82]] as const) {
    const created = await as(owner, 'mutation ($input: CreateEnrollmentInput!) { createEnrollment(input: $input) { id } }', { input: { courseId: course, student, score } });
    assert.equal(created.errors, undefined, JSON.stringify(created.errors));
  }
  await as(owner, 'mutation ($input: CreateEnrollmentInput!) { createEnrollment(input: $input) { id } }', { input: { courseId: other, student: 'Zed', score: 99 } });
  const byCourse = `query ($courseId: ID!, $score: ModelIntKeyConditionInput, $sortDirection: ModelSortDirection, $filter: ModelEnrollmentFilterInput, $limit: Int, $nextToken: String) {
    enrollmentsByCourse(courseId: $courseId, score: $score, sortDirection: $sortDirection, filter: $filter, limit: $limit, nextToken: $nextToken) { items { student score } nextToken } }`;
  const students = (answer: Awaited<ReturnType<typeof as>>) => {
    assert.equal(answer.errors, undefined, JSON.stringify(answer.errors));
    return (answer.data?.['enrollmentsByCourse'] as { items: { student: string }[] }).items.map((item) => item.student);
  };

  assert.deepEqual(students(await as(reader, byCourse, { courseId: course })), ['Leo', 'Noa', 'Ada', 'Sam', 'Mia'], 'ascending by score, other courses left out');
  assert.deepEqual(students(await as(reader, byCourse, { courseId: course, sortDirection: 'DESC' })), ['Mia', 'Sam', 'Ada', 'Noa', 'Leo']);
  const conditions: [Record<string, unknown>, string[]][] = [
    [{ eq: 71 }, ['Ada']],
    [{ lt: 64 }, ['Leo']],
    [{ le: 64 }, ['Leo', 'Noa']],
    [{ gt: 82 }, ['Mia']],
    [{ ge: 82 }, ['Sam', 'Mia']],
    [{ between: [60, 80] }, ['Noa', 'Ada']],
  ];
  for (const [score, expected] of conditions) assert.deepEqual(students(await as(reader, byCourse, { courseId: course, score })), expected, JSON.stringify(score));

  const firstPage = (await as(reader, byCourse, { courseId: course, limit: 2, filter: { score: { gt: 60 } } })).data?.['enrollmentsByCourse'] as { items: { student: string }[]; nextToken: string | null };
  assert.deepEqual(firstPage.items.map((item) => item.student), ['Noa'], 'the limit reads two items, then the filter keeps one');
  assert.ok(firstPage.nextToken);
  const rest = await as(reader, byCourse, { courseId: course, limit: 10, filter: { score: { gt: 60 } }, nextToken: firstPage.nextToken });
  assert.deepEqual(students(rest), ['Ada', 'Sam', 'Mia']);
});

test('a custom query whose resolver is VTL of its own, on a DynamoDB data source of its own', async () => {
  const answer = await as(reader, '{ countCourses { total } }');
  assert.equal(answer.errors, undefined, JSON.stringify(answer.errors));
  const { total } = answer.data?.['countCourses'] as { total: number };
  const listed = await as(reader, '{ listCourses(limit: 1000) { items { id } } }');
  assert.equal(total, (listed.data?.['listCourses'] as { items: unknown[] }).items.length);
  assert.ok(total >= 1);
});
