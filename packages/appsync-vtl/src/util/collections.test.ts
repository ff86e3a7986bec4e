import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { output } from '../test-context';

describe('$util.list', () => {
  it('copies retaining or removing members, leaving the original alone', () => {
    assert.equal(output('#set($l = ["a", "b", "c"])$util.list.copyAndRetainAll($l, ["a", "c", "x"]) $util.list.copyAndRemoveAll($l, ["b"]) $l'), '[a, c] [a, c] [a, b, c]');
  });

  it('sorts values and maps by a property', () => {
    assert.equal(output('$util.list.sortList([3, 1, 2], false, "") $util.list.sortList(["b", "a"], true, "")'), '[1, 2, 3] [b, a]');
    assert.equal(output('$util.list.sortList([{"n": 2}, {"n": 1}], false, "n")'), '[{n=1}, {n=2}]');
  });
});

describe('$util.map', () => {
  it('copies retaining or removing keys', () => {
    assert.equal(output('#set($m = {"a": 1, "b": 2, "c": 3})$util.map.copyAndRetainAllKeys($m, ["a", "c"]) $util.map.copyAndRemoveAllKeys($m, ["a"]) $m'), '{a=1, c=3} {b=2, c=3} {a=1, b=2, c=3}');
  });
});

describe('$util.str', () => {
  it('changes case, replaces and normalizes', () => {
    assert.equal(output('$util.str.toUpper("aé") $util.str.toLower("AB") $util.str.toReplace("a.b.c", ".", "-")'), 'AÉ ab a-b-c');
    assert.equal(output('$util.str.normalize("e\u0301", "nfc").length()'), '1');
  });
});

describe('$util.math', () => {
  it('rounds, compares and draws random numbers in range', () => {
    assert.equal(output('$util.math.roundNum(2.5) $util.math.roundNum(-2.5) $util.math.minVal(1, 2.5) $util.math.maxVal(1, 2.5)'), '3 -2 1 2.5');
    for (let i = 0; i < 20; i++) {
      const value = Number(output('$util.math.randomWithinRange(1, 3)'));
      assert.ok([1, 2, 3].includes(value), String(value));
      const double = Number(output('$util.math.randomDouble()'));
      assert.ok(double >= 0 && double < 1);
    }
  });
});
