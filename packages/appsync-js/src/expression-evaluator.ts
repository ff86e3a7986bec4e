import { isDeepStrictEqual } from 'node:util';
import { typeOf, type AttributeMap, type AttributeValue } from './attribute-value';
import { canonicalDecimal, compareAttributeValues as order, compareDecimals } from './comparison';
import { ValidationError, type Condition, type Operand, type Path, type UpdateAction, type UpdateValue } from './expression-parser';

/** Evaluates parsed DynamoDB expressions on typed items, with DynamoDB's rules for types and missing attributes. */

export function resolvePath(item: AttributeMap, path: Path): AttributeValue | undefined {
  let current: AttributeValue | undefined;
  for (const [index, segment] of path.entries()) {
    if (index === 0) {
      current = item[segment as string];
    } else if (typeof segment === 'number') {
      current = current && 'L' in current ? current.L[segment] : undefined;
    } else {
      current = current && 'M' in current ? current.M[segment] : undefined;
    }
    if (current === undefined) return undefined;
  }
  return current;
}

function sizeOf(value: AttributeValue): number | undefined {
  if ('S' in value) return Buffer.byteLength(value.S);
  if ('B' in value) return Buffer.from(value.B, 'base64').length;
  if ('L' in value) return value.L.length;
  if ('M' in value) return Object.keys(value.M).length;
  if ('SS' in value) return value.SS.length;
  if ('NS' in value) return value.NS.length;
  if ('BS' in value) return value.BS.length;
  return undefined;
}

function operandValue(operand: Operand, item: AttributeMap): AttributeValue | undefined {
  if (operand.kind === 'value') return operand.value;
  const value = resolvePath(item, operand.path);
  if (operand.kind === 'path' || value === undefined) return value;
  const size = sizeOf(value);
  return size === undefined ? undefined : { N: String(size) };
}

function canonical(value: AttributeValue): unknown {
  if ('N' in value) return { N: canonicalDecimal(value.N) };
  if ('NS' in value) return { NS: value.NS.map(canonicalDecimal).sort() };
  if ('SS' in value) return { SS: [...value.SS].sort() };
  if ('BS' in value) return { BS: [...value.BS].sort() };
  if ('L' in value) return { L: value.L.map(canonical) };
  if ('M' in value) return { M: Object.fromEntries(Object.entries(value.M).map(([key, entry]) => [key, canonical(entry)])) };
  return value;
}

export function attributeValuesEqual(a: AttributeValue, b: AttributeValue): boolean {
  return isDeepStrictEqual(canonical(a), canonical(b));
}

const attributeTypes = new Set(['S', 'SS', 'N', 'NS', 'B', 'BS', 'BOOL', 'NULL', 'L', 'M']);

function requireScalarOperand(operand: Operand, item: AttributeMap, name: string, kind: string, allowed: string[]): AttributeValue | undefined {
  const value = operandValue(operand, item);
  if (operand.kind === 'value' && value && !allowed.includes(typeOf(value))) {
    throw new ValidationError(`Invalid ${kind}: Incorrect operand type for operator or function; operator or function: ${name}, operand type: ${typeOf(value)}`);
  }
  return value;
}

export function evaluateCondition(condition: Condition, item: AttributeMap, kind = 'ConditionExpression'): boolean {
  switch (condition.kind) {
    case 'and':
      return evaluateCondition(condition.left, item, kind) && evaluateCondition(condition.right, item, kind);
    case 'or':
      return evaluateCondition(condition.left, item, kind) || evaluateCondition(condition.right, item, kind);
    case 'not':
      return !evaluateCondition(condition.operand, item, kind);
    case 'compare': {
      const left = operandValue(condition.left, item);
      const right = operandValue(condition.right, item);
      if (condition.comparator === '=') return left !== undefined && right !== undefined && attributeValuesEqual(left, right);
      if (condition.comparator === '<>') return left === undefined || right === undefined || !attributeValuesEqual(left, right);
      const compared = left && right ? order(left, right) : undefined;
      if (compared === undefined) return false;
      return { '<': compared < 0, '<=': compared <= 0, '>': compared > 0, '>=': compared >= 0 }[condition.comparator];
    }
    case 'between': {
      const value = operandValue(condition.operand, item);
      const low = operandValue(condition.low, item);
      const high = operandValue(condition.high, item);
      if (!value || !low || !high) return false;
      const bounds = order(low, high);
      if (bounds !== undefined && bounds > 0 && condition.low.kind === 'value' && condition.high.kind === 'value') {
        throw new ValidationError(`Invalid ${kind}: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {${typeOf(low)}:${JSON.stringify(Object.values(low)[0])}}, upper bound operand: AttributeValue: {${typeOf(high)}:${JSON.stringify(Object.values(high)[0])}}`);
      }
      const fromLow = order(value, low);
      const toHigh = order(value, high);
      return fromLow !== undefined && toHigh !== undefined && fromLow >= 0 && toHigh <= 0;
    }
    case 'in': {
      const value = operandValue(condition.operand, item);
      if (!value) return false;
      return condition.candidates.some((candidate) => {
        const other = operandValue(candidate, item);
        return other !== undefined && attributeValuesEqual(value, other);
      });
    }
    case 'function': {
      const value = resolvePath(item, condition.path);
      switch (condition.name) {
        case 'attribute_exists':
          return value !== undefined;
        case 'attribute_not_exists':
          return value === undefined;
        case 'attribute_type': {
          const wanted = operandValue(condition.operand, item);
          if (!wanted || !('S' in wanted) || !attributeTypes.has(wanted.S)) {
            throw new ValidationError(`Invalid ${kind}: Invalid attribute type name found; type: ${wanted && 'S' in wanted ? wanted.S : String(wanted && typeOf(wanted))}, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}`);
          }
          return value !== undefined && typeOf(value) === wanted.S;
        }
        case 'begins_with': {
          const prefix = requireScalarOperand(condition.operand, item, 'begins_with', kind, ['S', 'B']);
          if (!value || !prefix) return false;
          if ('S' in value && 'S' in prefix) return value.S.startsWith(prefix.S);
          if ('B' in value && 'B' in prefix) return Buffer.from(value.B, 'base64').subarray(0, Buffer.from(prefix.B, 'base64').length).equals(Buffer.from(prefix.B, 'base64'));
          return false;
        }
        case 'contains': {
          const needle = operandValue(condition.operand, item);
          if (!value || !needle) return false;
          if ('S' in value) return 'S' in needle && value.S.includes(needle.S);
          if ('SS' in value) return 'S' in needle && value.SS.includes(needle.S);
          if ('NS' in value) return 'N' in needle && value.NS.some((n) => compareDecimals(n, needle.N) === 0);
          if ('BS' in value) return 'B' in needle && value.BS.includes(needle.B);
          if ('L' in value) return value.L.some((element) => attributeValuesEqual(element, needle));
          return false;
        }
      }
    }
  }
}

function missingAttribute(): ValidationError {
  return new ValidationError('The provided expression refers to an attribute that does not exist in the item');
}

function wrongType(operator: string, value: AttributeValue): ValidationError {
  return new ValidationError(`An operand in the update expression has an incorrect data type; operator or function: ${operator}, operand type: ${typeOf(value)}`);
}

function updateValue(value: UpdateValue, item: AttributeMap): AttributeValue {
  switch (value.kind) {
    case 'value':
    case 'path':
    case 'size': {
      const resolved = operandValue(value, item);
      if (resolved === undefined) throw missingAttribute();
      return resolved;
    }
    case 'if_not_exists':
      return resolvePath(item, value.path) ?? updateValue(value.fallback, item);
    case 'list_append': {
      const first = updateValue(value.first, item);
      const second = updateValue(value.second, item);
      if (!('L' in first)) throw wrongType('list_append', first);
      if (!('L' in second)) throw wrongType('list_append', second);
      return { L: [...first.L, ...second.L] };
    }
    case 'plus':
    case 'minus': {
      const left = updateValue(value.left, item);
      const right = updateValue(value.right, item);
      const operator = value.kind === 'plus' ? '+' : '-';
      if (!('N' in left)) throw wrongType(operator, left);
      if (!('N' in right)) throw wrongType(operator, right);
      const result = value.kind === 'plus' ? Number(left.N) + Number(right.N) : Number(left.N) - Number(right.N);
      return { N: String(result) };
    }
  }
}

/** Writes `value` at `path` in a copy of the item's nested containers; list indexes past the end append. */
function setAt(item: AttributeMap, path: Path, value: AttributeValue | undefined): void {
  const [first, ...rest] = path;
  if (rest.length === 0) {
    if (value === undefined) Reflect.deleteProperty(item, first as string);
    else item[first as string] = value;
    return;
  }
  const container = item[first as string];
  if (container === undefined) {
    if (value === undefined) return;
    throw new ValidationError('The document path provided in the update expression is invalid for update');
  }
  item[first as string] = setIn(container, rest, value);
}

function setIn(container: AttributeValue, path: Path, value: AttributeValue | undefined): AttributeValue {
  const [segment, ...rest] = path as [string | number, ...Path];
  if (typeof segment === 'number') {
    if (!('L' in container)) throw new ValidationError('The document path provided in the update expression is invalid for update');
    const list = [...container.L];
    if (rest.length === 0) {
      if (value === undefined) list.splice(segment, 1);
      else if (segment >= list.length) list.push(value);
      else list[segment] = value;
      return { L: list };
    }
    const child = list[segment];
    if (child === undefined) throw new ValidationError('The document path provided in the update expression is invalid for update');
    list[segment] = setIn(child, rest, value);
    return { L: list };
  }
  if (!('M' in container)) throw new ValidationError('The document path provided in the update expression is invalid for update');
  const map = { ...container.M };
  if (rest.length === 0) {
    if (value === undefined) Reflect.deleteProperty(map, segment);
    else map[segment] = value;
    return { M: map };
  }
  const child = map[segment];
  if (child === undefined) throw new ValidationError('The document path provided in the update expression is invalid for update');
  map[segment] = setIn(child, rest, value);
  return { M: map };
}

function addTo(current: AttributeValue | undefined, value: AttributeValue): AttributeValue {
  if ('N' in value) {
    if (current === undefined) return value;
    if (!('N' in current)) throw wrongType('ADD', current);
    return { N: String(Number(current.N) + Number(value.N)) };
  }
  for (const set of ['SS', 'NS', 'BS'] as const) {
    if (set in value) {
      const added = (value as Record<string, string[]>)[set] as string[];
      if (current === undefined) return value;
      if (!(set in current)) throw wrongType('ADD', current);
      const existing = (current as Record<string, string[]>)[set] as string[];
      return { [set]: [...existing, ...added.filter((entry) => !existing.includes(entry))] } as AttributeValue;
    }
  }
  throw wrongType('ADD', value);
}

function deleteFrom(current: AttributeValue | undefined, value: AttributeValue): AttributeValue | undefined {
  for (const set of ['SS', 'NS', 'BS'] as const) {
    if (set in value) {
      if (current === undefined) return undefined;
      if (!(set in current)) throw wrongType('DELETE', current);
      const removed = (value as Record<string, string[]>)[set] as string[];
      const left = ((current as Record<string, string[]>)[set] as string[]).filter((entry) => !removed.includes(entry));
      return left.length === 0 ? undefined : ({ [set]: left } as AttributeValue);
    }
  }
  throw wrongType('DELETE', value);
}

/** The item after an update expression; every value is computed from the item as it was before. */
export function applyUpdate(item: AttributeMap, actions: readonly UpdateAction[]): AttributeMap {
  const planned = actions.map((action) => {
    switch (action.action) {
      case 'SET':
        return { path: action.path, value: updateValue(action.value, item) as AttributeValue | undefined };
      case 'REMOVE':
        return { path: action.path, value: undefined };
      case 'ADD':
        return { path: action.path, value: addTo(resolvePath(item, action.path), action.value) };
      case 'DELETE':
        return { path: action.path, value: deleteFrom(resolvePath(item, action.path), action.value) };
    }
  });
  const next = { ...item };
  for (const { path, value } of planned) setAt(next, path, value);
  return next;
}

function nest(path: Path, value: AttributeValue): AttributeValue {
  const [segment, ...rest] = path;
  if (segment === undefined) return value;
  return typeof segment === 'number' ? { L: [nest(rest, value)] } : { M: { [segment]: nest(rest, value) } };
}

function merge(a: AttributeValue, b: AttributeValue): AttributeValue {
  if ('M' in a && 'M' in b) {
    const merged = { ...a.M };
    for (const [key, value] of Object.entries(b.M)) merged[key] = merged[key] ? merge(merged[key], value) : value;
    return { M: merged };
  }
  if ('L' in a && 'L' in b) return { L: [...a.L, ...b.L] };
  return b;
}

/** Only the attributes a projection expression names; nested paths keep their enclosing maps and lists. */
export function project(item: AttributeMap, paths: readonly Path[]): AttributeMap {
  const projected: AttributeMap = {};
  for (const path of paths) {
    const value = resolvePath(item, path);
    if (value === undefined) continue;
    const [top, ...rest] = path as [string, ...Path];
    const wrapped = nest(rest, value);
    const existing = projected[top];
    projected[top] = existing ? merge(existing, wrapped) : wrapped;
  }
  return projected;
}
