import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rewriteSource } from './rewrite-source';
import { output, render } from './test-context';

describe('rewriteSource', () => {
  it('leaves text, comments and escapes outside code alone', () => {
    const text = `{"a": '', "b": "it''s"} ## don''t #return\n#* it''s *# \\#return #[[ #return '' ]]# $5 50$`;
    assert.equal(rewriteSource(text), text);
  });

  it('keeps every line where it was', () => {
    const text = `#set($a = 'x''y')\n#return\n#set($l = [true])\n$a.concat('''')`;
    assert.equal(rewriteSource(text).split('\n').length, text.split('\n').length);
  });

  it('rewrites quotes inside arguments of references, directives and indexes', () => {
    assert.equal(output(`#set($m = {"it's": 1})$m.get('it''s') $m['it''s'] #if('a''b' == "a'b")same#end`), '1 1 same');
  });

  it('does not take #return inside a longer name or followed by arguments as bare', () => {
    assert.equal(output('#macro(returned)r#end#returned() #set($x = 1)'), 'r ');
    assert.deepEqual(render('#set($x = 2)#return ($x)').returned, { value: 2 });
  });

  it("reads Velocity's operator words as names in code, as Velocity does (the transformer's $ctx.args.score.eq)", () => {
    const score = { eq: 1, ne: 2, lt: 3, le: 4, gt: 5, ge: 6, and: 7, or: 8, not: 9, in: 10, null: 11, true: 12, false: 13 };
    const names = Object.keys(score);
    const read = names.map((name) => `$s.${name}`).join(', ');
    assert.equal(output(`#set($s = $ctx.args.score)#set($l = [${read}])$l`, { args: { score } }), `[${Object.values(score).join(', ')}]`);
    assert.equal(output('#if(!$util.isNull($ctx.args.score.eq) && $ctx.args.score.lt < 4)yes#end', { args: { score } }), 'yes');
    assert.equal(output('$util.toJson({"v": ${ctx.args.score.ge}, "w": $!{ctx.args.score.or}})', { args: { score } }), '{"v":6,"w":8}');
    assert.equal(output('#set($eq = 1)#foreach($in in [2])#set($eq = $eq + $in)#end$eq #macro(m $and)[$and]#end#m($ctx.args.score.in)', { args: { score } }), '3 [10]');
    assert.equal(output('#set($m = {"eq": 1})$m.get("eq") $m.equals($m) $m.eq-x'), '1 true $m.eq-x');
  });

  it('prints a reference it cannot resolve as the template wrote it, in code and in strings', () => {
    assert.equal(output('#set($a = "$nope.eq and #sortKey = :sortKey")$a $util.toJson("${nope.in}")'), '$nope.eq and #sortKey = :sortKey "${nope.in}"');
    assert.equal(output('#set($s = "x")\n#set($a = "${s}: $missing, $s.lt, $util.toJson($s.lt)")$a'), 'x: $missing, $s.lt, null');
  });

  it('names the operator word as written in a parse error', () => {
    assert.throws(() => render('#if($ctx.args.eq'), (error: Error) => error.message.includes('args.eq') && !error.message.includes('vtl__'));
  });
});
