import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileTemplate } from '../compile-template';
import { environment, output, render, templateContext } from '../test-context';

describe('$util errors', () => {
  it('stops at $util.error with its message, type, data and errorInfo', () => {
    const result = render('a$util.error("Bad", "BadType", {"x": 1}, {"y": [2]})b');
    assert.equal(result.output, 'a');
    assert.deepEqual(result.error, { message: 'Bad', errorType: 'BadType', data: { x: 1 }, errorInfo: { y: [2] } });
  });

  it('collects $util.appendError and goes on', () => {
    const result = render('$util.appendError("one")$util.appendError("two", "T")done');
    assert.equal(result.output, 'done');
    assert.equal(result.error, undefined);
    assert.deepEqual(result.appendedErrors, [{ message: 'one' }, { message: 'two', errorType: 'T' }]);
  });

  it('answers $util.unauthorized with the field and type', () => {
    const info = { fieldName: 'createExam', parentTypeName: 'Mutation', variables: {}, selectionSetList: [], selectionSetGraphQL: '' };
    assert.deepEqual(render('$util.unauthorized()', { info }).error, { message: 'Not Authorized to access createExam on type Mutation', errorType: 'Unauthorized' });
  });

  it('fails $util.validate only when the condition is false', () => {
    assert.equal(render('$util.validate(true, "no")ok').output, 'ok');
    assert.deepEqual(render('$util.validate(false, "no")ok').error, { message: 'no', errorType: 'CustomTemplateException' });
    assert.deepEqual(render('$util.validate(false, "no", "Mine")').error, { message: 'no', errorType: 'Mine' });
  });
});

describe('$util checks and defaults', () => {
  it('tells null, empty and blank apart', () => {
    assert.equal(output('$util.isNull($missing) $util.isNull("") $util.isNullOrEmpty("") $util.isNullOrEmpty(" ") $util.isNullOrBlank(" ") $util.isNullOrBlank("x")'), 'true false true false true false');
    assert.equal(output('$util.defaultIfNull($missing, "d") $util.defaultIfNull("v", "d") $util.defaultIfNullOrEmpty("", "d") $util.defaultIfNullOrBlank("  ", "d") $util.defaultIfNullOrBlank("v", "d")'), 'd v d d v');
  });

  it('tells types', () => {
    assert.equal(output('$util.isString("a") $util.isNumber(1) $util.isBoolean(false) $util.isList([]) $util.isMap({}) $util.isMap([])'), 'true true true true true false');
    assert.equal(output('$util.typeOf($missing) $util.typeOf(1) $util.typeOf("a") $util.typeOf({}) $util.typeOf([]) $util.typeOf(true)'), 'Null Number String Map List Boolean');
  });

  it('matches a whole string against a Java pattern', () => {
    assert.equal(output('$util.matches("a+b", "aab") $util.matches("a+", "aab")'), 'true false');
  });

  it('answers the authorization type of the request', () => {
    assert.equal(render('$util.authType()', {}, 'IAM Authorization').output, 'IAM Authorization');
  });
});

describe('$util JSON and encodings', () => {
  it('writes and reads JSON', () => {
    assert.equal(output('$util.toJson({"a": [1, "x", true, $missing], "b": {}})'), '{"a":[1,"x",true,null],"b":{}}');
    assert.equal(output('#set($o = $util.parseJson("{\\"a\\": [1, 2]}"))$o.a.size() $o'), '2 {a=[1, 2]}');
    // An owner claim as the generated rules pass it: no JSON document, so not a list.
    assert.equal(output('#set($c = "6f02::ada")$util.isList($util.parseJson($c)) $util.parseJson($c)'), 'false 6f02::ada');
    assert.equal(output('$util.toJson("s") $util.toJson($missing)'), '"s" null');
  });

  it('encodes as Java and Commons Lang do', () => {
    assert.equal(output('$util.urlEncode("a b&c=d/é*~")'), 'a+b%26c%3Dd%2F%C3%A9*%7E');
    assert.equal(output('$util.urlDecode("a+b%26c")'), 'a b&c');
    assert.equal(output('$util.base64Encode("hi there") $util.base64Decode("aGkgdGhlcmU=")'), 'aGkgdGhlcmU= hi there');
    assert.equal(output(`$util.escapeJavaScript("it's \\"q\\" / é")`), `it\\'s \\"q\\" \\/ \\u00E9`);
  });

  it('prints nothing for $util.qr and $util.quiet', () => {
    assert.equal(output('[$util.qr(1)][$util.quiet("x")]'), '[][]');
  });
});

describe('$util ids', () => {
  it('makes UUIDs, ULIDs and KSUIDs', () => {
    const [uuid, ulid, ksuid] = output('$util.autoId() $util.autoUlid() $util.autoKsuid()').split(' ');
    assert.match(uuid ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.match(ulid ?? '', /^[0-9A-HJKMNP-TV-Z]{26}$/);
    assert.match(ksuid ?? '', /^[0-9A-Za-z]{27}$/);
    assert.notEqual(output('$util.autoId()'), output('$util.autoId()'));
  });
});

describe('$util.log', () => {
  it('hands log lines to the environment', () => {
    const lines: string[] = [];
    compileTemplate('$util.log.info("a", 1)$util.log.error("b")', 't').render(templateContext(), environment('User Pool Authorization', (line) => lines.push(line)));
    assert.deepEqual(lines, ['INFO a 1', 'ERROR b']);
  });
});
