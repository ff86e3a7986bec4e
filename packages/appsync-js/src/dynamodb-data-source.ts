import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import {
  fromAttributeMap,
  InvalidAttributeValueError,
  parseAttributeMap,
  toAttributeMap,
  type AttributeMap,
  type AttributeValue,
} from './attribute-value';
import { compareUtf8, compareValues } from './comparison';
import { applyUpdate, evaluateCondition, project } from './expression-evaluator';
import { parseCondition, parseProjection, parseUpdate, Substitutions, ValidationError, type Condition, type Path } from './expression-parser';

/**
 * An AppSync DynamoDB data source: runs the request objects APPSYNC_JS handlers return
 * (GetItem, PutItem, UpdateItem, DeleteItem, Query, Scan, the batch and transaction
 * operations) against the local tables, and answers as AppSync hands DynamoDB's answer to
 * the response handler: `result`, or `error` `{ message, type }`.
 */

export interface KeySchema {
  partitionKey: string;
  sortKey?: string | undefined;
}

/** One table, as the synthesized assembly defines it: its key and its secondary indexes. */
export interface TableDefinition extends KeySchema {
  /** The table name AppSync knows it by (batch and transaction requests name tables). */
  tableName: string;
  indexes: ReadonlyMap<string, KeySchema>;
}

type Row = Record<string, unknown>;

/** Where the items of one table live; plain JSON values, as the model resolvers store them. */
export interface TableStorage {
  get(key: Row): Row | undefined;
  /** Every item whose `fields` equal `values` (an index's or the table's partition), in storage order. */
  partition(fields: readonly string[], values: readonly unknown[]): Row[];
  /** Items in storage order after `afterKey` (a key), at most `limit` of them. */
  scan(limit: number, afterKey: Row | undefined): Row[];
  /** Reads the item at `key` and writes what `decide` returns (null deletes) in one transaction. */
  write<T>(key: Row, decide: (current: Row | undefined) => { next: Row | null | undefined; result: T }): T;
  /** Runs `body` as one transaction (TransactWriteItems, batch writes). */
  transaction<T>(body: () => T): T;
}

export interface DataSourceTables {
  byDataSource(name: string): { definition: TableDefinition; storage: TableStorage } | undefined;
  byTableName(name: string): { definition: TableDefinition; storage: TableStorage } | undefined;
}

export interface PageCursors {
  encode(source: string, lastKey: Row): string;
  /** Throws when the token is not one this backend issued for `source`. */
  decode(source: string, token: string): Row;
}

export interface DataSourceAnswer {
  result: unknown;
  error?: { message: string; type: string } | undefined;
}

const maxItemBytes = 400 * 1024;
const defaultScanLimit = 100;
const maxBatchGet = 100;
const maxBatchWrite = 25;
const maxTransactItems = 100;

class DynamoDbFailure extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly current?: Row | null,
  ) {
    super(message);
  }
}

/** DynamoDB's error text as AppSync passes it on: `<message> (Service: DynamoDb, Status Code: 400, Request ID: …)`. */
export function withDynamoDbRequestId(message: string): string {
  // DynamoDB request ids are 52 upper-case letters and digits.
  const requestId = Array.from(randomBytes(52), (byte) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.charAt(byte % 36)).join('');
  return `${message} (Service: DynamoDb, Status Code: 400, Request ID: ${requestId})`;
}

function withRequestId(failure: DynamoDbFailure): string {
  return failure.type.startsWith('DynamoDB:') ? withDynamoDbRequestId(failure.message) : failure.message;
}

function validation(message: string): DynamoDbFailure {
  return new DynamoDbFailure('DynamoDB:DynamoDbException', `One or more parameter values were invalid: ${message}`);
}

function isRecord(value: unknown): value is Row {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function plain(map: AttributeMap): Row {
  return fromAttributeMap(map);
}

function keyFields(schema: KeySchema): string[] {
  return schema.sortKey ? [schema.partitionKey, schema.sortKey] : [schema.partitionKey];
}

function readKey(definition: TableDefinition, raw: unknown): Row {
  let typed: AttributeMap;
  try {
    typed = parseAttributeMap(raw);
  } catch (error) {
    throw validation(error instanceof Error ? error.message : String(error));
  }
  const expected = keyFields(definition);
  const given = Object.keys(typed);
  if (given.length !== expected.length || !expected.every((field) => field in typed)) {
    throw new DynamoDbFailure('DynamoDB:DynamoDbException', 'The provided key element does not match the schema');
  }
  for (const field of expected) {
    const value = typed[field] as AttributeValue;
    if (!('S' in value) && !('N' in value) && !('B' in value)) throw new DynamoDbFailure('DynamoDB:DynamoDbException', 'The provided key element does not match the schema');
    if ('S' in value && value.S === '') {
      throw validation(`The AttributeValue for a key attribute cannot contain an empty string value. Key: ${field}`);
    }
  }
  return plain(typed);
}

function checkSize(item: Row): void {
  if (Buffer.byteLength(JSON.stringify(item)) > maxItemBytes) {
    throw new DynamoDbFailure('DynamoDB:DynamoDbException', 'Item size has exceeded the maximum allowed size');
  }
}

interface ExpressionInput {
  expression?: unknown;
  expressionNames?: unknown;
  expressionValues?: unknown;
}

function stringMap(value: unknown, what: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isRecord(value) || Object.values(value).some((entry) => typeof entry !== 'string')) throw validation(`${what} must map placeholders to names`);
  return value as Record<string, string>;
}

function substitutionsOf(...inputs: (ExpressionInput | undefined)[]): Substitutions {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  for (const input of inputs) {
    if (!input) continue;
    Object.assign(names, stringMap(input.expressionNames, 'expressionNames'));
    if (input.expressionValues !== undefined && input.expressionValues !== null) {
      if (!isRecord(input.expressionValues)) throw validation('expressionValues must map placeholders to typed values');
      Object.assign(values, input.expressionValues);
    }
  }
  return new Substitutions(names, values);
}

function expressionInput(value: unknown, what: string): ExpressionInput | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value) || typeof value['expression'] !== 'string') throw validation(`${what} needs an "expression" string`);
  return value as ExpressionInput;
}

function withValidation<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof ValidationError) throw new DynamoDbFailure('DynamoDB:DynamoDbException', error.message);
    if (error instanceof InvalidAttributeValueError) throw validation(error.message);
    throw error;
  }
}

function typedItem(item: Row | undefined): AttributeMap {
  return item ? toAttributeMap(item) : {};
}

/** AppSync's rule for a failed condition: if the item already is what the write wanted, it succeeded. */
function conditionFailedUnlessAlready(current: Row | undefined, desired: Row | null): { next: undefined; result: Row | null } {
  const already = desired === null ? current === undefined : current !== undefined && isDeepStrictEqual(current, desired);
  if (already) return { next: undefined, result: desired };
  throw new DynamoDbFailure('DynamoDB:ConditionalCheckFailedException', 'The conditional request failed', current ?? null);
}

interface Parsed {
  condition: Condition | undefined;
  projection: Path[] | undefined;
}

function parseConditionAndProjection(substitutions: Substitutions, condition: ExpressionInput | undefined, projection: ExpressionInput | undefined): Parsed {
  return withValidation(() => {
    const parsed = {
      condition: condition ? parseCondition(condition.expression, 'ConditionExpression', substitutions) : undefined,
      projection: projection ? parseProjection(projection.expression, substitutions) : undefined,
    };
    substitutions.assertAllUsed();
    return parsed;
  });
}

function projected(item: Row | undefined, paths: Path[] | undefined): Row | null {
  if (!item) return null;
  return paths ? plain(project(toAttributeMap(item), paths)) : item;
}

/** Sort-key order: DynamoDB's order of values of the key's type (keys of another type, which a table's schema rules out, by their text). */
function compareKeys(a: unknown, b: unknown): number {
  return compareValues(a, b) ?? compareUtf8(String(a), String(b));
}

export function createDynamoDbDataSource(tables: DataSourceTables, cursors: PageCursors) {
  function tableOf(dataSourceName: string) {
    const table = tables.byDataSource(dataSourceName);
    if (!table) throw new Error(`the data source ${dataSourceName} is not a DynamoDB table of this API`);
    return table;
  }

  function namedTable(name: unknown) {
    const table = typeof name === 'string' ? tables.byTableName(name) : undefined;
    if (!table) throw new DynamoDbFailure('DynamoDB:ResourceNotFoundException', `Requested resource not found: Table: ${String(name)} not found`);
    return table;
  }

  function getItem(table: ReturnType<typeof tableOf>, request: Row): unknown {
    const key = readKey(table.definition, request['key']);
    const projection = expressionInput(request['projection'], 'projection');
    const { projection: paths } = parseConditionAndProjection(substitutionsOf(projection), undefined, projection);
    return projected(table.storage.get(key), paths);
  }

  function putItem(table: ReturnType<typeof tableOf>, request: Row): Row | null {
    const key = readKey(table.definition, request['key']);
    let attributes: Row;
    try {
      attributes = plain(parseAttributeMap(request['attributeValues'] ?? {}));
    } catch (error) {
      throw validation(error instanceof Error ? error.message : String(error));
    }
    const item = { ...attributes, ...key };
    checkSize(item);
    const conditionInput = expressionInput(request['condition'], 'condition');
    const { condition } = parseConditionAndProjection(substitutionsOf(conditionInput), conditionInput, undefined);
    return table.storage.write(key, (current) => {
      if (condition && !evaluateCondition(condition, typedItem(current))) return conditionFailedUnlessAlready(current, item);
      return { next: item, result: item };
    });
  }

  function updateItem(table: ReturnType<typeof tableOf>, request: Row): Row | null {
    const key = readKey(table.definition, request['key']);
    const updateInput = expressionInput(request['update'], 'update');
    if (!updateInput) throw validation('UpdateItem needs an "update" expression');
    const conditionInput = expressionInput(request['condition'], 'condition');
    const substitutions = substitutionsOf(updateInput, conditionInput);
    const { actions, condition } = withValidation(() => {
      const parsed = {
        actions: parseUpdate(updateInput.expression, substitutions),
        condition: conditionInput ? parseCondition(conditionInput.expression, 'ConditionExpression', substitutions) : undefined,
      };
      substitutions.assertAllUsed();
      return parsed;
    });
    for (const action of actions) {
      if (action.path.length === 1 && keyFields(table.definition).includes(action.path[0] as string)) {
        throw new DynamoDbFailure('DynamoDB:DynamoDbException', `One or more parameter values were invalid: Cannot update attribute ${action.path[0]}. This attribute is part of the key`);
      }
    }
    return table.storage.write(key, (current) => {
      const before = typedItem(current ?? key);
      const next = plain(withValidation(() => applyUpdate(before, actions)));
      checkSize(next);
      if (condition && !evaluateCondition(condition, typedItem(current))) return conditionFailedUnlessAlready(current, next);
      return { next, result: next };
    });
  }

  function deleteItem(table: ReturnType<typeof tableOf>, request: Row): Row | null {
    const key = readKey(table.definition, request['key']);
    const conditionInput = expressionInput(request['condition'], 'condition');
    const { condition } = parseConditionAndProjection(substitutionsOf(conditionInput), conditionInput, undefined);
    return table.storage.write(key, (current) => {
      if (condition && !evaluateCondition(condition, typedItem(current))) return conditionFailedUnlessAlready(current, null);
      return { next: null, result: current ?? null };
    });
  }

  function readPage(table: ReturnType<typeof tableOf>, request: Row, operation: 'Query' | 'Scan') {
    const indexName = request['index'];
    const schema: KeySchema | undefined = indexName === undefined || indexName === null ? table.definition : table.definition.indexes.get(String(indexName));
    if (!schema) throw validation(`The table does not have the specified index: ${String(indexName)}`);
    const limitValue = request['limit'];
    if (limitValue !== undefined && limitValue !== null && (typeof limitValue !== 'number' || !Number.isInteger(limitValue) || limitValue < 1)) {
      throw new DynamoDbFailure('DynamoDB:DynamoDbException', `1 validation error detected: Value '${String(limitValue)}' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1`);
    }
    const limit = typeof limitValue === 'number' ? limitValue : operation === 'Scan' ? defaultScanLimit : Number.MAX_SAFE_INTEGER;
    const queryInput = operation === 'Query' ? expressionInput(request['query'], 'query') : undefined;
    if (operation === 'Query' && !queryInput) throw validation('Query needs a "query" key condition expression');
    const filterInput = expressionInput(request['filter'], 'filter');
    const projectionInput = expressionInput(request['projection'], 'projection');
    const substitutions = substitutionsOf(queryInput, filterInput, projectionInput);
    const parsed = withValidation(() => {
      const result = {
        keyCondition: queryInput ? parseCondition(queryInput.expression, 'KeyConditionExpression', substitutions) : undefined,
        filter: filterInput ? parseCondition(filterInput.expression, 'FilterExpression', substitutions) : undefined,
        projection: projectionInput ? parseProjection(projectionInput.expression, substitutions) : undefined,
      };
      substitutions.assertAllUsed();
      return result;
    });
    const source = `${operation}:${table.definition.tableName}:${indexName ?? ''}:${JSON.stringify(request['query'] ?? null)}`;
    const nextToken = request['nextToken'];
    let after: Row | undefined;
    if (typeof nextToken === 'string' && nextToken !== '') {
      try {
        after = cursors.decode(source, nextToken);
      } catch {
        throw new DynamoDbFailure('DynamoDB:UserIllegalArgumentException', 'com.amazonaws.deepdish.common.pagination.InvalidPaginationTokenException: Invalid pagination token given.');
      }
    }

    let evaluated: Row[];
    let more: boolean;
    if (parsed.keyCondition) {
      const candidates = partitionOf(table, schema, parsed.keyCondition);
      const forward = request['scanIndexForward'] !== false;
      const sortKey = schema.sortKey;
      const ordered = sortKey ? [...candidates].sort((a, b) => (forward ? 1 : -1) * compareKeys(a[sortKey], b[sortKey])) : candidates;
      const start = after ? ordered.findIndex((item) => isDeepStrictEqual(primaryKey(table.definition, item), after)) + 1 : 0;
      evaluated = ordered.slice(start, start + limit);
      more = start + limit < ordered.length;
    } else {
      evaluated = table.storage.scan(limit + 1, after);
      more = evaluated.length > limit;
      evaluated = evaluated.slice(0, limit);
    }
    const items = withValidation(() =>
      evaluated.filter((item) => !parsed.filter || evaluateCondition(parsed.filter, toAttributeMap(item), 'FilterExpression')).map((item) => projected(item, parsed.projection)),
    );
    const last = evaluated.at(-1);
    return {
      items,
      nextToken: more && last ? cursors.encode(source, primaryKey(table.definition, last)) : null,
      scannedCount: evaluated.length,
    };
  }

  function primaryKey(definition: TableDefinition, item: Row): Row {
    return Object.fromEntries(keyFields(definition).map((field) => [field, item[field]]));
  }

  /** The items a key condition selects: equality on the partition key, an optional sort-key condition. */
  function partitionOf(table: ReturnType<typeof tableOf>, schema: KeySchema, condition: Condition): Row[] {
    const parts = condition.kind === 'and' ? [condition.left, condition.right] : [condition];
    const onPartition = parts.find((part) => part.kind === 'compare' && part.comparator === '=' && part.left.kind === 'path' && part.left.path.length === 1 && part.left.path[0] === schema.partitionKey);
    if (!onPartition || onPartition.kind !== 'compare' || onPartition.right.kind !== 'value') {
      throw new DynamoDbFailure('DynamoDB:DynamoDbException', `Query condition missed key schema element: ${schema.partitionKey}`);
    }
    const others = parts.filter((part) => part !== onPartition);
    for (const part of others) {
      const path = part.kind === 'compare' || part.kind === 'between' ? (part.kind === 'compare' ? part.left : part.operand) : part.kind === 'function' ? { kind: 'path' as const, path: part.path } : undefined;
      const allowedFunction = part.kind !== 'function' || part.name === 'begins_with';
      if (!path || path.kind !== 'path' || path.path.length !== 1 || path.path[0] !== schema.sortKey || !allowedFunction || (part.kind === 'compare' && part.comparator === '<>')) {
        throw new DynamoDbFailure('DynamoDB:DynamoDbException', 'Query key condition not supported');
      }
    }
    const partitionValue = plain({ value: onPartition.right.value })['value'];
    const fields = schema === table.definition ? [table.definition.partitionKey] : [schema.partitionKey];
    return withValidation(() =>
      table.storage.partition(fields, [partitionValue]).filter((item) => others.every((part) => evaluateCondition(part, toAttributeMap(item), 'KeyConditionExpression'))),
    );
  }

  function batchGet(request: Row): unknown {
    const tablesInput = request['tables'];
    if (!isRecord(tablesInput)) throw validation('BatchGetItem needs "tables"');
    const data: Record<string, (Row | null)[]> = {};
    let total = 0;
    for (const [name, spec] of Object.entries(tablesInput)) {
      const table = namedTable(name);
      const keys = isRecord(spec) ? spec['keys'] : spec;
      if (!Array.isArray(keys)) throw validation(`BatchGetItem needs the keys of ${name}`);
      total += keys.length;
      data[name] = keys.map((key) => table.storage.get(readKey(table.definition, key)) ?? null);
    }
    if (total > maxBatchGet) throw new DynamoDbFailure('DynamoDB:DynamoDbException', `Too many items requested for the BatchGetItem call`);
    return { data, unprocessedKeys: Object.fromEntries(Object.keys(data).map((name) => [name, []])) };
  }

  function batchWrite(request: Row, operation: 'BatchPutItem' | 'BatchDeleteItem'): unknown {
    const tablesInput = request['tables'];
    if (!isRecord(tablesInput)) throw validation(`${operation} needs "tables"`);
    const entries = Object.entries(tablesInput).map(([name, list]) => {
      if (!Array.isArray(list)) throw validation(`${operation} needs a list for ${name}`);
      return [namedTable(name), name, list] as const;
    });
    const total = entries.reduce((sum, [, , list]) => sum + list.length, 0);
    if (total > maxBatchWrite) throw new DynamoDbFailure('DynamoDB:DynamoDbException', 'Too many items requested for the BatchWriteItem call');
    const data: Record<string, Row[]> = {};
    for (const [table, name, list] of entries) {
      data[name] = list.map((entry) => {
        if (operation === 'BatchDeleteItem') {
          const key = readKey(table.definition, entry);
          table.storage.write(key, () => ({ next: null, result: null }));
          return key;
        }
        const item = plain(withValidation(() => parseAttributeMap(entry)));
        const key = readKey(table.definition, toAttributeMap(primaryKey(table.definition, item)));
        checkSize(item);
        table.storage.write(key, () => ({ next: item, result: null }));
        return item;
      });
    }
    const unprocessed = Object.fromEntries(Object.keys(data).map((name) => [name, []]));
    return operation === 'BatchPutItem' ? { data, unprocessedItems: unprocessed } : { data, unprocessedKeys: unprocessed };
  }

  function transactGet(request: Row): unknown {
    const items = request['transactItems'];
    if (!Array.isArray(items) || items.length > maxTransactItems) throw validation('TransactGetItems needs at most 100 transactItems');
    return {
      items: items.map((entry) => {
        const table = namedTable((entry as Row)['table']);
        return table.storage.get(readKey(table.definition, (entry as Row)['key'])) ?? null;
      }),
      cancellationReasons: null,
    };
  }

  function transactWrite(request: Row): unknown {
    const items = request['transactItems'];
    if (!Array.isArray(items) || items.length === 0 || items.length > maxTransactItems) throw validation('TransactWriteItems needs 1 to 100 transactItems');
    const reasons: { type: string; message: string | null }[] = items.map(() => ({ type: 'None', message: null }));
    const failed = () => new DynamoDbFailure('DynamoDB:TransactionCanceledException', `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((reason) => reason.type).join(', ')}]`);
    const first = namedTable((items[0] as Row)['table']);
    const keys: Row[] = [];
    try {
      first.storage.transaction(() => {
        for (const [index, raw] of items.entries()) {
          const entry = raw as Row;
          const table = namedTable(entry['table']);
          const key = readKey(table.definition, entry['key']);
          keys.push(key);
          const conditionInput = expressionInput(entry['condition'], 'condition');
          const updateInput = entry['operation'] === 'UpdateItem' ? expressionInput(entry['update'], 'update') : undefined;
          const substitutions = substitutionsOf(conditionInput, updateInput);
          const condition = withValidation(() => (conditionInput ? parseCondition(conditionInput.expression, 'ConditionExpression', substitutions) : undefined));
          const actions = withValidation(() => (updateInput ? parseUpdate(updateInput.expression, substitutions) : undefined));
          withValidation(() => substitutions.assertAllUsed());
          table.storage.write(key, (current) => {
            if (condition && !evaluateCondition(condition, typedItem(current))) {
              reasons[index] = { type: 'ConditionalCheckFailed', message: 'The conditional request failed' };
              throw failed();
            }
            switch (entry['operation']) {
              case 'PutItem': {
                const item = { ...plain(withValidation(() => parseAttributeMap(entry['attributeValues'] ?? {}))), ...key };
                checkSize(item);
                return { next: item, result: null };
              }
              case 'UpdateItem': {
                if (!actions) throw validation('UpdateItem needs an "update" expression');
                return { next: plain(withValidation(() => applyUpdate(typedItem(current ?? key), actions))), result: null };
              }
              case 'DeleteItem':
                return { next: null, result: null };
              case 'ConditionCheck':
                return { next: undefined, result: null };
              default:
                throw validation(`Unsupported transaction operation ${String(entry['operation'])}`);
            }
          });
        }
      });
    } catch (error) {
      if (error instanceof DynamoDbFailure && error.type === 'DynamoDB:TransactionCanceledException') {
        return { failure: error, result: { keys: null, cancellationReasons: reasons } };
      }
      throw error;
    }
    return { keys, cancellationReasons: null };
  }

  return {
    /** Runs one request for `dataSourceName`; never throws for what DynamoDB would refuse. */
    execute(dataSourceName: string, request: unknown): DataSourceAnswer {
      const table = tableOf(dataSourceName);
      try {
        if (!isRecord(request)) throw new DynamoDbFailure('MappingTemplate', 'The request handler must return an object with an "operation"');
        switch (request['operation']) {
          case 'GetItem':
            return { result: getItem(table, request) };
          case 'PutItem':
            return { result: putItem(table, request) };
          case 'UpdateItem':
            return { result: updateItem(table, request) };
          case 'DeleteItem':
            return { result: deleteItem(table, request) };
          case 'Query':
            return { result: readPage(table, request, 'Query') };
          case 'Scan':
            return { result: readPage(table, request, 'Scan') };
          case 'BatchGetItem':
            return { result: batchGet(request) };
          case 'BatchPutItem':
            return { result: table.storage.transaction(() => batchWrite(request, 'BatchPutItem')) };
          case 'BatchDeleteItem':
            return { result: table.storage.transaction(() => batchWrite(request, 'BatchDeleteItem')) };
          case 'TransactGetItems':
            return { result: transactGet(request) };
          case 'TransactWriteItems': {
            const outcome = transactWrite(request) as { failure?: DynamoDbFailure; result?: unknown };
            if (outcome.failure) return { result: outcome.result, error: { message: withRequestId(outcome.failure), type: outcome.failure.type } };
            return { result: outcome };
          }
          default:
            throw new DynamoDbFailure('MappingTemplate', `Unsupported operation '${String(request['operation'])}'. Datasource Versioning only supports the following operations: TransactGetItems, PutItem, BatchGetItem, BatchDeleteItem, UpdateItem, DeleteItem, GetItem, Scan, Query, BatchPutItem, TransactWriteItems, Sync`);
        }
      } catch (error) {
        if (error instanceof DynamoDbFailure) {
          const result = error.current === undefined ? null : error.current;
          return { result, error: { message: withRequestId(error), type: error.type } };
        }
        throw error;
      }
    },
  };
}

export type DynamoDbDataSource = ReturnType<typeof createDynamoDbDataSource>;


