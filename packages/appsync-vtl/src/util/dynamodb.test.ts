import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { output } from '../test-context';

describe('$util.dynamodb', () => {
  it('types plain values', () => {
    assert.equal(
      output('$util.dynamodb.toDynamoDBJson({"s": "x", "n": 1.5, "b": true, "l": [1], "z": $missing})'),
      '{"M":{"s":{"S":"x"},"n":{"N":"1.5"},"b":{"BOOL":true},"l":{"L":[{"N":"1"}]},"z":{"NULL":true}}}',
    );
    assert.equal(output('$util.toJson($util.dynamodb.toMapValues({"id": "1", "count": 2}))'), '{"id":{"S":"1"},"count":{"N":"2"}}');
    assert.equal(output('$util.dynamodb.toMapValuesJson({"id": "1"})'), '{"id":{"S":"1"}}');
  });

  it('writes each typed form, as objects and as JSON', () => {
    assert.equal(output('$util.dynamodb.toStringJson("x") $util.dynamodb.toNumberJson(5) $util.dynamodb.toBooleanJson(false) $util.dynamodb.toNullJson() $util.dynamodb.toBinaryJson("AAE=")'), '{"S":"x"} {"N":"5"} {"BOOL":false} {"NULL":true} {"B":"AAE="}');
    assert.equal(output('$util.dynamodb.toStringSetJson(["a", "b"]) $util.dynamodb.toNumberSetJson([1, 2]) $util.dynamodb.toBinarySetJson(["AA=="])'), '{"SS":["a","b"]} {"NS":["1","2"]} {"BS":["AA=="]}');
    assert.equal(output('$util.dynamodb.toListJson(["a", 1]) $util.dynamodb.toMapJson({"a": "b"})'), '{"L":[{"S":"a"},{"N":"1"}]} {"M":{"a":{"S":"b"}}}');
    assert.equal(output('#set($v = $util.dynamodb.toString("x"))$v.S $util.dynamodb.toNumber(3).N'), 'x 3');
  });
});
