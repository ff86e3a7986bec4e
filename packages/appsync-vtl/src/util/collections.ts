import { HostObject } from '../host-object';
import { isMap, javaEquals, javaToString, kindOf } from '../java-values';

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const asMap = (value: unknown): Record<string, unknown> => (isMap(value) ? value : {});

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return 0;
}

/** `$util.list`. */
export function createList(): HostObject {
  return new HostObject({
    copyAndRetainAll: (list: unknown, intersect: unknown) => asList(list).filter((entry) => asList(intersect).some((other) => javaEquals(entry, other))),
    copyAndRemoveAll: (list: unknown, remove: unknown) => asList(list).filter((entry) => !asList(remove).some((other) => javaEquals(entry, other))),
    sortList: (list: unknown, descending: unknown, property: unknown) => {
      const key = property === null || property === undefined ? '' : javaToString(property);
      const value = (entry: unknown) => (key !== '' && isMap(entry) ? entry[key] : entry);
      const sorted = [...asList(list)].sort((a, b) => compare(value(a), value(b)));
      return descending === true ? sorted.reverse() : sorted;
    },
  });
}

/** `$util.map`. */
export function createMap(): HostObject {
  const keep = (map: unknown, keys: unknown, retain: boolean) =>
    Object.fromEntries(Object.entries(asMap(map)).filter(([key, value]) => value !== undefined && asList(keys).some((other) => javaEquals(key, other)) === retain));
  return new HostObject({
    copyAndRetainAllKeys: (map: unknown, keys: unknown) => keep(map, keys, true),
    copyAndRemoveAllKeys: (map: unknown, keys: unknown) => keep(map, keys, false),
  });
}

/** `$util.str`. */
export function createStr(): HostObject {
  return new HostObject({
    toUpper: (text: unknown) => javaToString(text).toUpperCase(),
    toLower: (text: unknown) => javaToString(text).toLowerCase(),
    toReplace: (text: unknown, target: unknown, replacement: unknown) => javaToString(text).split(javaToString(target)).join(javaToString(replacement)),
    normalize: (text: unknown, form: unknown) => {
      const name = javaToString(form).toUpperCase();
      return ['NFC', 'NFD', 'NFKC', 'NFKD'].includes(name) ? javaToString(text).normalize(name) : null;
    },
  });
}

const number = (value: unknown) => (kindOf(value) === 'number' ? (value as number) : Number.NaN);

/** `$util.math`. */
export function createMath(): HostObject {
  return new HostObject({
    // Java's Math.round: halves round up, as JavaScript's does.
    roundNum: (value: unknown) => Math.round(number(value)),
    minVal: (a: unknown, b: unknown) => Math.min(number(a), number(b)),
    maxVal: (a: unknown, b: unknown) => Math.max(number(a), number(b)),
    randomDouble: () => Math.random(),
    randomWithinRange: (low: unknown, high: unknown) => {
      const from = number(low);
      const to = number(high);
      return from + Math.floor(Math.random() * (to - from + 1));
    },
  });
}
