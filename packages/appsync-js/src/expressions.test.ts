import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { toAttributeMap, type AttributeMap } from './attribute-value';
import { applyUpdate, evaluateCondition, project } from './expression-evaluator';
import { parseCondition, parseProjection, parseUpdate, Substitutions, ValidationError } from './expression-parser';

const item: AttributeMap = toAttributeMap({
  id: 'r1',
  grade: 'B+',
  score: 17,
  tags: ['math', 'final'],
  meta: { room: 'A1', seats: [3, 4] },
  blank: null,
});

function holds(expression: string, values: Record<string, unknown> = {}, names: Record<string, string> = {}, on: AttributeMap = item): boolean {
  return evaluateCondition(parseCondition(expression, 'ConditionExpression', new Substitutions(names, values)), on);
}

const S = (s: string) => ({ S: s });
const N = (n: number) => ({ N: String(n) });

describe('condition expressions, as DynamoDB evaluates them', () => {
  test('comparisons compare same-typed values; other types and absent attributes are never ordered', () => {
    assert.equal(holds('score = :v', { ':v': N(17) }), true);
    assert.equal(holds('score = :v', { ':v': S('17') }), false, 'a number never equals a string');
    assert.equal(holds('score > :v', { ':v': N(9) }), true, 'numbers by value, not as text');
    assert.equal(holds('grade < :v', { ':v': S('C') }), true);
    assert.equal(holds('score < :v', { ':v': S('z') }), false);
    assert.equal(holds('absent < :v', { ':v': N(1) }), false);
    assert.equal(holds('absent <> :v', { ':v': N(1) }), true, 'a absent attribute is unequal to everything');
    assert.equal(holds('absent = :v', { ':v': N(1) }), false);
  });

  test('AND binds tighter than OR, NOT tighter than AND, parentheses group', () => {
    assert.equal(holds('score = :a OR score = :b AND grade = :c', { ':a': N(17), ':b': N(1), ':c': S('x') }), true);
    assert.equal(holds('(score = :a OR score = :b) AND grade = :c', { ':a': N(17), ':b': N(1), ':c': S('x') }), false);
    assert.equal(holds('NOT score = :a AND grade = :c', { ':a': N(1), ':c': S('B+') }), true);
  });

  test('functions: attribute_exists, attribute_not_exists, attribute_type, begins_with, contains, size', () => {
    assert.equal(holds('attribute_exists(grade) AND attribute_not_exists(absent)'), true);
    assert.equal(holds('attribute_exists(blank)'), true, 'a NULL attribute exists');
    assert.equal(holds('attribute_type(score, :t)', { ':t': S('N') }), true);
    assert.equal(holds('attribute_type(blank, :t)', { ':t': S('NULL') }), true);
    assert.equal(holds('begins_with(grade, :p)', { ':p': S('B') }), true);
    assert.equal(holds('contains(grade, :s)', { ':s': S('+') }), true);
    assert.equal(holds('contains(tags, :s)', { ':s': S('final') }), true, 'contains looks into lists');
    assert.equal(holds('size(tags) = :n AND size(grade) = :two', { ':n': N(2), ':two': N(2) }), true);
    assert.equal(holds('size(absent) >= :n', { ':n': N(0) }), false);
  });

  test('BETWEEN and IN', () => {
    assert.equal(holds('score BETWEEN :lo AND :hi', { ':lo': N(10), ':hi': N(20) }), true);
    assert.equal(holds('score BETWEEN :lo AND :hi', { ':lo': N(18), ':hi': N(20) }), false);
    assert.equal(holds('grade IN (:a, :b)', { ':a': S('A'), ':b': S('B+') }), true);
    assert.throws(() => holds('score BETWEEN :hi AND :lo', { ':lo': N(10), ':hi': N(20) }), /upper bound to be greater than or equal to lower bound/);
  });

  test('nested paths, list indexes and expression attribute names', () => {
    assert.equal(holds('meta.room = :r AND meta.seats[1] = :s', { ':r': S('A1'), ':s': N(4) }), true);
    assert.equal(holds('#o = :v', { ':v': S('B+') }, { '#o': 'grade' }), true);
  });

  test('refused as DynamoDB refuses them: reserved words, undefined and unused placeholders, syntax', () => {
    const error = (expression: string, values: Record<string, unknown> = {}, names: Record<string, string> = {}) => {
      const substitutions = new Substitutions(names, values);
      try {
        parseCondition(expression, 'ConditionExpression', substitutions);
        substitutions.assertAllUsed();
      } catch (thrown) {
        assert.ok(thrown instanceof ValidationError, String(thrown));
        return thrown.message;
      }
      assert.fail(`${expression} was accepted`);
    };
    assert.equal(error('owner = :v', { ':v': S('x') }), 'Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: owner');
    assert.equal(error('a = :absent'), 'Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :absent');
    assert.equal(error('#absent = :v', { ':v': S('x') }), 'Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #absent');
    assert.equal(error('a = :v', { ':v': S('x'), ':extra': S('y') }), 'Value provided in ExpressionAttributeValues unused in expressions: keys: {:extra}');
    assert.match(error('a = = :v', { ':v': S('x') }), /^Invalid ConditionExpression: Syntax error; token: "="/);
    assert.match(error('a = :v AND', { ':v': S('x') }), /^Invalid ConditionExpression: Syntax error; token: <EOF>/);
  });

  test('deep nesting is refused with a ValidationError, not a stack overflow', () => {
    const deep = `${'('.repeat(5000)}a = :v${')'.repeat(5000)}`;
    assert.throws(() => parseCondition(deep, 'ConditionExpression', new Substitutions({}, { ':v': S('x') })), (error: unknown) => {
      assert.ok(error instanceof ValidationError);
      assert.doesNotMatch(error.message, /call stack/i);
      return true;
    });
    const long = Array.from({ length: 60 }, () => 'NOT ').join('') + 'a = :v';
    assert.doesNotThrow(() => parseCondition(long, 'ConditionExpression', new Substitutions({}, { ':v': S('x') })));
  });
});

describe('update expressions', () => {
  const update = (expression: string, values: Record<string, unknown> = {}, on: AttributeMap = item) =>
    applyUpdate(on, parseUpdate(expression, new Substitutions({}, values)));

  test('SET with arithmetic, if_not_exists and list_append, computed from the item before the update', () => {
    const next = update('SET score = score + :one, grade = if_not_exists(grade, :g), fresh = if_not_exists(fresh, :g), tags = list_append(tags, :more)', {
      ':one': N(1),
      ':g': S('A'),
      ':more': { L: [S('resit')] },
    });
    assert.deepEqual(next['score'], N(18));
    assert.deepEqual(next['grade'], S('B+'));
    assert.deepEqual(next['fresh'], S('A'));
    assert.deepEqual(next['tags'], { L: [S('math'), S('final'), S('resit')] });
  });

  test('REMOVE, ADD and DELETE on numbers and sets; nested SET and list indexes', () => {
    const withSet = { ...item, labels: { SS: ['a', 'b'] } };
    const next = update('REMOVE blank, meta.seats[0] ADD score :five, labels :c', { ':five': N(5), ':c': { SS: ['c'] } }, withSet);
    assert.equal('blank' in next, false);
    assert.deepEqual(next['meta'], { M: { room: S('A1'), seats: { L: [N(4)] } } });
    assert.deepEqual(next['score'], N(22));
    assert.deepEqual(next['labels'], { SS: ['a', 'b', 'c'] });
    assert.deepEqual(update('DELETE labels :a', { ':a': { SS: ['a'] } }, next)['labels'], { SS: ['b', 'c'] });
    assert.deepEqual(update('SET meta.room = :r', { ':r': S('B2') })['meta'], { M: { room: S('B2'), seats: { L: [N(3), N(4)] } } });
  });

  test('errors DynamoDB reports: absent operands, wrong types, overlapping paths, repeated clauses', () => {
    assert.throws(() => update('SET score = absent + :one', { ':one': N(1) }), /refers to an attribute that does not exist in the item/);
    assert.throws(() => update('SET grade = grade + :one', { ':one': N(1) }), /incorrect data type; operator or function: \+, operand type: S/);
    assert.throws(() => update('SET meta = :a, meta.room = :b', { ':a': S('x'), ':b': S('y') }), /Two document paths overlap/);
    assert.throws(() => update('SET a = :a SET b = :a', { ':a': S('x') }), /"SET" section can only be used once/);
  });
});

test('projection expressions keep only what they name, nested paths inside their maps', () => {
  const paths = parseProjection('grade, meta.room, #t', new Substitutions({ '#t': 'tags' }, {}));
  assert.deepEqual(project(item, paths), { grade: S('B+'), meta: { M: { room: S('A1') } }, tags: item['tags'] });
});
