import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ResolverCodeError } from './control-flow';
import { loadResolverCode } from './load-code';
import { toSubscriptionFilter } from './subscription-filter';
import { runResolver, type DataSourceCall, type JsFunction, type ResolverInput } from './run-resolver';

const logLines: string[] = [];
const load = (code: string, name = 'test-code') => loadResolverCode(code, name, (line) => logLines.push(line));

const passThrough = load(`
export function request(ctx) { ctx.stash.path = ['before']; return { started: true }; }
export function response(ctx) { return { last: ctx.prev.result, path: ctx.stash.path }; }
`);

// The NONE data source hands the request's payload back as the result.
const noneDataSource: DataSourceCall = (request) => ({ result: (request as { payload?: unknown }).payload ?? null });

function fn(name: string, code: string, callDataSource: DataSourceCall = noneDataSource): JsFunction {
  return { name, code: load(code, name), callDataSource };
}

const frozenNow = new Date('2026-03-04T05:06:07.089Z');

function input(overrides: Partial<ResolverInput> = {}): ResolverInput {
  return {
    arguments: { id: 'exam-1' },
    source: null,
    identity: { sub: 'sub-1', username: 'sub-1', claims: {}, issuer: 'http://127.0.0.1/pool', sourceIp: ['127.0.0.1'], defaultAuthStrategy: 'ALLOW', groups: null },
    info: { fieldName: 'addThing', parentTypeName: 'Mutation', variables: {}, selectionSetList: ['id'], selectionSetGraphQL: '{ id }' },
    request: { headers: {}, domainName: null },
    env: {},
    now: () => frozenNow,
    authType: 'User Pool Authorization',
    ...overrides,
  };
}

const pipeline = (...functions: JsFunction[]) => ({ typeName: 'Mutation', fieldName: 'addThing', kind: 'PIPELINE' as const, code: passThrough, functions });

describe('a pipeline resolver, as AppSync runs it', () => {
  test('each function sees the arguments, the shared stash and the previous result; the data source result reaches its response', () => {
    const outcome = runResolver(
      pipeline(
        fn('first', `export function request(ctx) { ctx.stash.path.push('first'); return { payload: { seen: ctx.prev.result, id: ctx.args.id } }; }
                     export function response(ctx) { return ctx.result; }`),
        fn('second', `export function request(ctx) { ctx.stash.path.push('second'); return { payload: ctx.prev.result.id + '!' }; }
                      export function response(ctx) { return ctx.result; }`),
      ),
      input(),
    );
    assert.deepEqual(outcome.value, { last: 'exam-1!', path: ['before', 'first', 'second'] });
    assert.deepEqual(outcome.errors, []);
  });

  test('runtime.earlyReturn in a function request skips its data source and response; skipTo END skips the rest', () => {
    const calls: unknown[] = [];
    const counting: DataSourceCall = (request) => {
      calls.push(request);
      return { result: 'from data source' };
    };
    const early = fn('early', `import { runtime } from '@aws-appsync/utils';
      export function request(ctx) { runtime.earlyReturn('skipped'); }
      export function response() { return 'never'; }`, counting);
    const seesPrev = fn('sees-prev', `export function request(ctx) { return { payload: 'after ' + ctx.prev.result }; }
      export function response(ctx) { return ctx.result; }`);
    assert.deepEqual(runResolver(pipeline(early, seesPrev), input()).value, { last: 'after skipped', path: ['before'] });
    assert.deepEqual(calls, []);

    const toEnd = fn('to-end', `import { runtime } from '@aws-appsync/utils';
      export function request() { runtime.earlyReturn({ done: true }, { skipTo: 'END' }); }
      export function response() { return 'never'; }`);
    assert.deepEqual(runResolver(pipeline(toEnd, seesPrev), input()).value, { last: { done: true }, path: ['before'] });
  });

  test('util.error stops the resolver: the field is null and the error keeps its type, data and info', () => {
    const outcome = runResolver(
      pipeline(
        fn('refuse', `import { util } from '@aws-appsync/utils';
          export function request(ctx) { util.error('Exam exam-1 is not yours', 'Unauthorized', { examId: ctx.args.id }, { hint: 'ask' }); }
          export function response() { return 'never'; }`),
        fn('not-reached', `export function request() { throw new Error('reached'); } export function response() {}`),
      ),
      input(),
    );
    assert.equal(outcome.value, null);
    assert.deepEqual(outcome.errors, [{ message: 'Exam exam-1 is not yours', errorType: 'Unauthorized', data: { examId: 'exam-1' }, errorInfo: { hint: 'ask' } }]);
  });

  test('util.unauthorized names the field and its type as AppSync does', () => {
    const outcome = runResolver(pipeline(fn('deny', `import { util } from '@aws-appsync/utils'; export function request() { util.unauthorized(); } export function response() {}`)), input());
    assert.deepEqual(outcome.errors.map(({ message, errorType }) => ({ message, errorType })), [{ message: 'Not Authorized to access addThing on type Mutation', errorType: 'Unauthorized' }]);
  });

  test('util.appendError keeps going: the value and the error both come back', () => {
    const outcome = runResolver(
      pipeline(fn('warn', `import { util } from '@aws-appsync/utils';
        export function request() { util.appendError('partly done', 'Partial'); return { payload: 7 }; }
        export function response(ctx) { return ctx.result; }`)),
      input(),
    );
    assert.deepEqual(outcome.value, { last: 7, path: ['before'] });
    assert.deepEqual(outcome.errors.map((error) => error.errorType), ['Partial']);
  });

  test('a data source error is in ctx.error for the response handler to raise or ignore', () => {
    const failing: DataSourceCall = () => ({ result: null, error: { message: 'The conditional request failed', type: 'DynamoDB:ConditionalCheckFailedException' } });
    const raises = fn('raises', `import { util } from '@aws-appsync/utils';
      export function request() { return {}; }
      export function response(ctx) { if (ctx.error) util.error(ctx.error.message, ctx.error.type); return ctx.result; }`, failing);
    assert.deepEqual(runResolver(pipeline(raises), input()).errors.map((e) => e.errorType), ['DynamoDB:ConditionalCheckFailedException']);
    const ignores = fn('ignores', `export function request() { return {}; } export function response(ctx) { return ctx.result; }`, failing);
    assert.deepEqual(runResolver(pipeline(ignores), input()).errors, []);
  });
});

describe('util, as the APPSYNC_JS runtime provides it', () => {
  const evaluate = (body: string, overrides: Partial<ResolverInput> = {}) =>
    runResolver(
      {
        typeName: 'Query',
        fieldName: 'probe',
        kind: 'UNIT',
        code: load(`import { util } from '@aws-appsync/utils'; export function request(ctx) { return { payload: (${body}) }; } export function response(ctx) { return ctx.result; }`),
        functions: [],
      },
      input(overrides),
    ).value;

  test('ids: autoId is a UUID v4, autoUlid a 26-character ULID, autoKsuid 27 characters', () => {
    assert.match(String(evaluate('util.autoId()')), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.match(String(evaluate('util.autoUlid()')), /^[0-9A-HJKMNP-TV-Z]{26}$/);
    assert.match(String(evaluate('util.autoKsuid()')), /^[0-9A-Za-z]{27}$/);
  });

  test('time follows the backend clock and Java-style patterns', () => {
    assert.equal(evaluate('util.time.nowISO8601()'), '2026-03-04T05:06:07.089Z');
    assert.equal(evaluate('util.time.nowEpochSeconds()'), Math.floor(frozenNow.getTime() / 1000));
    assert.equal(evaluate('util.time.nowFormatted("yyyy-MM-dd HH:mm:ssZ")'), '2026-03-04 05:06:07+0000');
    assert.equal(evaluate('util.time.nowFormatted("dd MMM yyyy HH:mm", "Europe/Paris")'), '04 Mar 2026 06:06');
    assert.equal(evaluate('util.time.epochMilliSecondsToISO8601(0)'), '1970-01-01T00:00:00.000Z');
    assert.equal(evaluate('util.time.parseFormattedToEpochMilliSeconds("2026-03-04 06:06", "yyyy-MM-dd HH:mm", "Europe/Paris")'), Date.parse('2026-03-04T05:06:00Z'));
  });

  test('dynamodb typing helpers', () => {
    assert.deepEqual(evaluate('util.dynamodb.toMapValues({ id: "x", n: 3, ok: true, none: null, list: [1, "a"], map: { k: "v" } })'), {
      id: { S: 'x' },
      n: { N: '3' },
      ok: { BOOL: true },
      none: { NULL: true },
      list: { L: [{ N: '1' }, { S: 'a' }] },
      map: { M: { k: { S: 'v' } } },
    });
    assert.deepEqual(evaluate('util.dynamodb.toStringSet(["a", "b"])'), { SS: ['a', 'b'] });
    assert.equal(evaluate('util.dynamodb.toString(null)'), null);
  });

  test('authType and the rest of the surface', () => {
    assert.equal(evaluate('util.authType()', { authType: 'IAM Authorization' }), 'IAM Authorization');
    assert.equal(evaluate('util.base64Decode(util.base64Encode("héllo"))'), 'héllo');
    assert.equal(evaluate('util.matches("a*b", "aaab")'), true);
    assert.equal(evaluate('util.urlEncode("a b&c")'), 'a+b%26c');
    assert.deepEqual(evaluate('JSON.parse(util.transform.toDynamoDBFilterExpression({ grade: { beginsWith: "A" } }))'), {
      expression: '(begins_with(#grade, :grade_beginsWith_0))',
      expressionNames: { '#grade': 'grade' },
      expressionValues: { ':grade_beginsWith_0': { S: 'A' } },
    });
  });
});

describe('subscription filters', () => {
  const subscribe = (body: string) =>
    runResolver(
      {
        typeName: 'Subscription',
        fieldName: 'onCreateNote',
        kind: 'UNIT',
        code: load(`import { util, extensions } from '@aws-appsync/utils';
          export function request(ctx) { return { payload: null }; }
          export function response(ctx) { ${body} return null; }`),
        functions: [],
      },
      input({ info: { fieldName: 'onCreateNote', parentTypeName: 'Subscription', variables: {}, selectionSetList: ['id'], selectionSetGraphQL: '{ id }' } }),
    );

  test('util.transform.toSubscriptionFilter gives the filter groups setSubscriptionFilter takes, as VTL does', () => {
    const filter = { title: { beginsWith: 'Ma' }, or: [{ owner: { eq: 'sub-1' } }, { likes: { gt: 3 } }], id: { eq: 'n1' } };
    const rules = { public: { eq: true } };
    const outcome = subscribe(`extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter(${JSON.stringify(filter)}, ['id'], ${JSON.stringify(rules)}));`);
    const expected = {
      filterGroup: [
        {
          filters: [
            { fieldName: 'title', operator: 'beginsWith', value: 'Ma' },
            { fieldName: 'owner', operator: 'eq', value: 'sub-1' },
            { fieldName: 'public', operator: 'eq', value: true },
          ],
        },
        {
          filters: [
            { fieldName: 'title', operator: 'beginsWith', value: 'Ma' },
            { fieldName: 'likes', operator: 'gt', value: 3 },
            { fieldName: 'public', operator: 'eq', value: true },
          ],
        },
      ],
    };
    assert.deepEqual(outcome.errors, []);
    assert.deepEqual(JSON.parse(JSON.stringify(outcome.subscriptionFilters)), [expected]);
    // The function $util.transform.toSubscriptionFilter runs in appsync-vtl.
    assert.deepEqual(toSubscriptionFilter(filter, ['id'], rules), expected);
  });

  test('a filter with nothing left to compare is null, and an unsupported operator fails the handler', () => {
    assert.deepEqual(subscribe(`extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter({ id: { eq: 'n1' } }, ['id']));`).subscriptionFilters, [null]);
    assert.throws(() => subscribe(`util.transform.toSubscriptionFilter({ title: { like: 'x' } });`), /Unsupported subscription filter operator "like" on title/);
  });
});

describe('code AppSync would not run', () => {
  test('imports other than @aws-appsync/utils are refused, with a sentence', () => {
    assert.throws(() => load(`import lodash from 'lodash'; export function request() {}`, 'uses-lodash'), (error: unknown) => {
      assert.ok(error instanceof ResolverCodeError);
      assert.match(error.message, /uses-lodash imports "lodash"/);
      return true;
    });
  });

  test('what the APPSYNC_JS runtime does not support is refused before it runs', () => {
    assert.throws(() => load(`export function request() { try { return {}; } catch (e) { return {}; } }`, 'uses-try'), /The code of uses-try contains one or more errors: .*Try statements are not supported/i);
    assert.throws(() => load(`export function request(ctx) { return { ok: /x/.test(ctx.args.id) }; }`, 'uses-regex'), /uses-regex contains one or more errors/);
    assert.throws(() => load(`export function request(ctx) { let i = 0; i++; return {}; }`, 'uses-increment'), /uses-increment contains one or more errors/);
  });

  test('a syntax error names the code and the line', () => {
    assert.throws(() => load('export function request( {', 'broken'), /The code of broken contains one or more errors: .*line 1/);
  });
});
