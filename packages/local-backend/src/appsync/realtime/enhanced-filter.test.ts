import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidSubscriptionFilterError, matchesSubscriptionFilter, parseSubscriptionFilter, toSubscriptionFilter } from './enhanced-filter';

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

// The object extensions.setSubscriptionFilter receives, as util.transform.toSubscriptionFilter returns it.
const rule = (fieldName: string, operator: string, value: unknown) => ({ fieldName, operator, value });
const oneGroup = (...filters: unknown[]) => ({ filterGroup: [{ filters }] });

function passes(filter: unknown, payload: Record<string, unknown> = result): boolean {
  return matchesSubscriptionFilter(parseSubscriptionFilter(filter), payload);
}

function rejected(filter: unknown, message: RegExp | string) {
  assert.throws(
    () => parseSubscriptionFilter(filter),
    (error: unknown) => {
      assert.ok(error instanceof InvalidSubscriptionFilterError);
      if (typeof message === 'string') assert.equal(error.message, message);
      else assert.match(error.message, message);
      return true;
    },
  );
}

test('setSubscriptionFilter: groups are OR-ed, the filters of a group AND-ed', () => {
  const filter = {
    filterGroup: [
      { filters: [rule('examId', 'eq', 'maths'), rule('score', 'ge', 90)] },
      { filters: [rule('grade', 'in', ['A', 'B']), rule('tags', 'contains', 'resit')] },
    ],
  };
  assert.deepEqual(parseSubscriptionFilter(filter), filter, 'a valid filter is kept as it is');
  assert.equal(passes(filter), true, 'the second group holds');
  assert.equal(passes(filter, { ...result, grade: 'C' }), false, 'neither group holds');
  assert.equal(passes(filter, { ...result, grade: 'C', score: 95 }), true, 'the first group holds');
});

test('setSubscriptionFilter: every operator on the payload', () => {
  assert.equal(passes(oneGroup(rule('examId', 'eq', 'maths'))), true);
  assert.equal(passes(oneGroup(rule('examId', 'ne', 'maths'))), false);
  assert.equal(passes(oneGroup(rule('score', 'lt', 72), rule('grade', 'le', 'B'), rule('student', 'gt', 'Ada'), rule('id', 'ge', 'r1'))), true);
  assert.equal(passes(oneGroup(rule('student', 'contains', 'Love'), rule('tags', 'notContains', 'early'))), true);
  assert.equal(passes(oneGroup(rule('student', 'beginsWith', 'Ada'))), true);
  assert.equal(passes(oneGroup(rule('grade', 'notIn', ['A', 'C']), rule('score', 'between', [70, 72]))), true);
  assert.equal(passes(oneGroup(rule('tags', 'containsAny', ['late', 'x']))), true);
  assert.equal(passes(oneGroup(rule('tags', 'containsAny', ['x', 'y']))), false);
});

test('eq and ne take booleans and null; an absent field equals null', () => {
  const payload = { id: 'r1', published: true, note: null };
  assert.equal(passes(oneGroup(rule('published', 'eq', true)), payload), true);
  assert.equal(passes(oneGroup(rule('published', 'ne', true)), payload), false);
  assert.equal(passes(oneGroup(rule('note', 'eq', null)), payload), true);
  assert.equal(passes(oneGroup(rule('absent', 'eq', null)), payload), true);
  assert.equal(passes(oneGroup(rule('id', 'ne', null)), payload), true);
});

test('strings are ordered by their UTF-8 bytes, as DynamoDB orders them', () => {
  assert.equal(passes(oneGroup(rule('name', 'gt', 'Z')), { name: 'a' }), true, 'lower case after upper case');
  assert.equal(passes(oneGroup(rule('name', 'gt', 'z')), { name: '¿' }), true, '¿ (C2 BF) after z (7A)');
  // U+1F600 comes before U+F8FF in UTF-16 code units, after it in UTF-8 bytes.
  assert.equal(passes(oneGroup(rule('name', 'gt', '\uf8ff')), { name: '😀' }), true);
  assert.equal(passes(oneGroup(rule('name', 'between', ['\ue000', '\uffff'])), { name: '😀' }), false);
  assert.equal(passes(oneGroup(rule('score', 'lt', 9)), { score: 10 }), false, 'numbers by value');
});

test('a dotted fieldName reaches nested fields, up to five levels', () => {
  assert.equal(passes(oneGroup(rule('exam.subject.name', 'eq', 'Maths')), { exam: { subject: { name: 'Maths' } } }), true);
  assert.equal(passes(oneGroup(rule('exam.subject.name', 'eq', 'Maths')), { exam: { subject: 'Maths' } }), false);
  assert.equal(passes(oneGroup(rule('a.b.c.d.e', 'eq', 1)), { a: { b: { c: { d: { e: 1 } } } } }), true);
  rejected(oneGroup(rule('a.b.c.d.e.f', 'eq', 1)), /at most 5 fields/);
  rejected(oneGroup(rule('a..b', 'eq', 1)), /dotted path/);
  rejected(oneGroup(rule('x'.repeat(257), 'eq', 1)), /longer than 256 characters/);
});

test("setSubscriptionFilter's format and AppSync's limits, with AppSync's messages where it has them", () => {
  rejected(null, /filterGroup/);
  rejected({ filterGroup: [] }, /non-empty filterGroup/);
  rejected({ filterGroup: [{ filters: [] }] }, /list of filters/);
  rejected({ filterGroup: Array.from({ length: 11 }, (_, index) => ({ filters: [rule('id', 'eq', `r${index}`)] })) }, 'Filters combination exceed maximum limit 10 for subscription.');
  rejected(oneGroup(...['a', 'b', 'c', 'd', 'e', 'f'].map((name) => rule(name, 'eq', 1))), 'Filters exceed maximum attributes limit 5 for subscription.');
  rejected(oneGroup(rule('score', 'ge', 1), rule('score', 'le', 9)), 'subscription filter uses same fieldName multiple time');
  rejected(oneGroup(rule('grade', 'like', 'A')), 'Unsupported filter operator "like" on "grade"');
  rejected(oneGroup({ operator: 'eq', value: 1 }), /needs a fieldName/);
  rejected(oneGroup(rule('grade', 'in', ['A', 'B', 'C', 'D', 'E', 'F'])), /in operator .* 1 to 5 values/);
  rejected(oneGroup(rule('grade', 'notIn', [])), /notIn operator .* 1 to 5 values/);
  rejected(oneGroup(rule('tags', 'containsAny', Array.from({ length: 21 }, (_, index) => `t${index}`))), /containsAny operator .* 1 to 20 values/);
  rejected(oneGroup(rule('score', 'between', [1, 2, 3])), /exactly 2 values/);
  rejected(oneGroup(rule('score', 'between', [1, 'z'])), /same type/);
  rejected(oneGroup(rule('student', 'beginsWith', 7)), /takes a string/);
  rejected(oneGroup(rule('score', 'gt', true)), /a string or number/);
  rejected(oneGroup(rule('score', 'eq', { n: 1 })), /takes a single value/);
  const widest = { filterGroup: Array.from({ length: 10 }, () => ({ filters: ['a', 'b', 'c', 'd', 'e'].map((name) => rule(name, 'in', [1, 2, 3, 4, 5])) })) };
  assert.equal(parseSubscriptionFilter(widest).filterGroup.length, 10, 'ten groups of five filters are within the limits');
});
