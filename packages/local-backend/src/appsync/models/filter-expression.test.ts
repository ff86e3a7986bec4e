import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidFilterError, matchesFilter } from './filter-expression';

const item = {
  id: 'r-1',
  student: 'Zoë',
  grade: 'B+',
  score: 17,
  tags: ['late', 'retake'],
  notes: null,
  mark: '😀',
};

const matches = (filter: Record<string, unknown>) => matchesFilter(item, filter);

test('comparisons follow DynamoDB: strings by UTF-8 bytes, numbers by value, other types never compare', () => {
  assert.equal(matches({ grade: { eq: 'B+' } }), true);
  assert.equal(matches({ grade: { eq: 'b+' } }), false);
  assert.equal(matches({ score: { gt: 9 } }), true, '17 > 9 as numbers, not as strings');
  assert.equal(matches({ score: { lt: 9 } }), false);
  assert.equal(matches({ score: { le: 17, ge: 17 } }), true);
  // U+1F600 is F0 9F 98 80 in UTF-8 but D83D DE00 in UTF-16, so it sorts after U+FF21 only bytewise.
  assert.equal(matches({ mark: { gt: '\uFF21' } }), true);
  assert.equal(matches({ score: { gt: '1' } }), false, 'a number never compares with a string');
});

test('ne, notContains and notIn hold for a missing attribute; everything else needs it present', () => {
  assert.equal(matches({ missing: { ne: 'x' } }), true);
  assert.equal(matches({ missing: { notContains: 'x' } }), true);
  assert.equal(matches({ missing: { notIn: ['x'] } }), true);
  for (const operator of ['eq', 'lt', 'le', 'gt', 'ge', 'beginsWith', 'contains']) {
    assert.equal(matches({ missing: { [operator]: 'x' } }), false, operator);
  }
  assert.equal(matches({ missing: { between: ['a', 'z'] } }), false);
  assert.equal(matches({ missing: { size: { ge: 0 } } }), false);
});

test('between is inclusive and an inverted range is refused as DynamoDB refuses it', () => {
  assert.equal(matches({ score: { between: [17, 20] } }), true);
  assert.equal(matches({ score: { between: [10, 16] } }), false);
  assert.equal(matches({ grade: { between: ['A', 'C'] } }), true);
  assert.throws(() => matches({ score: { between: [20, 10] } }), InvalidFilterError);
  assert.throws(() => matches({ score: { between: [1] } }), InvalidFilterError);
});

test('beginsWith, contains and notContains on strings and lists', () => {
  assert.equal(matches({ grade: { beginsWith: 'B' } }), true);
  assert.equal(matches({ grade: { beginsWith: '+' } }), false);
  assert.equal(matches({ student: { contains: 'oë' } }), true);
  assert.equal(matches({ tags: { contains: 'late' } }), true, 'list membership');
  assert.equal(matches({ tags: { contains: 'lat' } }), false, 'no substring match inside list elements');
  assert.equal(matches({ tags: { notContains: 'early' } }), true);
  assert.equal(matches({ score: { contains: '1' } }), false, 'a number has no contents');
});

test('attributeExists, attributeType and size', () => {
  assert.equal(matches({ notes: { attributeExists: true } }), true, 'a stored null is an attribute of type NULL');
  assert.equal(matches({ missing: { attributeExists: false } }), true);
  assert.equal(matches({ grade: { attributeExists: false } }), false);
  assert.equal(matches({ notes: { attributeType: '_null' } }), true);
  assert.equal(matches({ score: { attributeType: 'number' } }), true);
  assert.equal(matches({ tags: { attributeType: 'list' } }), true);
  assert.equal(matches({ grade: { attributeType: 'number' } }), false);
  assert.equal(matches({ student: { size: { eq: 3 } } }), true, 'characters, not UTF-16 units');
  assert.equal(matches({ tags: { size: { between: [2, 2] } } }), true);
  assert.equal(matches({ score: { size: { ge: 0 } } }), false, 'numbers have no size');
});

test('in/notIn for subscription filters', () => {
  assert.equal(matches({ grade: { in: ['A', 'B+'] } }), true);
  assert.equal(matches({ grade: { notIn: ['A', 'B+'] } }), false);
});

test('and, or and not combine, and several conditions on one field must all hold', () => {
  assert.equal(matches({ and: [{ grade: { beginsWith: 'B' } }, { score: { gt: 10 } }] }), true);
  assert.equal(matches({ or: [{ grade: { eq: 'A' } }, { score: { eq: 17 } }] }), true);
  assert.equal(matches({ or: [{ grade: { eq: 'A' } }, { score: { eq: 18 } }] }), false);
  assert.equal(matches({ not: { grade: { eq: 'A' } } }), true);
  assert.equal(matches({ grade: { beginsWith: 'B', ne: 'B+' } }), false);
  assert.equal(matches({ grade: { eq: 'B+' }, not: { or: [{ score: { lt: 10 } }, { tags: { contains: 'late' } }] } }), false);
});

test('an empty filter or an empty field condition matches everything', () => {
  assert.equal(matchesFilter(item, {}), true);
  assert.equal(matchesFilter(item, null), true);
  assert.equal(matches({ grade: {} }), true);
});
