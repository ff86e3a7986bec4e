/**
 * DynamoDB's typed JSON (`{"S": "x"}`, `{"N": "1"}`, ...), which APPSYNC_JS resolvers hand to
 * a DynamoDB data source, and the plain values the local tables store.
 */
export type AttributeValue =
  | { S: string }
  | { N: string }
  | { BOOL: boolean }
  | { NULL: true }
  | { L: AttributeValue[] }
  | { M: Record<string, AttributeValue> }
  | { SS: string[] }
  | { NS: string[] }
  | { B: string }
  | { BS: string[] };

export type AttributeMap = Record<string, AttributeValue>;

/** A request value that is not valid typed JSON, refused as DynamoDB refuses it. */
export class InvalidAttributeValueError extends Error {
  override readonly name = 'InvalidAttributeValueError';
}

const typeKeys = new Set(['S', 'N', 'BOOL', 'NULL', 'L', 'M', 'SS', 'NS', 'B', 'BS']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `util.dynamodb.toDynamoDB`: the typed form of a plain value (strings S, numbers N, arrays L, objects M). */
export function toAttributeValue(value: unknown): AttributeValue {
  if (value === null || value === undefined) return { NULL: true };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new InvalidAttributeValueError(`The number ${value} cannot be stored in DynamoDB`);
    return { N: String(value) };
  }
  if (typeof value === 'boolean') return { BOOL: value };
  if (Array.isArray(value)) return { L: value.map(toAttributeValue) };
  if (isRecord(value)) return { M: toAttributeMap(value) };
  throw new InvalidAttributeValueError(`A value of type ${typeof value} cannot be stored in DynamoDB`);
}

/** `util.dynamodb.toMapValues`: every member typed; undefined members are left out. */
export function toAttributeMap(record: Record<string, unknown>): AttributeMap {
  const map: AttributeMap = {};
  for (const [name, value] of Object.entries(record)) {
    if (value !== undefined) map[name] = toAttributeValue(value);
  }
  return map;
}

function numberOf(text: unknown): number {
  const value = typeof text === 'string' && text.trim() !== '' ? Number(text) : Number.NaN;
  if (!Number.isFinite(value)) throw new InvalidAttributeValueError(`The parameter cannot be converted to a numeric value: ${String(text)}`);
  return value;
}

function stringList(value: unknown, type: string): string[] {
  if (!Array.isArray(value) || value.some((entry) => typeof entry !== 'string')) {
    throw new InvalidAttributeValueError(`Supplied AttributeValue has a malformed ${type}`);
  }
  if (value.length === 0) throw new InvalidAttributeValueError('An string set  may not be empty');
  if (new Set(value).size !== value.length) throw new InvalidAttributeValueError(`Input collection ${JSON.stringify(value)} contains duplicates.`);
  return value as string[];
}

/**
 * Checks that `value` is typed JSON as DynamoDB accepts it (exactly one type key, the right
 * kind of content) and returns it typed.
 */
export function parseAttributeValue(value: unknown): AttributeValue {
  if (!isRecord(value)) throw new InvalidAttributeValueError('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes');
  const keys = Object.keys(value).filter((key) => typeKeys.has(key));
  if (keys.length !== 1 || Object.keys(value).length !== 1) {
    throw new InvalidAttributeValueError('Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes');
  }
  const [type] = keys as [string];
  const content = value[type];
  switch (type) {
    case 'S':
    case 'B':
      if (typeof content !== 'string') throw new InvalidAttributeValueError(`Supplied AttributeValue has a malformed ${type}`);
      return type === 'S' ? { S: content } : { B: content };
    case 'N':
      numberOf(content);
      return { N: String(content) };
    case 'BOOL':
      if (typeof content !== 'boolean') throw new InvalidAttributeValueError('Supplied AttributeValue has a malformed BOOL');
      return { BOOL: content };
    case 'NULL':
      if (content !== true) throw new InvalidAttributeValueError('One or more parameter values were invalid: Null attribute value types must have the value of true');
      return { NULL: true };
    case 'L':
      if (!Array.isArray(content)) throw new InvalidAttributeValueError('Supplied AttributeValue has a malformed L');
      return { L: content.map(parseAttributeValue) };
    case 'M':
      if (!isRecord(content)) throw new InvalidAttributeValueError('Supplied AttributeValue has a malformed M');
      return { M: parseAttributeMap(content) };
    case 'SS':
      return { SS: stringList(content, 'SS') };
    case 'NS':
      stringList(content, 'NS').forEach(numberOf);
      return { NS: content as string[] };
    default:
      return { BS: stringList(content, 'BS') };
  }
}

export function parseAttributeMap(value: unknown): AttributeMap {
  if (!isRecord(value)) throw new InvalidAttributeValueError('Expected a map of attribute values');
  const map: AttributeMap = {};
  for (const [name, entry] of Object.entries(value)) map[name] = parseAttributeValue(entry);
  return map;
}

/**
 * The plain value of a typed one, as AppSync hands a data source's result to the response
 * handler. Sets become arrays (the local tables keep no set type; Amplify's models have none).
 */
export function fromAttributeValue(value: AttributeValue): unknown {
  if ('S' in value) return value.S;
  if ('N' in value) return numberOf(value.N);
  if ('BOOL' in value) return value.BOOL;
  if ('NULL' in value) return null;
  if ('L' in value) return value.L.map(fromAttributeValue);
  if ('M' in value) return fromAttributeMap(value.M);
  if ('SS' in value) return [...value.SS];
  if ('NS' in value) return value.NS.map(numberOf);
  if ('B' in value) return value.B;
  return [...value.BS];
}

export function fromAttributeMap(map: AttributeMap): Record<string, unknown> {
  return Object.fromEntries(Object.entries(map).map(([name, value]) => [name, fromAttributeValue(value)]));
}

/** The DynamoDB type name of a typed value (`S`, `N`, ...), as attribute_type() and errors name it. */
export function typeOf(value: AttributeValue): string {
  return Object.keys(value)[0] as string;
}
