import { isDeepStrictEqual } from 'node:util';
import { isObject } from '../../shared/values';

/**
 * AppSync enhanced subscription filters: the JSON `$extensions.setSubscriptionFilter`
 * takes. A filter group is an OR of filters; each filter is an AND of conditions.
 */
export interface SubscriptionFilter {
  filterGroup: { filters: FilterCondition[] }[];
}

interface FilterCondition {
  fieldName: string;
  operator: Operator;
  value: unknown;
}

const operators = [
  'eq',
  'ne',
  'lt',
  'le',
  'gt',
  'ge',
  'contains',
  'notContains',
  'beginsWith',
  'in',
  'notIn',
  'between',
  'containsAny',
] as const;

type Operator = (typeof operators)[number];

// AppSync's limits for enhanced filters.
const maxFilters = 10;
const maxConditionsPerFilter = 5;
const maxInValues = 5;
const maxContainsAnyValues = 20;

/** A filter AppSync refuses when the subscription starts; the message is AppSync's where known. */
export class InvalidSubscriptionFilterError extends Error {
  override readonly name = 'InvalidSubscriptionFilterError';
}

function isOperator(name: string): name is Operator {
  return (operators as readonly string[]).includes(name);
}

type Conjunction = FilterCondition[];

function tooManyFilters(): InvalidSubscriptionFilterError {
  return new InvalidSubscriptionFilterError(`Filters combination exceed maximum limit ${maxFilters} for subscription.`);
}

/** Every way of picking one conjunction from `left` and one from `right`, joined. */
function product(left: Conjunction[], right: Conjunction[]): Conjunction[] {
  const result: Conjunction[] = [];
  for (const a of left) {
    for (const b of right) {
      result.push([...a, ...b]);
      if (result.length > maxFilters) throw tooManyFilters();
    }
  }
  return result;
}

/** The filter input as an OR of ANDs (disjunctive normal form). */
function disjunction(input: Record<string, unknown>): Conjunction[] {
  let result: Conjunction[] = [[]];
  for (const [key, value] of Object.entries(input)) {
    if (value === null || value === undefined) continue;
    if (key === 'and' || key === 'or') {
      if (!Array.isArray(value) || !value.every(isObject)) {
        throw new InvalidSubscriptionFilterError(`"${key}" must be a list of filters`);
      }
      if (key === 'and') {
        for (const part of value) result = product(result, disjunction(part));
      } else if (value.length > 0) {
        const alternatives = value.flatMap((part) => disjunction(part));
        if (alternatives.length > maxFilters) throw tooManyFilters();
        result = product(result, alternatives);
      }
      continue;
    }
    if (!isObject(value)) throw new InvalidSubscriptionFilterError(`The conditions on "${key}" must be an object`);
    const conditions: Conjunction = [];
    for (const [operator, operand] of Object.entries(value)) {
      if (operand === null || operand === undefined) continue;
      if (!isOperator(operator)) throw new InvalidSubscriptionFilterError(`Unsupported filter operator "${operator}" on "${key}"`);
      conditions.push({ fieldName: key, operator, value: operand });
    }
    result = result.map((conjunction) => [...conjunction, ...conditions]);
  }
  return result;
}

function checkOperand({ fieldName, operator, value }: FilterCondition): void {
  const listLimit = operator === 'in' || operator === 'notIn' ? maxInValues : operator === 'containsAny' ? maxContainsAnyValues : undefined;
  if (listLimit !== undefined) {
    if (!Array.isArray(value) || value.length === 0 || value.length > listLimit) {
      throw new InvalidSubscriptionFilterError(`The ${operator} operator on "${fieldName}" takes a list of 1 to ${listLimit} values`);
    }
    return;
  }
  if (operator === 'between') {
    if (!Array.isArray(value) || value.length !== 2) {
      throw new InvalidSubscriptionFilterError(`The between operator on "${fieldName}" takes a list of exactly 2 values`);
    }
    return;
  }
  if (typeof value === 'object') {
    throw new InvalidSubscriptionFilterError(`The ${operator} operator on "${fieldName}" takes a single value`);
  }
}

function checkConjunction(conjunction: Conjunction): void {
  if (conjunction.length > maxConditionsPerFilter) {
    throw new InvalidSubscriptionFilterError(`Filters exceed maximum attributes limit ${maxConditionsPerFilter} for subscription.`);
  }
  const seen = new Set<string>();
  for (const condition of conjunction) {
    if (seen.has(condition.fieldName)) throw new InvalidSubscriptionFilterError('subscription filter uses same fieldName multiple time');
    seen.add(condition.fieldName);
    checkOperand(condition);
  }
}

/**
 * `$util.transform.toSubscriptionFilter`: turns a `ModelSubscription<Model>FilterInput`
 * value (field conditions, `and`, `or`) into an enhanced filter, enforcing AppSync's
 * limits (≤ 10 filters, ≤ 5 conditions each, one condition per field in a filter).
 * Returns undefined for an empty filter, which lets every event through.
 */
export function toSubscriptionFilter(input: Record<string, unknown>): SubscriptionFilter | undefined {
  const filters = disjunction(input).filter((conjunction) => conjunction.length > 0);
  if (filters.length === 0) return undefined;
  filters.forEach(checkConjunction);
  return { filterGroup: filters.map((conditions) => ({ filters: conditions })) };
}

function valueAt(payload: Record<string, unknown>, path: string): unknown {
  let value: unknown = payload;
  for (const part of path.split('.')) {
    if (!isObject(value)) return undefined;
    value = value[part];
  }
  return value;
}

/** Numbers compare with numbers and strings with strings; anything else does not compare. */
function compare(a: unknown, b: unknown): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return undefined;
}

function contains(value: unknown, operand: unknown): boolean {
  if (typeof value === 'string') return typeof operand === 'string' && value.includes(operand);
  if (Array.isArray(value)) return value.some((element) => isDeepStrictEqual(element, operand));
  return false;
}

function holds({ fieldName, operator, value: operand }: FilterCondition, payload: Record<string, unknown>): boolean {
  const value = valueAt(payload, fieldName);
  switch (operator) {
    case 'eq':
      return isDeepStrictEqual(value, operand);
    case 'ne':
      return !isDeepStrictEqual(value, operand);
    case 'lt':
    case 'le':
    case 'gt':
    case 'ge': {
      const order = compare(value, operand);
      if (order === undefined) return false;
      return { lt: order < 0, le: order <= 0, gt: order > 0, ge: order >= 0 }[operator];
    }
    case 'contains':
      return contains(value, operand);
    case 'notContains':
      return !contains(value, operand);
    case 'beginsWith':
      return typeof value === 'string' && typeof operand === 'string' && value.startsWith(operand);
    case 'in':
      return (operand as unknown[]).some((candidate) => isDeepStrictEqual(value, candidate));
    case 'notIn':
      return !(operand as unknown[]).some((candidate) => isDeepStrictEqual(value, candidate));
    case 'between': {
      const [low, high] = operand as [unknown, unknown];
      const fromLow = compare(value, low);
      const toHigh = compare(value, high);
      return fromLow !== undefined && toHigh !== undefined && fromLow >= 0 && toHigh <= 0;
    }
    case 'containsAny':
      return Array.isArray(value) && (operand as unknown[]).some((candidate) => contains(value, candidate));
  }
}

/** Whether an event payload passes the filter: some filter of the group has all its conditions hold. */
export function matchesSubscriptionFilter(filter: SubscriptionFilter, payload: Record<string, unknown>): boolean {
  return filter.filterGroup.some(({ filters }) => filters.every((condition) => holds(condition, payload)));
}
