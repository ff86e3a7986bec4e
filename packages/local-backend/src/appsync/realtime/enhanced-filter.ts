import { compareValues } from '@exam-results/appsync-js/comparison';
import { isObject } from '../../shared/values';

/**
 * AppSync's enhanced subscription filters: the object `extensions.setSubscriptionFilter` (and
 * `$extensions.setSubscriptionFilter`) receives, which is what `util.transform.toSubscriptionFilter`
 * returns. Groups in `filterGroup` are OR'ed, the filters of a group AND'ed.
 * https://docs.aws.amazon.com/appsync/latest/devguide/aws-appsync-real-time-enhanced-filtering.html
 * https://docs.aws.amazon.com/appsync/latest/devguide/extensions.html (filterJsonObject)
 */
export interface SubscriptionFilter {
  filterGroup: FilterGroup[];
}

export interface FilterGroup {
  filters: FieldFilter[];
}

/** One rule: the payload's field (a dotted path for nested fields) compared with the value by the operator. */
export type FieldFilter =
  | { fieldName: string; operator: 'eq' | 'ne'; value: Scalar | boolean | null }
  | { fieldName: string; operator: 'lt' | 'le' | 'gt' | 'ge' | 'contains' | 'notContains'; value: Scalar }
  | { fieldName: string; operator: 'beginsWith'; value: string }
  | { fieldName: string; operator: 'in' | 'notIn' | 'containsAny'; value: Scalar[] }
  | { fieldName: string; operator: 'between'; value: [Scalar, Scalar] };

type Scalar = string | number;
export type FilterOperator = FieldFilter['operator'];

const operators: readonly FilterOperator[] = ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'contains', 'notContains', 'beginsWith', 'in', 'notIn', 'between', 'containsAny'];

// AppSync's limits: groups in a filterGroup, filters in a group, values of in/notIn and containsAny,
// and a field path's length and depth.
const maxGroups = 10;
const maxFiltersPerGroup = 5;
const maxInValues = 5;
const maxContainsAnyValues = 20;
const maxFieldNameLength = 256;
const maxFieldDepth = 5;

/** A filter AppSync refuses when the subscription starts (a ValidationError); the message is AppSync's where known. */
export class InvalidSubscriptionFilterError extends Error {
  override readonly name = 'InvalidSubscriptionFilterError';
}

function refuse(message: string): never {
  throw new InvalidSubscriptionFilterError(message);
}

function isScalar(value: unknown): value is Scalar {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

function scalarList(value: unknown, fieldName: string, operator: string, min: number, max: number): Scalar[] {
  if (!Array.isArray(value) || value.length < min || value.length > max || !value.every(isScalar)) {
    const count = min === max ? `exactly ${min}` : `1 to ${max}`;
    refuse(`The ${operator} operator on "${fieldName}" takes a list of ${count} values (strings or numbers)`);
  }
  return value;
}

function parseFieldFilter(value: unknown): FieldFilter {
  if (!isObject(value)) refuse('Each filter must be an object with fieldName, operator and value');
  const { fieldName, operator, value: operand } = value;
  if (typeof fieldName !== 'string' || fieldName === '') refuse('A filter needs a fieldName');
  if (fieldName.length > maxFieldNameLength) refuse(`The fieldName "${fieldName.slice(0, 32)}…" is longer than ${maxFieldNameLength} characters`);
  if (fieldName.split('.').length > maxFieldDepth || fieldName.split('.').includes('')) {
    refuse(`The fieldName "${fieldName}" must be a field or a dotted path of at most ${maxFieldDepth} fields`);
  }
  if (typeof operator !== 'string' || !(operators as readonly string[]).includes(operator)) {
    refuse(`Unsupported filter operator "${String(operator)}" on "${fieldName}"`);
  }
  switch (operator as FilterOperator) {
    case 'eq':
    case 'ne':
      if (!isScalar(operand) && typeof operand !== 'boolean' && operand !== null) {
        refuse(`The ${operator} operator on "${fieldName}" takes a single value (a string, number, boolean or null)`);
      }
      return { fieldName, operator: operator as 'eq' | 'ne', value: operand };
    case 'lt':
    case 'le':
    case 'gt':
    case 'ge':
    case 'contains':
    case 'notContains':
      if (!isScalar(operand)) refuse(`The ${operator} operator on "${fieldName}" takes a single value (a string or number)`);
      return { fieldName, operator: operator as 'lt', value: operand };
    case 'beginsWith':
      if (typeof operand !== 'string') refuse(`The beginsWith operator on "${fieldName}" takes a string`);
      return { fieldName, operator: 'beginsWith', value: operand };
    case 'in':
    case 'notIn':
      return { fieldName, operator: operator as 'in', value: scalarList(operand, fieldName, operator, 1, maxInValues) };
    case 'containsAny':
      return { fieldName, operator: 'containsAny', value: scalarList(operand, fieldName, operator, 1, maxContainsAnyValues) };
    case 'between': {
      const [low, high] = scalarList(operand, fieldName, operator, 2, 2) as [Scalar, Scalar];
      if (typeof low !== typeof high) refuse(`The between operator on "${fieldName}" takes two values of the same type`);
      return { fieldName, operator: 'between', value: [low, high] };
    }
  }
}

function parseGroup(value: unknown): FilterGroup {
  if (!isObject(value) || !Array.isArray(value.filters) || value.filters.length === 0) refuse('Each entry of filterGroup needs a list of filters');
  if (value.filters.length > maxFiltersPerGroup) refuse(`Filters exceed maximum attributes limit ${maxFiltersPerGroup} for subscription.`);
  const filters = value.filters.map(parseFieldFilter);
  const fieldNames = new Set(filters.map(({ fieldName }) => fieldName));
  if (fieldNames.size < filters.length) refuse('subscription filter uses same fieldName multiple time');
  return { filters };
}

/**
 * The object a subscription resolver hands to `setSubscriptionFilter`, checked against AppSync's
 * format and limits: ≤ 10 groups, ≤ 5 filters in a group with one per field, in/notIn ≤ 5 values,
 * containsAny ≤ 20, between exactly 2, field paths ≤ 256 characters and 5 levels.
 * Throws InvalidSubscriptionFilterError otherwise.
 */
export function parseSubscriptionFilter(value: unknown): SubscriptionFilter {
  if (!isObject(value) || !Array.isArray(value.filterGroup) || value.filterGroup.length === 0) {
    refuse('A subscription filter is an object with a non-empty filterGroup list');
  }
  if (value.filterGroup.length > maxGroups) refuse(`Filters combination exceed maximum limit ${maxGroups} for subscription.`);
  return { filterGroup: value.filterGroup.map(parseGroup) };
}

function valueAt(payload: Record<string, unknown>, path: string): unknown {
  let value: unknown = payload;
  for (const part of path.split('.')) {
    if (!isObject(value)) return undefined;
    value = value[part];
  }
  return value;
}

/** Equality of filter values: numbers as decimals, strings exactly, booleans, and null (an absent field is null). */
function same(value: unknown, operand: unknown): boolean {
  if (operand === null) return value === null || value === undefined;
  if (typeof value === 'number' && typeof operand === 'number') return compareValues(value, operand) === 0;
  return value === operand;
}

function contains(value: unknown, operand: Scalar): boolean {
  if (typeof value === 'string') return typeof operand === 'string' && value.includes(operand);
  if (Array.isArray(value)) return value.some((element) => same(element, operand));
  return false;
}

function holds(filter: FieldFilter, payload: Record<string, unknown>): boolean {
  const value = valueAt(payload, filter.fieldName);
  switch (filter.operator) {
    case 'eq':
      return same(value, filter.value);
    case 'ne':
      return !same(value, filter.value);
    case 'lt':
    case 'le':
    case 'gt':
    case 'ge': {
      // Ordered as DynamoDB orders values: strings by UTF-8 bytes, numbers as decimals, never one type with another.
      const order = compareValues(value, filter.value);
      if (order === undefined) return false;
      return { lt: order < 0, le: order <= 0, gt: order > 0, ge: order >= 0 }[filter.operator];
    }
    case 'contains':
      return contains(value, filter.value);
    case 'notContains':
      return !contains(value, filter.value);
    case 'beginsWith':
      return typeof value === 'string' && value.startsWith(filter.value);
    case 'in':
      return filter.value.some((candidate) => same(value, candidate));
    case 'notIn':
      return !filter.value.some((candidate) => same(value, candidate));
    case 'between': {
      const [low, high] = filter.value;
      const fromLow = compareValues(value, low);
      const toHigh = compareValues(value, high);
      return fromLow !== undefined && toHigh !== undefined && fromLow >= 0 && toHigh <= 0;
    }
    case 'containsAny':
      return Array.isArray(value) && filter.value.some((candidate) => contains(value, candidate));
  }
}

/** Whether an event payload passes the filter: some group has every one of its filters hold. */
export function matchesSubscriptionFilter(filter: SubscriptionFilter, payload: Record<string, unknown>): boolean {
  return filter.filterGroup.some(({ filters }) => filters.every((rule) => holds(rule, payload)));
}

type Conjunction = { fieldName: string; operator: string; value: unknown }[];

function tooManyGroups(): never {
  refuse(`Filters combination exceed maximum limit ${maxGroups} for subscription.`);
}

/** Every way of picking one conjunction from `left` and one from `right`, joined. */
function product(left: Conjunction[], right: Conjunction[]): Conjunction[] {
  const result: Conjunction[] = [];
  for (const a of left) {
    for (const b of right) {
      result.push([...a, ...b]);
      if (result.length > maxGroups) tooManyGroups();
    }
  }
  return result;
}

/** A `ModelSubscription<Model>FilterInput` value as an OR of ANDs (disjunctive normal form). */
function disjunction(input: Record<string, unknown>): Conjunction[] {
  let result: Conjunction[] = [[]];
  for (const [key, value] of Object.entries(input)) {
    if (value === null || value === undefined) continue;
    if (key === 'and' || key === 'or') {
      if (!Array.isArray(value) || !value.every(isObject)) refuse(`"${key}" must be a list of filters`);
      if (key === 'and') {
        for (const part of value) result = product(result, disjunction(part));
      } else if (value.length > 0) {
        const alternatives = value.flatMap((part) => disjunction(part));
        if (alternatives.length > maxGroups) tooManyGroups();
        result = product(result, alternatives);
      }
      continue;
    }
    if (!isObject(value)) refuse(`The conditions on "${key}" must be an object`);
    const conditions: Conjunction = [];
    for (const [operator, operand] of Object.entries(value)) {
      if (operand !== null && operand !== undefined) conditions.push({ fieldName: key, operator, value: operand });
    }
    result = result.map((conjunction) => [...conjunction, ...conditions]);
  }
  return result;
}

/**
 * `util.transform.toSubscriptionFilter` of a `ModelSubscription<Model>FilterInput` value (field
 * conditions, `and`, `or`), checked by parseSubscriptionFilter. Undefined for an empty filter, which
 * lets every event through.
 */
export function toSubscriptionFilter(input: Record<string, unknown>): SubscriptionFilter | undefined {
  const groups = disjunction(input).filter((conjunction) => conjunction.length > 0);
  if (groups.length === 0) return undefined;
  return parseSubscriptionFilter({ filterGroup: groups.map((filters) => ({ filters })) });
}
