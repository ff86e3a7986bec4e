import { isDeepStrictEqual } from 'node:util';
import type { Item } from '../../shared/values';

/**
 * A `Model<Name>FilterInput` / `Model<Name>ConditionInput` value: field conditions
 * and `and` / `or` / `not` groups, all of which must hold.
 */
export type Filter = { [field: string]: unknown };
type Conditions = Record<string, unknown>;

/**
 * A filter DynamoDB itself would refuse (the generated resolvers hand filters to
 * DynamoDB unchanged), reported as AppSync reports DynamoDB validation errors.
 */
export class InvalidFilterError extends Error {
  override readonly name = 'InvalidFilterError';
}

type AttributeType = 'S' | 'N' | 'BOOL' | 'NULL' | 'L' | 'M';

function attributeType(value: unknown): AttributeType {
  if (value === null) return 'NULL';
  if (typeof value === 'string') return 'S';
  if (typeof value === 'number') return 'N';
  if (typeof value === 'boolean') return 'BOOL';
  return Array.isArray(value) ? 'L' : 'M';
}

// Names of the ModelAttributeTypes enum the transformer generates.
const attributeTypeNames: Record<string, AttributeType | undefined> = {
  string: 'S',
  number: 'N',
  bool: 'BOOL',
  _null: 'NULL',
  list: 'L',
  map: 'M',
};

/** DynamoDB orders strings by their UTF-8 bytes and numbers by value; other types do not compare. */
function compare(a: unknown, b: unknown): number | undefined {
  if (typeof a === 'string' && typeof b === 'string') return Buffer.compare(Buffer.from(a), Buffer.from(b));
  if (typeof a === 'number' && typeof b === 'number') return a === b ? 0 : a < b ? -1 : 1;
  return undefined;
}

function between(value: unknown, bounds: unknown): boolean {
  if (!Array.isArray(bounds) || bounds.length !== 2) {
    throw new InvalidFilterError('Invalid FilterExpression: The BETWEEN operator requires exactly two bounds');
  }
  const [low, high] = bounds as [unknown, unknown];
  const order = compare(low, high);
  if (order !== undefined && order > 0) {
    throw new InvalidFilterError(
      'Invalid FilterExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound',
    );
  }
  const fromLow = compare(value, low);
  const toHigh = compare(value, high);
  return fromLow !== undefined && toHigh !== undefined && fromLow >= 0 && toHigh <= 0;
}

function contains(value: unknown, operand: unknown): boolean {
  if (typeof value === 'string') return typeof operand === 'string' && value.includes(operand);
  if (Array.isArray(value)) return value.some((element) => isDeepStrictEqual(element, operand));
  return false;
}

/** size() of a string (characters), list or map; other types have no size. */
function sizeOf(value: unknown): number | undefined {
  if (typeof value === 'string') return [...value].length;
  if (Array.isArray(value)) return value.length;
  if (typeof value === 'object' && value !== null) return Object.keys(value).length;
  return undefined;
}

function comparison(operator: string, value: unknown, operand: unknown, present: boolean): boolean {
  switch (operator) {
    case 'eq':
      return present && isDeepStrictEqual(value, operand);
    case 'ne':
      return !present || !isDeepStrictEqual(value, operand);
    case 'lt':
    case 'le':
    case 'gt':
    case 'ge': {
      const order = present ? compare(value, operand) : undefined;
      if (order === undefined) return false;
      return { lt: order < 0, le: order <= 0, gt: order > 0, ge: order >= 0 }[operator];
    }
    case 'between':
      return between(present ? value : undefined, operand);
    case 'in':
      return present && Array.isArray(operand) && operand.some((candidate) => isDeepStrictEqual(value, candidate));
    case 'notIn':
      return !present || !Array.isArray(operand) || !operand.some((candidate) => isDeepStrictEqual(value, candidate));
    default:
      throw new InvalidFilterError(`Unsupported filter operator "${operator}"`);
  }
}

function fieldMatches(item: Item, field: string, conditions: Conditions): boolean {
  const present = Object.hasOwn(item, field);
  const value = item[field];
  return Object.entries(conditions).every(([operator, operand]) => {
    if (operand === undefined) return true;
    switch (operator) {
      case 'attributeExists':
        return operand === null || present === operand;
      case 'attributeType':
        return present && attributeTypeNames[operand as string] === attributeType(value);
      case 'beginsWith':
        return present && typeof value === 'string' && typeof operand === 'string' && value.startsWith(operand);
      case 'contains':
        return present && contains(value, operand);
      case 'notContains':
        return !present || !contains(value, operand);
      case 'size': {
        const size = present ? sizeOf(value) : undefined;
        if (size === undefined) return false;
        return Object.entries(operand as Conditions).every(
          ([sizeOperator, sizeOperand]) => sizeOperand === undefined || comparison(sizeOperator, size, sizeOperand, true),
        );
      }
      default:
        return comparison(operator, value, operand, present);
    }
  });
}

/** Whether `item` satisfies `filter`, with DynamoDB's semantics for missing attributes and types. */
export function matchesFilter(item: Item, filter: Filter | null | undefined): boolean {
  if (!filter) return true;
  return Object.entries(filter).every(([key, value]) => {
    if (value === undefined || value === null) return true;
    if (key === 'and') return (value as Filter[]).every((part) => matchesFilter(item, part));
    if (key === 'or') {
      const parts = value as Filter[];
      return parts.length === 0 || parts.some((part) => matchesFilter(item, part));
    }
    if (key === 'not') return !matchesFilter(item, value as Filter);
    return fieldMatches(item, key, value as Conditions);
  });
}
