import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileTemplate, parseMappingOutput, VtlSyntaxError } from './index';
import { environment, output, render, templateContext } from './test-context';

describe('Velocity syntax velocityjs lacks', () => {
  it('reads a doubled quote inside a literal as one quote', () => {
    assert.equal(output(`#set($s = 'The teacher''s name')$s`), "The teacher's name");
    assert.equal(output(`#set($s = "say ""hi""")$s`), 'say "hi"');
    assert.equal(output(`#set($s = '')#set($t = "")[$s][$t]`), '[][]');
    assert.deepEqual(render(`$util.error('The teacher''s name cannot be empty.')`).error, { message: "The teacher's name cannot be empty." });
  });

  it('stops at a bare #return with a null value, keeping what was printed', () => {
    const result = render('before\n#return\nafter');
    assert.deepEqual(result.returned, { value: null });
    assert.equal(result.output, 'before\n');
  });

  it('returns the value of #return(x)', () => {
    const result = render('#set($m = {"a": 1})#return($m)after');
    assert.deepEqual(result.returned, { value: { a: 1 } });
    assert.equal(result.output, '');
    assert.deepEqual(render('#if(true)#return($util.toJson({}))#end').returned, { value: '{}' });
  });

  it('stops rendering at #stop without an error', () => {
    const result = render('a#stop b');
    assert.equal(result.output, 'a');
    assert.equal(result.error, undefined);
    assert.equal(result.returned, undefined);
  });

  it('accepts list literals that start with true, false or null', () => {
    assert.equal(output('#set($l = [true, null, false])$l $l.size()'), '[true, null, false] 3');
    assert.equal(output('#set($m = {"k": [null]})$util.toJson($m)'), '{"k":[null]}');
  });

  it('reports a template that does not parse with its name and line', () => {
    assert.throws(() => compileTemplate('ok\n#set($x = )', 'Mutation.createExam.req.vtl'), (error: unknown) => {
      assert.ok(error instanceof VtlSyntaxError);
      assert.match(error.message, /^Mutation\.createExam\.req\.vtl: /);
      assert.match(error.message, /line 2/);
      return true;
    });
  });
});

describe('references', () => {
  it('prints an unresolved reference as written, and nothing when quiet', () => {
    assert.equal(output('$nothing $!nothing ${nothing} $!{nothing} $ctx.args.missing $ctx.args.missing.deeper'), '$nothing  ${nothing}  $ctx.args.missing $ctx.args.missing.deeper');
  });

  it('prints a call of an unknown method as written (Velocity leaves the reference unresolved)', () => {
    assert.equal(output('#set($s = "x")$s.noSuchMethod(1) $s.length()'), '$s.noSuchMethod(1) 1');
  });

  it('prints a method that returns null as written: why templates wrap put in $util.qr', () => {
    assert.equal(output('#set($m = {})$m.put("a", 1) $m.put("a", 2) $util.qr($m.put("a", 3))$m.a'), '$m.put("a", 1) 1 3');
  });

  it('prints nothing for a void method', () => {
    assert.equal(output('#set($l = [1])[$l.clear()]$l'), '[][]');
  });

  it('makes $context an alias of $ctx and $ctx.arguments of $ctx.args', () => {
    const args = { input: { title: 'x' } };
    assert.equal(output('$context.args.input.title $ctx.arguments.input.title', { args }), 'x x');
  });

  it('reads index access on maps and lists', () => {
    const source = { x: 'from source', list: ['a', 'b'] };
    assert.equal(output('$ctx.source["x"] $ctx.source.list[1] $ctx.source.list[-1] #set($k = "x")$ctx.source[$k]', { source }), 'from source b b from source');
  });

  it('reads properties as Java getters: $map.key, $list.empty, $entry.key', () => {
    assert.equal(output('#set($l = [])$l.empty #set($m = {"a": 1})#foreach($e in $m.entrySet())$e.key=$e.value#end'), 'true a=1');
  });

  it('prints values as Java toString does', () => {
    assert.equal(output('#set($m = {"a": 1, "b": [true, "x"], "c": {}})$m'), '{a=1, b=[true, x], c={}}');
    assert.equal(output('#set($deniedFields = ["id"])Unauthorized on ${deniedFields}'), 'Unauthorized on [id]');
    assert.equal(output('#set($d = 1.5)$d #set($big = 12345678.5)$big'), '1.5 1.23456785E7');
  });

  it('writes stash changes and argument changes through to the caller', () => {
    const context = templateContext({ args: { input: { title: 'x' } } });
    compileTemplate('$util.qr($ctx.args.input.put("owner", "me"))$util.qr($ctx.stash.put("seen", true))#set($ctx.stash.other = 1)', 't').render(context, environment());
    assert.deepEqual(context.args, { input: { title: 'x', owner: 'me' } });
    assert.deepEqual(context.stash, { seen: true, other: 1 });
  });

  it('never writes anything else onto data maps', () => {
    const input = { title: 'x', tags: ['a'] };
    output('$input.keySet() $input.size() $input.tags.size() $input.get("title") $input.containsKey("title") $input.toString() $input.tags.contains("a")', { args: {}, stash: { input } });
    output('$ctx.stash.input.keySet() $ctx.stash.input.title.length() $ctx.stash.input.tags.isEmpty()', { stash: { input } });
    assert.deepEqual(Object.keys(input), ['title', 'tags']);
    assert.deepEqual(Object.keys(input.tags), ['0']);
  });
});

describe('#set', () => {
  it('leaves the variable unchanged when the right-hand side is null (directive.set.null.allowed=false)', () => {
    assert.equal(output('#set($x = "kept")#set($x = $missing)#set($x = $ctx.args.nothing)$x'), 'kept');
    assert.equal(output('#foreach($item in [{"o": "a"}, {}])#set($owner = $item.o)$owner;#end'), 'a;a;');
  });

  it('sets properties and indexes of maps and lists', () => {
    assert.equal(output('#set($m = {})#set($m.a = 1)#set($m["b"] = 2)#set($l = [1, 2])#set($l[0] = 9)$m $l'), '{a=1, b=2} [9, 2]');
  });
});

describe('#foreach', () => {
  it('counts with $velocityCount and $foreach, and stops at #break', () => {
    assert.equal(output('#foreach($i in ["a", "b", "c"])$velocityCount:$foreach.index:$foreach.count:$foreach.hasNext:$i #if($i == "b")#break#end#end'), '1:0:1:true:a 2:1:2:true:b ');
  });

  it('answers $foreach as Velocity 1.7 ForeachScope does, to properties and methods', () => {
    assert.equal(output('#set($e = "")#foreach($i in [1, 2, 3])#set($e = "$e$i")#if($foreach.hasNext())#set($e = "$e,")#end#end$e'), '1,2,3');
    assert.equal(output('#foreach($i in [1, 2])$foreach.first/$foreach.isLast()/#foreach($j in ["x"])$foreach.parent.index$foreach.index #end#end'), 'true/false/00 false/true/10 ');
  });

  it('iterates a map over its values and entrySet over its entries', () => {
    assert.equal(output('#set($m = {"a": 1, "b": 2})#foreach($v in $m)$v#end #foreach($e in $m.entrySet())$e.key=$e.value,#end'), '12 a=1,b=2,');
  });

  it('writes an entry set through setValue', () => {
    assert.equal(output('#set($m = {"a": 1})#foreach($e in $m.entrySet())$util.qr($e.setValue(5))#end$m'), '{a=5}');
  });

  it('iterates ranges and restores the loop variable afterwards', () => {
    assert.equal(output('#set($i = "outer")#foreach($i in [1..3])$i#end $i #foreach($i in [2..0])$i#end'), '123 outer 210');
  });

  it('does not loop over null or a string', () => {
    assert.equal(output('#foreach($x in $missing)x#end#set($s = "abc")#foreach($x in $s)x#end.'), '.');
  });
});

describe('expressions', () => {
  it('divides integers as integers and decimals as decimals', () => {
    assert.equal(output('#set($a = 7 / 2)#set($b = 7.5 / 2)#set($c = 7 % 3)#set($d = -7 / 2)$a $b $c $d'), '3 3.75 1 -3');
  });

  it('yields null for division by zero, so #set keeps the old value', () => {
    assert.equal(output('#set($a = 1)#set($a = 5 / 0)$a'), '1');
  });

  it('concatenates with + when a side is a string, writing a null side as its reference', () => {
    assert.equal(output('#set($s = "a" + 1)#set($t = "x" + $missing)$s $t'), 'a1 x$missing');
  });

  it('compares as Velocity 1.7: numbers by value, different classes by toString, null only to null', () => {
    assert.equal(output('#if(1 == 1.0)a#end#if("1" == 1)b#end#if($missing == $alsoMissing)c#end#if($missing == "x")d#end#if("a" != "b")e#end'), 'abce');
    assert.equal(output('#if("b" > "a")x#else y#end'), ' y');
  });

  it('treats only null and false as false', () => {
    assert.equal(output('#if("")a#end#if(0)b#end#if([])c#end#if($missing)d#end#if(false)e#end#if(!$missing)f#end'), 'abcf');
  });

  it('evaluates && and || lazily', () => {
    assert.equal(output('#if(false && $util.error("x"))a#else b#end'), ' b');
  });
});

describe('macros', () => {
  it('calls a macro defined later in the template, with its arguments', () => {
    assert.equal(output('#greet("Ann")\n#macro(greet $name)Hi $name#end'), 'Hi Ann');
  });
});

describe('failures', () => {
  it('ends the template with a MappingTemplate error when a Java method throws, never throwing itself', () => {
    const result = render('a#set($l = [1])$l.get(4)b');
    assert.equal(result.output, 'a');
    assert.deepEqual(result.error, { message: 'java.lang.IndexOutOfBoundsException: Index 4 out of bounds for length 1', errorType: 'MappingTemplate' });
    assert.equal(render('$util.parseJson("{")').error?.errorType, 'MappingTemplate');
  });
});

describe('parseMappingOutput', () => {
  it('reads the JSON a template printed', () => {
    assert.deepEqual(parseMappingOutput(' {"version": "2018-05-29", "payload": {}}\n'), { version: '2018-05-29', payload: {} });
  });

  it('refuses what is not JSON with AppSync wording', () => {
    assert.throws(() => parseMappingOutput('{"a": 1} x'), { message: 'Trailing characters at the end of the JSON string are not allowed.' });
    assert.throws(() => parseMappingOutput('{"a": }'), /^Error: Unable to parse the JSON document: '/);
    assert.throws(() => parseMappingOutput('  \n'), /Unable to parse the JSON document/);
  });
});

describe('maps keyed __proto__', () => {
  it('stay plain maps with an own __proto__ entry', () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>;
    assert.equal(output('#set($m = {})$util.qr($m.putAll($ctx.args.input))$util.qr($m.put("__proto__", "x"))$m.keySet() $util.isMap($m) $m.polluted', { args: { input } }), '[__proto__, a] true $m.polluted');
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  });
});

describe('map literals', () => {
  it('interpolate references in their keys', () => {
    assert.equal(output('#set($k = "key")#set($m = {"$k": 1, "plain": 2})$m'), '{key=1, plain=2}');
  });
});
