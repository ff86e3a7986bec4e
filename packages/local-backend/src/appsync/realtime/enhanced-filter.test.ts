import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidSubscriptionFilterError, matchesSubscriptionFilter, toSubscriptionFilter } from './enhanced-filter';

const result = { id: 'r1', examId: 'maths', grade: 'B', student: 'Ada Lovelace', score: 71, tags: ['resit', 'late'] };

function matches(input: Record<string, unknown>, payload: Record<string, unknown> = result): boolean {
  const filter = toSubscriptionFilter(input);
  return filter === undefined || matchesSubscriptionFilter(filter, payload);
}

function refused(input: Record<string, unknown>, message: RegExp | string) {
  assert.throws(
    () => toSubscriptionFilter(input),
    (error: unknown) => {
      assert.ok(error instanceof InvalidSubscriptionFilterError);
      if (typeof message === 'string') assert.equal(error.message, message);
      else assert.match(error.message, message);
      return true;
    },
  );
}

test('field conditions become one filter of AND-ed conditions, as toSubscriptionFilter builds it', () => {
  assert.deepEqual(toSubscriptionFilter({ examId: { eq: 'maths' }, grade: { ne: 'F' } }), {
    filterGroup: [
      {
        filters: [
          { fieldName: 'examId', operator: 'eq', value: 'maths' },
          { fieldName: 'grade', operator: 'ne', value: 'F' },
        ],
      },
    ],
  });
});

test('an empty filter, or one with only null conditions, lets everything through', () => {
  assert.equal(toSubscriptionFilter({}), undefined);
  assert.equal(toSubscriptionFilter({ grade: null, or: [], and: [] }), undefined);
  assert.equal(toSubscriptionFilter({ grade: { eq: null } }), undefined);
});

test('or becomes separate filters and and distributes over them', () => {
  const filter = toSubscriptionFilter({
    examId: { eq: 'maths' },
    or: [{ grade: { eq: 'A' } }, { grade: { eq: 'B' } }],
    and: [{ student: { beginsWith: 'Ada' } }],
  });
  assert.deepEqual(
    filter?.filterGroup.map(({ filters }) => filters.map(({ fieldName, value }) => `${fieldName}=${String(value)}`)),
    [
      ['examId=maths', 'grade=A', 'student=Ada'],
      ['examId=maths', 'grade=B', 'student=Ada'],
    ],
  );
});

test('eq, ne, in and notIn compare whole values', () => {
  assert.equal(matches({ examId: { eq: 'maths' } }), true);
  assert.equal(matches({ examId: { eq: 'physics' } }), false);
  assert.equal(matches({ examId: { ne: 'physics' } }), true);
  assert.equal(matches({ examId: { ne: 'maths' } }), false);
  assert.equal(matches({ grade: { in: ['A', 'B'] } }), true);
  assert.equal(matches({ grade: { in: ['A', 'C'] } }), false);
  assert.equal(matches({ grade: { notIn: ['A', 'C'] } }), true);
  assert.equal(matches({ grade: { notIn: ['B'] } }), false);
  assert.equal(matches({ score: { eq: 71 } }), true);
  assert.equal(matches({ score: { eq: '71' } }), false, 'a number never equals a string');
});

test('a missing field fails eq and passes ne', () => {
  assert.equal(matches({ room: { eq: 'A1' } }), false);
  assert.equal(matches({ room: { ne: 'A1' } }), true);
  assert.equal(matches({ room: { notIn: ['A1'] } }), true);
  assert.equal(matches({ room: { notContains: 'A' } }), true);
});

test('lt, le, gt, ge and between order numbers and strings, and never mix them', () => {
  assert.equal(matches({ score: { gt: 70 } }), true);
  assert.equal(matches({ score: { gt: 71 } }), false);
  assert.equal(matches({ score: { ge: 71 } }), true);
  assert.equal(matches({ score: { lt: 71 } }), false);
  assert.equal(matches({ score: { le: 71 } }), true);
  assert.equal(matches({ grade: { lt: 'C' } }), true);
  assert.equal(matches({ grade: { gt: 'C' } }), false);
  assert.equal(matches({ score: { between: [70, 80] } }), true);
  assert.equal(matches({ score: { between: [71, 71] } }), true);
  assert.equal(matches({ score: { between: [72, 80] } }), false);
  assert.equal(matches({ grade: { between: ['A', 'C'] } }), true);
  assert.equal(matches({ score: { gt: '1' } }), false);
  assert.equal(matches({ room: { lt: 'Z' } }), false);
});

test('contains, notContains and beginsWith work on strings and lists; containsAny on lists', () => {
  assert.equal(matches({ student: { contains: 'Love' } }), true);
  assert.equal(matches({ student: { contains: 'love' } }), false, 'case-sensitive');
  assert.equal(matches({ student: { notContains: 'Turing' } }), true);
  assert.equal(matches({ student: { notContains: 'Ada' } }), false);
  assert.equal(matches({ tags: { contains: 'resit' } }), true);
  assert.equal(matches({ tags: { contains: 'res' } }), false, 'list elements match whole');
  assert.equal(matches({ tags: { notContains: 'absent' } }), true);
  assert.equal(matches({ student: { beginsWith: 'Ada ' } }), true);
  assert.equal(matches({ student: { beginsWith: 'Lovelace' } }), false);
  assert.equal(matches({ score: { beginsWith: '7' } }), false, 'beginsWith needs a string');
  assert.equal(matches({ tags: { containsAny: ['early', 'late'] } }), true);
  assert.equal(matches({ tags: { containsAny: ['early'] } }), false);
  assert.equal(matches({ grade: { containsAny: ['B'] } }), false);
});

test('and / or combine, including nested groups', () => {
  assert.equal(matches({ or: [{ grade: { eq: 'A' } }, { score: { gt: 70 } }] }), true);
  assert.equal(matches({ or: [{ grade: { eq: 'A' } }, { score: { gt: 90 } }] }), false);
  assert.equal(matches({ and: [{ grade: { eq: 'B' } }, { or: [{ examId: { eq: 'x' } }, { examId: { eq: 'maths' } }] }] }), true);
  assert.equal(matches({ examId: { eq: 'maths' }, or: [{ grade: { eq: 'A' } }, { grade: { eq: 'C' } }] }), false);
});

test('nested fields are reached by a dotted fieldName', () => {
  const filter = toSubscriptionFilter({ 'exam.subject': { eq: 'Maths' } });
  assert.ok(filter);
  assert.equal(matchesSubscriptionFilter(filter, { exam: { subject: 'Maths' } }), true);
  assert.equal(matchesSubscriptionFilter(filter, { exam: null }), false);
});

test("AppSync's limits are enforced with its messages", () => {
  refused(
    { id: { eq: '1' }, grade: { eq: 'A' }, student: { eq: 'x' }, examId: { eq: 'e' }, owner: { eq: 'o' }, createdAt: { gt: '2024' } },
    'Filters exceed maximum attributes limit 5 for subscription.',
  );
  const eleven = Array.from({ length: 11 }, (_, index) => ({ student: { eq: `s${index}` } }));
  refused({ or: eleven }, 'Filters combination exceed maximum limit 10 for subscription.');
  const four = (field: string) => ({ or: Array.from({ length: 4 }, (_, index) => ({ [field]: { eq: `${field}${index}` } })) });
  refused({ and: [four('grade'), four('student')] }, 'Filters combination exceed maximum limit 10 for subscription.');
  refused({ grade: { ge: 'A', le: 'C' } }, 'subscription filter uses same fieldName multiple time');
  refused({ grade: { in: ['A', 'B', 'C', 'D', 'E', 'F'] } }, /in operator .* 1 to 5 values/);
  refused({ tags: { containsAny: Array.from({ length: 21 }, (_, index) => `t${index}`) } }, /containsAny operator .* 1 to 20 values/);
  refused({ score: { between: [1] } }, /exactly 2 values/);
  refused({ grade: { matches: 'A' } }, 'Unsupported filter operator "matches" on "grade"');
  refused({ grade: { eq: ['A'] } }, /takes a single value/);
});

test('ten filters of five conditions each are within the limits', () => {
  const ten = Array.from({ length: 10 }, (_, index) => ({
    and: [{ a: { eq: index } }, { b: { eq: index } }, { c: { eq: index } }, { d: { eq: index } }, { e: { eq: index } }],
  }));
  const filter = toSubscriptionFilter({ or: ten });
  assert.equal(filter?.filterGroup.length, 10);
  assert.ok(filter);
  assert.equal(matchesSubscriptionFilter(filter, { a: 3, b: 3, c: 3, d: 3, e: 3 }), true);
  assert.equal(matchesSubscriptionFilter(filter, { a: 3, b: 3, c: 3, d: 3, e: 4 }), false);
});
