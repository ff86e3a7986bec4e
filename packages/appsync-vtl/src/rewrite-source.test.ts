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
});
