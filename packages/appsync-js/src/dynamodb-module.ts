import { toAttributeMap, toAttributeValue, type AttributeValue } from './attribute-value';
import { toDynamoDBExpression, type DynamoDBExpression } from './filter-to-expression';

/**
 * `@aws-appsync/utils/dynamodb`: the request builders APPSYNC_JS provides (`get`, `put`,
 * `update`, `query`, ...), producing the same request objects a resolver could write by hand.
 */

type Row = Record<string, unknown>;

const setMarker = Symbol('dynamodbSet');
const operationMarker = Symbol('dynamodbOperation');

interface TypedSet {
  [setMarker]: AttributeValue;
}

type Operation =
  | { type: 'add'; value: unknown }
  | { type: 'remove' }
  | { type: 'replace'; value: unknown }
  | { type: 'increment' | 'decrement'; by: number }
  | { type: 'append' | 'prepend'; items: unknown[] }
  | { type: 'updateListItem'; value: unknown; index: number };

function isSet(value: unknown): value is TypedSet {
  return typeof value === 'object' && value !== null && setMarker in value;
}

function operationOf(value: unknown): Operation | undefined {
  return typeof value === 'object' && value !== null && operationMarker in value ? ((value as Record<symbol, Operation>)[operationMarker]) : undefined;
}

function typed(value: unknown): AttributeValue {
  return isSet(value) ? value[setMarker] : toAttributeValue(value);
}

function typedMap(row: Row): Record<string, AttributeValue> {
  const map: Record<string, AttributeValue> = {};
  for (const [name, value] of Object.entries(row)) if (value !== undefined) map[name] = typed(value);
  return map;
}

function withCondition<T extends Row>(request: T, condition: unknown): T & { condition?: DynamoDBExpression } {
  const expression = condition === undefined ? null : toDynamoDBExpression(condition);
  return expression ? { ...request, condition: expression } : request;
}

function projectionOf(fields: unknown): { expression: string; expressionNames: Record<string, string> } | undefined {
  if (!Array.isArray(fields) || fields.length === 0) return undefined;
  const expressionNames: Record<string, string> = {};
  const expression = fields
    .map((field) =>
      String(field)
        .split('.')
        .map((part) => {
          const placeholder = `#${part.replace(/[^A-Za-z0-9_]/g, '_')}`;
          expressionNames[placeholder] = part;
          return placeholder;
        })
        .join('.'),
    )
    .join(', ');
  return { expression, expressionNames };
}

function readOptions(payload: Row): Row {
  const options: Row = {};
  for (const name of ['index', 'limit', 'nextToken', 'consistentRead', 'scanIndexForward', 'select', 'segment', 'totalSegments']) {
    if (payload[name] !== undefined) options[name] = payload[name];
  }
  const projection = projectionOf(payload['projection']);
  if (projection) options['projection'] = projection;
  const filter = payload['filter'] === undefined ? null : toDynamoDBExpression(payload['filter']);
  if (filter) options['filter'] = filter;
  return options;
}

export function get(payload: Row) {
  const projection = projectionOf(payload['projection']);
  return {
    operation: 'GetItem',
    key: toAttributeMap(payload['key'] as Row),
    ...(payload['consistentRead'] === undefined ? {} : { consistentRead: payload['consistentRead'] }),
    ...(projection ? { projection } : {}),
  };
}

export function put(payload: Row) {
  const key = payload['key'] as Row;
  const item = Object.fromEntries(Object.entries(payload['item'] as Row).filter(([name]) => !Object.hasOwn(key, name)));
  return withCondition({ operation: 'PutItem', key: typedMap(key), attributeValues: typedMap(item) }, payload['condition']);
}

export function remove(payload: Row) {
  return withCondition({ operation: 'DeleteItem', key: toAttributeMap(payload['key'] as Row) }, payload['condition']);
}

export function update(payload: Row) {
  const set: string[] = [];
  const removed: string[] = [];
  const added: string[] = [];
  const expressionNames: Record<string, string> = {};
  const expressionValues: Record<string, AttributeValue> = {};
  let counter = 0;
  const name = (field: string) => {
    const placeholder = `#${field.replace(/[^A-Za-z0-9_]/g, '_')}`;
    expressionNames[placeholder] = field;
    return placeholder;
  };
  const value = (attribute: AttributeValue) => {
    const placeholder = `:v${counter++}`;
    expressionValues[placeholder] = attribute;
    return placeholder;
  };
  for (const [field, change] of Object.entries((payload['update'] ?? {}) as Row)) {
    if (change === undefined) continue;
    const path = name(field);
    const operation = operationOf(change);
    if (!operation) {
      set.push(`${path} = ${value(typed(change))}`);
      continue;
    }
    switch (operation.type) {
      case 'remove':
        removed.push(path);
        break;
      case 'replace':
        set.push(`${path} = ${value(typed(operation.value))}`);
        break;
      case 'add':
        added.push(`${path} ${value(typed(operation.value))}`);
        break;
      case 'increment':
      case 'decrement':
        set.push(`${path} = if_not_exists(${path}, ${value({ N: '0' })}) ${operation.type === 'increment' ? '+' : '-'} ${value({ N: String(operation.by) })}`);
        break;
      case 'append':
        set.push(`${path} = list_append(if_not_exists(${path}, ${value({ L: [] })}), ${value(toAttributeValue(operation.items))})`);
        break;
      case 'prepend':
        set.push(`${path} = list_append(${value(toAttributeValue(operation.items))}, if_not_exists(${path}, ${value({ L: [] })}))`);
        break;
      case 'updateListItem':
        set.push(`${path}[${operation.index}] = ${value(typed(operation.value))}`);
        break;
    }
  }
  const clauses = [
    set.length > 0 ? `SET ${set.join(', ')}` : '',
    removed.length > 0 ? `REMOVE ${removed.join(', ')}` : '',
    added.length > 0 ? `ADD ${added.join(', ')}` : '',
  ].filter(Boolean);
  return withCondition(
    {
      operation: 'UpdateItem',
      key: toAttributeMap(payload['key'] as Row),
      update: { expression: clauses.join(' '), expressionNames, ...(counter > 0 ? { expressionValues } : {}) },
    },
    payload['condition'],
  );
}

const keyOperators: Record<string, string> = { eq: '=', lt: '<', le: '<=', gt: '>', ge: '>=' };

export function query(payload: Row) {
  const parts: string[] = [];
  const expressionNames: Record<string, string> = {};
  const expressionValues: Record<string, AttributeValue> = {};
  for (const [field, conditions] of Object.entries((payload['query'] ?? {}) as Row)) {
    const path = `#${field.replace(/[^A-Za-z0-9_]/g, '_')}`;
    expressionNames[path] = field;
    for (const [operator, operand] of Object.entries(conditions as Row)) {
      const placeholder = `:${field.replace(/[^A-Za-z0-9_]/g, '_')}_${operator}`;
      if (operator === 'between' && Array.isArray(operand)) {
        expressionValues[`${placeholder}_0`] = toAttributeValue(operand[0]);
        expressionValues[`${placeholder}_1`] = toAttributeValue(operand[1]);
        parts.push(`${path} BETWEEN ${placeholder}_0 AND ${placeholder}_1`);
      } else if (operator === 'beginsWith') {
        expressionValues[placeholder] = toAttributeValue(operand);
        parts.push(`begins_with(${path}, ${placeholder})`);
      } else {
        expressionValues[placeholder] = toAttributeValue(operand);
        parts.push(`${path} ${keyOperators[operator] ?? operator} ${placeholder}`);
      }
    }
  }
  return { operation: 'Query', query: { expression: parts.join(' AND '), expressionNames, expressionValues }, ...readOptions(payload) };
}

export function scan(payload: Row = {}) {
  return { operation: 'Scan', ...readOptions(payload) };
}

export function sync(payload: Row = {}) {
  return { operation: 'Sync', ...readOptions(payload), ...(payload['lastSync'] === undefined ? {} : { lastSync: payload['lastSync'] }) };
}

export function batchGet(payload: { tables: Record<string, { keys: Row[]; consistentRead?: boolean; projection?: string[] } | Row[]> }) {
  const tables: Record<string, unknown> = {};
  for (const [table, spec] of Object.entries(payload.tables)) {
    const keys = Array.isArray(spec) ? spec : spec.keys;
    tables[table] = { keys: keys.map((key) => toAttributeMap(key)), ...(Array.isArray(spec) ? {} : { consistentRead: spec.consistentRead }) };
  }
  return { operation: 'BatchGetItem', tables };
}

export function batchPut(payload: { tables: Record<string, Row[]> }) {
  return { operation: 'BatchPutItem', tables: Object.fromEntries(Object.entries(payload.tables).map(([table, items]) => [table, items.map(typedMap)])) };
}

export function batchDelete(payload: { tables: Record<string, Row[]> }) {
  return { operation: 'BatchDeleteItem', tables: Object.fromEntries(Object.entries(payload.tables).map(([table, keys]) => [table, keys.map((key) => toAttributeMap(key))])) };
}

export function transactGet(payload: { items: { table: string; key: Row }[] }) {
  return { operation: 'TransactGetItems', transactItems: payload.items.map(({ table, key }) => ({ table, key: toAttributeMap(key) })) };
}

export function transactWrite(payload: { items: (Row & { table: string; operation: string })[] }) {
  const transactItems = payload.items.map((item) => {
    const { table, operation } = item;
    switch (operation) {
      case 'PutItem': {
        const { key, attributeValues, condition } = put(item);
        return { table, operation, key, attributeValues, ...(condition ? { condition } : {}) };
      }
      case 'UpdateItem': {
        const { key, update: updateExpression, condition } = update(item);
        return { table, operation, key, update: updateExpression, ...(condition ? { condition } : {}) };
      }
      case 'DeleteItem': {
        const { key, condition } = remove(item);
        return { table, operation, key, ...(condition ? { condition } : {}) };
      }
      default: {
        const condition = toDynamoDBExpression(item['condition']);
        return { table, operation: 'ConditionCheck', key: toAttributeMap(item['key'] as Row), ...(condition ? { condition } : {}) };
      }
    }
  });
  return { operation: 'TransactWriteItems', transactItems };
}

export const toStringSet = (list: string[]): TypedSet => ({ [setMarker]: { SS: list } });
export const toNumberSet = (list: number[]): TypedSet => ({ [setMarker]: { NS: list.map(String) } });
export const toBinarySet = (list: string[]): TypedSet => ({ [setMarker]: { BS: list } });

const op = (operation: Operation) => ({ [operationMarker]: operation });

export const operations = {
  add: (value: unknown) => op({ type: 'add', value }),
  remove: () => op({ type: 'remove' }),
  replace: (value: unknown) => op({ type: 'replace', value }),
  increment: (by = 1) => op({ type: 'increment', by }),
  decrement: (by = 1) => op({ type: 'decrement', by }),
  append: (items: unknown[]) => op({ type: 'append', items }),
  prepend: (items: unknown[]) => op({ type: 'prepend', items }),
  updateListItem: (value: unknown, index: number) => op({ type: 'updateListItem', value, index }),
};
