import { toAttributeValue } from '@exam-results/appsync-js';
import { HostObject } from '../host-object';
import { isMap, javaToString, putEntry } from '../java-values';
import { toJsonValue } from './json';

type Typed = Record<string, unknown>;

const nullValue = (): Typed => ({ NULL: true });

function typed(make: (value: never) => Typed): (value: unknown) => Typed {
  return (value) => (value === null || value === undefined ? nullValue() : make(value as never));
}

const plain = (value: unknown) => toAttributeValue(toJsonValue(value)) as Typed;

const strings = (list: unknown[]) => list.map((entry) => javaToString(entry));

function mapValues(map: unknown): Typed {
  const typedMap: Typed = {};
  if (isMap(map)) for (const [key, value] of Object.entries(map)) if (value !== undefined) putEntry(typedMap, key, plain(value));
  return typedMap;
}

/** `$util.dynamodb`: values in DynamoDB's typed JSON, as objects and (`...Json`) as JSON strings. */
export function createDynamoDb(): HostObject {
  const converters: Record<string, (value: unknown) => unknown> = {
    toDynamoDB: plain,
    toString: typed((value: unknown) => ({ S: javaToString(value) })),
    toStringSet: typed((list: unknown[]) => ({ SS: strings(list) })),
    toNumber: typed((value: unknown) => ({ N: javaToString(value) })),
    toNumberSet: typed((list: unknown[]) => ({ NS: strings(list) })),
    toBinary: typed((value: unknown) => ({ B: javaToString(value) })),
    toBinarySet: typed((list: unknown[]) => ({ BS: strings(list) })),
    toBoolean: typed((value: unknown) => ({ BOOL: value === true })),
    toList: typed((list: unknown[]) => plain(list)),
    toMap: typed((map: unknown) => ({ M: mapValues(map) })),
    toMapValues: mapValues,
  };
  const members: Record<string, (value: unknown) => unknown> = {};
  for (const [name, convert] of Object.entries(converters)) {
    members[name] = (value: unknown) => convert(value);
    members[`${name}Json`] = (value: unknown) => JSON.stringify(convert(value));
  }
  return new HostObject({ ...members, toNull: nullValue, toNullJson: () => JSON.stringify(nullValue()) });
}
