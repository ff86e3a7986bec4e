import { javaMatches, javaReplaceAll, javaSplit } from './java-regex';
import { ForeachScope, isMap, javaEquals, JavaException, javaToString, MapEntry, putEntry, stringHashCode, type JavaMap } from './java-values';

/**
 * The Java methods templates call on strings, lists, maps and numbers, with Java's results:
 * `null` where Java returns null, `''` where it returns void (Velocity prints nothing for void),
 * and `undefined` when Java has no such method for these arguments (Velocity then leaves the
 * reference unresolved).
 */

class NoSuchMethod extends Error {}

const npe = () => new JavaException('java.lang.NullPointerException');

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) throw npe();
  throw new NoSuchMethod();
}

function int(value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  throw new NoSuchMethod();
}

function list(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (value === null || value === undefined) throw npe();
  throw new NoSuchMethod();
}

function map(value: unknown): JavaMap {
  if (isMap(value)) return value;
  if (value === null || value === undefined) throw npe();
  throw new NoSuchMethod();
}

function checkIndex(index: number, size: number): number {
  if (index < 0 || index >= size) throw new JavaException(`java.lang.IndexOutOfBoundsException: Index ${index} out of bounds for length ${size}`);
  return index;
}

function stringBounds(s: string, begin: number, end: number): void {
  if (begin < 0 || end > s.length || begin > end) {
    throw new JavaException(`java.lang.StringIndexOutOfBoundsException: begin ${begin}, end ${end}, length ${s.length}`);
  }
}

const isJavaWhitespace = (char: string) => char <= ' ';

type Methods<T> = Record<string, (self: T, args: unknown[]) => unknown>;

const objectMethods: Methods<unknown> = {
  toString: (self: unknown, args: unknown[]) => (args.length === 0 ? javaToString(self) : undefined),
  equals: (self, [other]) => javaEquals(self, other),
};

const stringMethods: Methods<string> = {
  length: (s) => s.length,
  isEmpty: (s) => s.length === 0,
  isBlank: (s) => s.trim() === '',
  contains: (s, [part]) => s.includes(text(part)),
  startsWith: (s, [prefix, offset]) => s.startsWith(text(prefix), offset === undefined ? 0 : int(offset)),
  endsWith: (s, [suffix]) => s.endsWith(text(suffix)),
  equalsIgnoreCase: (s, [other]) => typeof other === 'string' && s.toLowerCase() === other.toLowerCase(),
  indexOf: (s, [part, from]) => s.indexOf(text(part), from === undefined ? 0 : int(from)),
  lastIndexOf: (s, [part, from]) => s.lastIndexOf(text(part), from === undefined ? Infinity : int(from)),
  substring: (s, [begin, end]) => {
    const from = int(begin);
    const to = end === undefined ? s.length : int(end);
    stringBounds(s, from, to);
    return s.slice(from, to);
  },
  toLowerCase: (s) => s.toLowerCase(),
  toUpperCase: (s) => s.toUpperCase(),
  trim: (s) => {
    let start = 0;
    let end = s.length;
    while (start < end && isJavaWhitespace(s.charAt(start))) start++;
    while (end > start && isJavaWhitespace(s.charAt(end - 1))) end--;
    return s.slice(start, end);
  },
  strip: (s) => s.trim(),
  replace: (s, [target, replacement]) => s.split(text(target)).join(text(replacement)),
  replaceAll: (s, [regex, replacement]) => javaReplaceAll(s, text(regex), text(replacement)),
  replaceFirst: (s, [regex, replacement]) => javaReplaceAll(s, text(regex), text(replacement), true),
  split: (s, [regex, limit]) => javaSplit(s, text(regex), limit === undefined ? 0 : int(limit)),
  matches: (s, [regex]) => javaMatches(text(regex), s),
  charAt: (s, [index]) => s.charAt(checkIndex(int(index), s.length)),
  concat: (s, [other]) => s + text(other),
  compareTo: (s, [other]) => {
    const o = text(other);
    for (let i = 0; i < Math.min(s.length, o.length); i++) if (s.charCodeAt(i) !== o.charCodeAt(i)) return s.charCodeAt(i) - o.charCodeAt(i);
    return s.length - o.length;
  },
  hashCode: (s) => stringHashCode(s),
};

function removeWhere(l: unknown[], drop: (entry: unknown) => boolean): boolean {
  let changed = false;
  for (let i = l.length - 1; i >= 0; i--) {
    if (drop(l[i])) {
      l.splice(i, 1);
      changed = true;
    }
  }
  return changed;
}

const listMethods: Methods<unknown[]> = {
  size: (l) => l.length,
  isEmpty: (l) => l.length === 0,
  contains: (l, [value]) => l.some((entry) => javaEquals(entry, value)),
  containsAll: (l, [other]) => list(other).every((value) => l.some((entry) => javaEquals(entry, value))),
  add: (l, args) => {
    if (args.length === 1) {
      l.push(args[0]);
      return true;
    }
    const index = int(args[0]);
    if (index < 0 || index > l.length) checkIndex(index, l.length);
    l.splice(index, 0, args[1]);
    return '';
  },
  addAll: (l, args) => {
    const items = list(args[args.length - 1]);
    if (args.length === 1) l.push(...items);
    else l.splice(checkIndex(int(args[0]), l.length + 1), 0, ...items);
    return items.length > 0;
  },
  remove: (l, [value]) => {
    if (typeof value === 'number' && Number.isInteger(value)) return l.splice(checkIndex(value, l.length), 1)[0];
    const index = l.findIndex((entry) => javaEquals(entry, value));
    if (index < 0) return false;
    l.splice(index, 1);
    return true;
  },
  removeAll: (l, [other]) => {
    const drop = list(other);
    return removeWhere(l, (entry) => drop.some((value) => javaEquals(entry, value)));
  },
  retainAll: (l, [other]) => {
    const keep = list(other);
    return removeWhere(l, (entry) => !keep.some((value) => javaEquals(entry, value)));
  },
  get: (l, [index]) => l[checkIndex(int(index), l.length)],
  set: (l, [index, value]) => {
    const i = checkIndex(int(index), l.length);
    const previous = l[i];
    l[i] = value;
    return previous;
  },
  indexOf: (l, [value]) => l.findIndex((entry) => javaEquals(entry, value)),
  lastIndexOf: (l, [value]) => l.findLastIndex((entry) => javaEquals(entry, value)),
  subList: (l, [from, to]) => {
    const begin = int(from);
    const end = int(to);
    if (begin < 0 || end > l.length || begin > end) throw new JavaException(`java.lang.IndexOutOfBoundsException: fromIndex ${begin}, toIndex ${end}, size ${l.length}`);
    return l.slice(begin, end);
  },
  clear: (l) => {
    l.length = 0;
    return '';
  },
};

const keyOf = (key: unknown): string => (typeof key === 'string' ? key : javaToString(key));
const entryOf = (m: JavaMap, key: string) => (Object.hasOwn(m, key) && m[key] !== undefined ? m[key] : null);

const mapMethods: Methods<JavaMap> = {
  get: (m, [key]) => entryOf(m, keyOf(key)),
  getOrDefault: (m, [key, fallback]) => (Object.hasOwn(m, keyOf(key)) ? entryOf(m, keyOf(key)) : fallback),
  put: (m, [key, value]) => {
    const previous = entryOf(m, keyOf(key));
    putEntry(m, keyOf(key), value);
    return previous;
  },
  putIfAbsent: (m, [key, value]) => {
    const previous = entryOf(m, keyOf(key));
    if (previous === null) putEntry(m, keyOf(key), value);
    return previous;
  },
  putAll: (m, [other]) => {
    for (const [key, value] of Object.entries(map(other))) putEntry(m, key, value);
    return '';
  },
  remove: (m, [key]) => {
    const previous = entryOf(m, keyOf(key));
    Reflect.deleteProperty(m, keyOf(key));
    return previous;
  },
  containsKey: (m, [key]) => Object.hasOwn(m, keyOf(key)) && m[keyOf(key)] !== undefined,
  containsValue: (m, [value]) => Object.values(m).some((entry) => entry !== undefined && javaEquals(entry, value)),
  keySet: (m) => Object.keys(m).filter((key) => m[key] !== undefined),
  values: (m) => Object.values(m).filter((value) => value !== undefined),
  entrySet: (m) => Object.keys(m).filter((key) => m[key] !== undefined).map((key) => new MapEntry(m, key)),
  size: (m) => Object.values(m).filter((value) => value !== undefined).length,
  isEmpty: (m) => Object.values(m).every((value) => value === undefined),
  clear: (m) => {
    for (const key of Object.keys(m)) Reflect.deleteProperty(m, key);
    return '';
  },
};

const entryMethods: Methods<MapEntry> = {
  getKey: (e) => e.key,
  getValue: (e) => e.value,
  setValue: (e, [value]) => {
    const previous = e.value;
    e.value = value;
    return previous;
  },
};

const foreachMethods: Methods<ForeachScope> = {
  getIndex: (scope) => scope.index,
  getCount: (scope) => scope.count,
  hasNext: (scope) => scope.hasNext,
  getHasNext: (scope) => scope.hasNext,
  isFirst: (scope) => scope.index === 0,
  getFirst: (scope) => scope.index === 0,
  isLast: (scope) => !scope.hasNext,
  getLast: (scope) => !scope.hasNext,
  getParent: (scope) => scope.parent,
};

const numberMethods: Methods<number> = {
  intValue: (n) => Math.trunc(n),
  longValue: (n) => Math.trunc(n),
  doubleValue: (n) => n,
  floatValue: (n) => n,
  compareTo: (n, [other]) => {
    if (typeof other !== 'number') throw new NoSuchMethod();
    return Math.sign(n - other);
  },
};

const booleanMethods: Methods<boolean> = {
  booleanValue: (b) => b,
};

function methodsOf(target: unknown): Methods<never> | undefined {
  if (typeof target === 'string') return stringMethods as Methods<never>;
  if (Array.isArray(target)) return listMethods as Methods<never>;
  if (target instanceof MapEntry) return entryMethods as Methods<never>;
  if (target instanceof ForeachScope) return foreachMethods as Methods<never>;
  if (isMap(target)) return mapMethods as Methods<never>;
  if (typeof target === 'number') return numberMethods as Methods<never>;
  if (typeof target === 'boolean') return booleanMethods as Methods<never>;
  return undefined;
}

/** Calls `name` on `target` as Java would; `undefined` when there is no such method. */
export function callJavaMethod(target: unknown, name: string, args: unknown[]): unknown {
  const methods = methodsOf(target);
  const method = methods && Object.hasOwn(methods, name) ? methods[name] : Object.hasOwn(objectMethods, name) ? objectMethods[name] : undefined;
  if (!method) return undefined;
  try {
    return method(target as never, args);
  } catch (error) {
    if (error instanceof NoSuchMethod) return undefined;
    throw error;
  }
}

/**
 * `$x.name` as Velocity resolves it: `get("name")` on a map, else a `getName()` or `isName()`
 * getter (so `$list.empty` is `isEmpty()`, `$entry.key` is `getKey()`).
 */
export function getJavaProperty(target: unknown, name: string): unknown {
  if (isMap(target)) return entryOf(target, name);
  const capitalized = name.charAt(0).toUpperCase() + name.slice(1);
  const getter = callJavaMethod(target, `get${capitalized}`, []);
  return getter !== undefined ? getter : callJavaMethod(target, `is${capitalized}`, []);
}
