import { toAttributeValue, type AttributeValue } from './attribute-value';

/**
 * `util.transform.toDynamoDBFilterExpression` / `toDynamoDBConditionExpression`: a filter
 * object (`{ title: { contains: 'x' }, or: [...] }`) as a DynamoDB expression with its names
 * and values.
 */
export interface DynamoDBExpression {
  expression: string;
  expressionNames: Record<string, string>;
  expressionValues: Record<string, AttributeValue>;
}

const attributeTypeNames: Record<string, string> = {
  _null: 'NULL',
  string: 'S',
  stringSet: 'SS',
  number: 'N',
  numberSet: 'NS',
  binary: 'B',
  binarySet: 'BS',
  boolean: 'BOOL',
  list: 'L',
  map: 'M',
};

const comparators: Record<string, string> = { eq: '=', ne: '<>', lt: '<', le: '<=', gt: '>', ge: '>=' };

export class FilterObjectError extends Error {
  override readonly name = 'FilterObjectError';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function toDynamoDBExpression(filter: unknown): DynamoDBExpression | null {
  if (!isRecord(filter) || Object.keys(filter).length === 0) return null;
  const expressionNames: Record<string, string> = {};
  const expressionValues: Record<string, AttributeValue> = {};
  let counter = 0;

  const value = (field: string, operator: string, operand: unknown): string => {
    const placeholder = `:${field.replace(/[^A-Za-z0-9_]/g, '_')}_${operator}_${counter++}`;
    expressionValues[placeholder] = toAttributeValue(operand);
    return placeholder;
  };
  const name = (field: string): string => {
    const placeholder = `#${field.replace(/[^A-Za-z0-9_]/g, '_')}`;
    expressionNames[placeholder] = field;
    return placeholder;
  };

  const condition = (field: string, operator: string, operand: unknown): string => {
    const path = name(field);
    const comparator = comparators[operator];
    if (comparator) return `${path} ${comparator} ${value(field, operator, operand)}`;
    switch (operator) {
      case 'contains':
        return `contains(${path}, ${value(field, operator, operand)})`;
      case 'notContains':
        return `NOT contains(${path}, ${value(field, operator, operand)})`;
      case 'beginsWith':
        return `begins_with(${path}, ${value(field, operator, operand)})`;
      case 'between': {
        if (!Array.isArray(operand) || operand.length !== 2) throw new FilterObjectError(`"between" on ${field} needs two values`);
        return `${path} BETWEEN ${value(field, operator, operand[0])} AND ${value(field, operator, operand[1])}`;
      }
      case 'in':
      case 'notIn': {
        if (!Array.isArray(operand) || operand.length === 0) throw new FilterObjectError(`"${operator}" on ${field} needs a list of values`);
        const list = `${path} IN (${operand.map((entry) => value(field, operator, entry)).join(', ')})`;
        return operator === 'in' ? list : `NOT (${list})`;
      }
      case 'attributeExists':
        return operand === false ? `attribute_not_exists(${path})` : `attribute_exists(${path})`;
      case 'attributeType': {
        const type = attributeTypeNames[String(operand)];
        if (!type) throw new FilterObjectError(`"attributeType" on ${field} names no DynamoDB type: ${String(operand)}`);
        return `attribute_type(${path}, ${value(field, operator, type)})`;
      }
      case 'size': {
        if (!isRecord(operand)) throw new FilterObjectError(`"size" on ${field} needs comparisons`);
        return Object.entries(operand)
          .filter(([, bound]) => bound !== undefined && bound !== null)
          .map(([sizeOperator, bound]) => {
            if (sizeOperator === 'between' && Array.isArray(bound)) {
              return `size(${path}) BETWEEN ${value(field, 'size', bound[0])} AND ${value(field, 'size', bound[1])}`;
            }
            const sizeComparator = comparators[sizeOperator];
            if (!sizeComparator) throw new FilterObjectError(`"size" on ${field} does not support "${sizeOperator}"`);
            return `size(${path}) ${sizeComparator} ${value(field, 'size', bound)}`;
          })
          .join(' AND ');
      }
      default:
        throw new FilterObjectError(`Unsupported filter operator "${operator}" on ${field}`);
    }
  };

  const group = (object: Record<string, unknown>): string => {
    const parts: string[] = [];
    for (const [key, entry] of Object.entries(object)) {
      if (entry === undefined || entry === null) continue;
      if (key === 'and' || key === 'or') {
        if (!Array.isArray(entry)) throw new FilterObjectError(`"${key}" needs a list of filters`);
        const members = entry.filter(isRecord).map(group).filter((part) => part !== '');
        if (members.length > 0) parts.push(`(${members.map((member) => `(${member})`).join(key === 'and' ? ' AND ' : ' OR ')})`);
      } else if (key === 'not') {
        if (!isRecord(entry)) throw new FilterObjectError('"not" needs a filter');
        const inner = group(entry);
        if (inner !== '') parts.push(`(NOT (${inner}))`);
      } else {
        if (!isRecord(entry)) throw new FilterObjectError(`The filter on ${key} must be an object of operators`);
        for (const [operator, operand] of Object.entries(entry)) {
          if (operand !== undefined && operand !== null) parts.push(`(${condition(key, operator, operand)})`);
        }
      }
    }
    return parts.join(' AND ');
  };

  const expression = group(filter);
  return expression === '' ? null : { expression, expressionNames, expressionValues };
}
