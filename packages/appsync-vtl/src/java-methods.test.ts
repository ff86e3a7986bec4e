import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { callJavaMethod } from './java-methods';
import { javaSplit } from './java-regex';
import { output, render } from './test-context';

describe('String methods', () => {
  it('answers as java.lang.String does', () => {
    assert.equal(
      output(`#set($s = " Hello World ")$s.length() $s.isEmpty() $s.trim() $s.contains("World") $s.startsWith(" He") $s.endsWith("d ") $s.indexOf("o") $s.lastIndexOf("o") $s.toLowerCase() $s.toUpperCase()`),
      '13 false Hello World true true true 5 8  hello world   HELLO WORLD ',
    );
    assert.equal(output(`#set($s = "abc")$s.substring(1) $s.substring(0, 2) $s.charAt(2) $s.concat("d") $s.equals("abc") $s.equalsIgnoreCase("ABC") $s.toString() $s.replace("b", "-")`), 'bc ab c abcd true true abc a-c');
  });

  it('reads Java regular expressions in replaceAll, split and matches', () => {
    assert.equal(output('#set($s = "a1b22c333")$s.replaceAll("[0-9]+", "#") $s.replaceAll("([a-z])(\\d)", "$2$1") $s.matches("[a-c0-9]+") $s.matches("a1") $s.split("\\d+")'), 'a#b#c# 1a2b23c33 true false [a, b, c]');
    assert.equal(output('#set($s = "Key")$s.matches("(?i)KEY")'), 'true');
  });

  it('splits as Java does: trailing empty strings go, a leading one stays', () => {
    assert.deepEqual(javaSplit(',a,,b,,', ','), ['', 'a', '', 'b']);
    assert.deepEqual(javaSplit('abc', ''), ['a', 'b', 'c']);
    assert.deepEqual(javaSplit('', ','), ['']);
    assert.deepEqual(javaSplit(',', ','), []);
    assert.deepEqual(javaSplit('a,b,c', ',', 2), ['a', 'b,c']);
    assert.deepEqual(javaSplit('a1b', '(\\d)'), ['a', 'b']);
  });

  it('fails the template on an index out of range, as Java throws', () => {
    assert.match(render('#set($s = "ab")$s.substring(3)').error?.message ?? '', /StringIndexOutOfBoundsException/);
  });
});

describe('List methods', () => {
  it('answers as java.util.List does', () => {
    assert.equal(
      output('#set($l = ["a", "b"])$l.size() $l.isEmpty() $l.contains("a") $l.containsAll(["a", "b"]) $l.add("c") $l.get(2) $l.indexOf("b") $l.set(0, "z") $l $l.subList(1, 3)'),
      '2 false true true true c 1 a [z, b, c] [b, c]',
    );
    assert.equal(output('#set($l = [1, 2, 3, 2])$l.remove(0) $l $l.remove("x") $l.removeAll([2]) $l'), '1 [2, 3, 2] false true [3]');
    assert.equal(output('#set($l = [1, 2, 3])$l.retainAll([2, 3, 4]) $l $l.addAll([5]) $l#set($x = $l.clear())$l'), 'true [2, 3] true [2, 3, 5][]');
  });

  it('compares members with equals, so maps in lists compare by content', () => {
    assert.equal(output('#set($l = [{"a": 1}])$l.contains({"a": 1}) $l.contains({"a": 2})'), 'true false');
  });
});

describe('Map methods', () => {
  it('answers as java.util.Map does', () => {
    assert.equal(
      output('#set($m = {"a": 1})$m.get("a") $m.containsKey("a") $m.containsValue(1) $m.size() $m.isEmpty() $util.qr($m.putAll({"b": 2}))$m.keySet() $m.values() $m.remove("a") $m $m.entrySet()'),
      '1 true true 1 false [a, b] [1, 2] 1 {b=2} [b=2]',
    );
    assert.equal(output('#set($m = {"a": 1})$m.get("zz") $util.qr($m.clear())$m.isEmpty()'), '$m.get("zz") true');
  });

  it('returns undefined for methods Java does not have', () => {
    assert.equal(callJavaMethod({}, 'push', [1]), undefined);
    assert.equal(callJavaMethod('abc', 'contains', [1]), undefined);
    assert.equal(callJavaMethod([], 'nope', []), undefined);
  });
});
