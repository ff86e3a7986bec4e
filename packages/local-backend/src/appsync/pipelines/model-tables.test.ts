import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, beforeEach, describe, test } from 'node:test';
import { openDatabase } from '../../shared/database';
import { createItemStore } from './item-store';
import { createPageTokens } from './page-token';
import { createDynamoDbDataSource } from '@exam-results/appsync-js';
import { createModelTables } from './model-tables';

const dir = mkdtempSync(join(tmpdir(), 'dynamodb-data-source-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const S = (s: string) => ({ S: s });
const N = (n: number) => ({ N: String(n) });

function setup(name: string) {
  const db = openDatabase(join(dir, name));
  const store = createItemStore(db, new Map([['Result', [['examId']]]]));
  const tokens = createPageTokens(db);
  const tables = createModelTables(db, store, [
    {
      model: 'Result',
      dataSources: ['ResultTable'],
      definition: { tableName: 'Result-api-NONE', partitionKey: 'id', indexes: new Map([['gsi-Exam.results', { partitionKey: 'examId' }]]) },
    },
    { model: 'Seat', dataSources: ['SeatTable'], definition: { tableName: 'Seat-api-NONE', partitionKey: 'room', sortKey: 'seat', indexes: new Map() } },
  ]);
  const cursors = {
    encode: (source: string, lastKey: Record<string, unknown>) => tokens.encode(source, JSON.stringify(lastKey)),
    decode: (source: string, token: string) => JSON.parse(tokens.decode(source, token)) as Record<string, unknown>,
  };
  const dataSource = createDynamoDbDataSource(tables, cursors);
  return { db, store, run: (ds: string, request: unknown) => dataSource.execute(ds, request) };
}

describe('a DynamoDB data source over the local tables', () => {
  let t: ReturnType<typeof setup>;
  let n = 0;
  beforeEach(() => {
    t = setup(`db-${n++}`);
  });

  test('PutItem, GetItem, UpdateItem and DeleteItem on the items the model resolvers store', () => {
    const put = t.run('ResultTable', { operation: 'PutItem', key: { id: S('r1') }, attributeValues: { examId: S('e1'), grade: S('B'), score: N(12) } });
    assert.deepEqual(put, { result: { id: 'r1', examId: 'e1', grade: 'B', score: 12 } });
    assert.deepEqual(t.store.get('Result', ['r1']), { id: 'r1', examId: 'e1', grade: 'B', score: 12 }, 'stored as plain JSON, like a model resolver write');

    assert.deepEqual(t.run('ResultTable', { operation: 'GetItem', key: { id: S('r1') }, projection: { expression: '#g', expressionNames: { '#g': 'grade' } } }), { result: { grade: 'B' } });
    assert.deepEqual(t.run('ResultTable', { operation: 'GetItem', key: { id: S('nope') } }), { result: null });

    const updated = t.run('ResultTable', {
      operation: 'UpdateItem',
      key: { id: S('r1') },
      update: { expression: 'SET score = score + :one REMOVE grade', expressionValues: { ':one': N(1) } },
    });
    assert.deepEqual(updated, { result: { id: 'r1', examId: 'e1', score: 13 } });

    assert.deepEqual(t.run('ResultTable', { operation: 'DeleteItem', key: { id: S('r1') } }), { result: { id: 'r1', examId: 'e1', score: 13 } });
    assert.equal(t.store.get('Result', ['r1']), undefined);
  });

  test('a failed condition is DynamoDB:ConditionalCheckFailedException with the current item, unless the item already is what was asked', () => {
    t.run('ResultTable', { operation: 'PutItem', key: { id: S('r1') }, attributeValues: { examId: S('e1') } });
    const condition = { expression: 'attribute_not_exists(id)' };
    const refused = t.run('ResultTable', { operation: 'PutItem', key: { id: S('r1') }, attributeValues: { examId: S('e2') }, condition });
    assert.equal(refused.error?.type, 'DynamoDB:ConditionalCheckFailedException');
    assert.match(refused.error?.message ?? '', /^The conditional request failed \(Service: DynamoDb, Status Code: 400, Request ID: [A-Z0-9]{52}\)$/);
    assert.deepEqual(refused.result, { id: 'r1', examId: 'e1' });
    assert.deepEqual(t.store.get('Result', ['r1']), { id: 'r1', examId: 'e1' }, 'nothing written');
    // AppSync treats a write whose outcome already holds as a success (a retried request).
    assert.deepEqual(t.run('ResultTable', { operation: 'PutItem', key: { id: S('r1') }, attributeValues: { examId: S('e1') }, condition }), { result: { id: 'r1', examId: 'e1' } });
  });

  test('requests DynamoDB refuses: wrong key, empty key string, unknown operation, key attributes in an update', () => {
    assert.match(t.run('ResultTable', { operation: 'GetItem', key: { other: S('x') } }).error?.message ?? '', /^The provided key element does not match the schema \(Service: DynamoDb/);
    assert.match(t.run('ResultTable', { operation: 'PutItem', key: { id: S('') } }).error?.message ?? '', /cannot contain an empty string value. Key: id/);
    assert.match(t.run('ResultTable', { operation: 'Frobnicate' }).error?.message ?? '', /Unsupported operation 'Frobnicate'/);
    assert.match(t.run('ResultTable', { operation: 'PutItem', key: { id: S('big') }, attributeValues: { blob: S('x'.repeat(400 * 1024)) } }).error?.message ?? '', /Item size has exceeded the maximum allowed size/);
    const keyUpdate = t.run('ResultTable', { operation: 'UpdateItem', key: { id: S('r1') }, update: { expression: 'SET id = :v', expressionValues: { ':v': S('x') } } });
    assert.match(keyUpdate.error?.message ?? '', /Cannot update attribute id. This attribute is part of the key/);
  });

  test('Query on a secondary index, with a filter applied after the limit, and pages that resume', () => {
    for (const [id, examId, grade] of [['a', 'e1', 'A'], ['b', 'e1', 'C'], ['c', 'e2', 'A'], ['d', 'e1', 'A']]) {
      t.run('ResultTable', { operation: 'PutItem', key: { id: S(id as string) }, attributeValues: { examId: S(examId as string), grade: S(grade as string) } });
    }
    const query = { expression: '#e = :e', expressionNames: { '#e': 'examId' }, expressionValues: { ':e': S('e1') } };
    const all = t.run('ResultTable', { operation: 'Query', index: 'gsi-Exam.results', query }).result as { items: { id: string }[]; nextToken: string | null };
    assert.deepEqual(all.items.map((item) => item.id).sort(), ['a', 'b', 'd']);
    assert.equal(all.nextToken, null);

    const filter = { expression: 'grade = :a', expressionValues: { ':a': S('A') } };
    const first = t.run('ResultTable', { operation: 'Query', index: 'gsi-Exam.results', query, filter, limit: 2 }).result as { items: { id: string }[]; nextToken: string; scannedCount: number };
    assert.equal(first.scannedCount, 2, 'the limit counts items read, before the filter');
    const second = t.run('ResultTable', { operation: 'Query', index: 'gsi-Exam.results', query, filter, limit: 2, nextToken: first.nextToken }).result as { items: { id: string }[]; nextToken: string | null };
    assert.deepEqual([...first.items, ...second.items].map((item) => item.id).sort(), ['a', 'd']);
    assert.equal(second.nextToken, null);

    const forged = t.run('ResultTable', { operation: 'Query', index: 'gsi-Exam.results', query, nextToken: Buffer.from('{"version":1}').toString('base64') });
    assert.equal(forged.error?.type, 'DynamoDB:UserIllegalArgumentException');
    assert.match(t.run('ResultTable', { operation: 'Query', index: 'no-such-index', query }).error?.message ?? '', /does not have the specified index/);
  });

  test('Query on a table with a sort key: sort-key conditions and order, either direction', () => {
    for (const seat of [3, 11, 1, 2]) t.run('SeatTable', { operation: 'PutItem', key: { room: S('A1'), seat: N(seat) }, attributeValues: {} });
    t.run('SeatTable', { operation: 'PutItem', key: { room: S('B2'), seat: N(5) }, attributeValues: {} });
    const seats = (extra: Record<string, unknown>, keyCondition = 'room = :r', values: Record<string, unknown> = {}) =>
      (t.run('SeatTable', { operation: 'Query', query: { expression: keyCondition, expressionValues: { ':r': S('A1'), ...values } }, ...extra }).result as { items: { seat: number }[] }).items.map((item) => item.seat);
    assert.deepEqual(seats({}), [1, 2, 3, 11], 'numbers in numeric order');
    assert.deepEqual(seats({ scanIndexForward: false }), [11, 3, 2, 1]);
    assert.deepEqual(seats({}, 'room = :r AND seat BETWEEN :lo AND :hi', { ':lo': N(2), ':hi': N(3) }), [2, 3]);
    assert.match(t.run('SeatTable', { operation: 'Query', query: { expression: 'seat = :s', expressionValues: { ':s': N(1) } } }).error?.message ?? '', /missed key schema element: room/);
  });

  test('Scan pages through every item', () => {
    for (const id of ['a', 'b', 'c', 'd', 'e']) t.run('ResultTable', { operation: 'PutItem', key: { id: S(id) }, attributeValues: { examId: S('e') } });
    const seen: string[] = [];
    let nextToken: string | null = null;
    do {
      const page = t.run('ResultTable', { operation: 'Scan', limit: 2, ...(nextToken ? { nextToken } : {}) }).result as { items: { id: string }[]; nextToken: string | null };
      seen.push(...page.items.map((item) => item.id));
      nextToken = page.nextToken;
    } while (nextToken);
    assert.deepEqual(seen.sort(), ['a', 'b', 'c', 'd', 'e']);
  });

  test('TransactWriteItems writes all or nothing, with cancellation reasons', () => {
    t.run('ResultTable', { operation: 'PutItem', key: { id: S('taken') }, attributeValues: { examId: S('e') } });
    const cancelled = t.run('ResultTable', {
      operation: 'TransactWriteItems',
      transactItems: [
        { table: 'Result-api-NONE', operation: 'PutItem', key: { id: S('new') }, attributeValues: { examId: S('e') } },
        { table: 'Result-api-NONE', operation: 'PutItem', key: { id: S('taken') }, attributeValues: {}, condition: { expression: 'attribute_not_exists(id)' } },
      ],
    });
    assert.equal(cancelled.error?.type, 'DynamoDB:TransactionCanceledException');
    assert.deepEqual((cancelled.result as { cancellationReasons: { type: string }[] }).cancellationReasons.map((reason) => reason.type), ['None', 'ConditionalCheckFailed']);
    assert.equal(t.store.get('Result', ['new']), undefined, 'the first write was rolled back');

    const done = t.run('ResultTable', {
      operation: 'TransactWriteItems',
      transactItems: [
        { table: 'Result-api-NONE', operation: 'PutItem', key: { id: S('new') }, attributeValues: { examId: S('e') } },
        { table: 'Result-api-NONE', operation: 'DeleteItem', key: { id: S('taken') } },
      ],
    });
    assert.deepEqual(done, { result: { keys: [{ id: 'new' }, { id: 'taken' }], cancellationReasons: null } });
    assert.equal(t.store.get('Result', ['taken']), undefined);
  });

  test('batch operations address tables by name; an unknown table is ResourceNotFoundException', () => {
    const put = t.run('ResultTable', { operation: 'BatchPutItem', tables: { 'Result-api-NONE': [{ id: S('x'), examId: S('e') }, { id: S('y'), examId: S('e') }] } });
    assert.equal(put.error, undefined);
    const got = t.run('ResultTable', { operation: 'BatchGetItem', tables: { 'Result-api-NONE': { keys: [{ id: S('x') }, { id: S('gone') }] } } }).result as { data: Record<string, unknown[]> };
    assert.deepEqual(got.data['Result-api-NONE'], [{ id: 'x', examId: 'e' }, null]);
    t.run('ResultTable', { operation: 'BatchDeleteItem', tables: { 'Result-api-NONE': [{ id: S('x') }] } });
    assert.equal(t.store.get('Result', ['x']), undefined);
    assert.equal(t.run('ResultTable', { operation: 'BatchGetItem', tables: { Nope: { keys: [] } } }).error?.type, 'DynamoDB:ResourceNotFoundException');
  });
});
