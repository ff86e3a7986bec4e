/**
 * How the renderer sees JavaScript values as the Java objects AppSync's Velocity works on:
 * strings, numbers, booleans, arrays as `List`, plain objects as `Map`, `null`.
 * `undefined` never is a value: it marks a reference Velocity could not resolve.
 */

export type JavaMap = Record<string, unknown>;

/**
 * `map.put(key, value)`: an own property even for the key `__proto__`, which plain assignment
 * would turn into a prototype change.
 */
export function putEntry(map: JavaMap, key: string, value: unknown): void {
  // Plain objects have no setters but `__proto__`'s (maps from JSON or templates only hold
  // writable, configurable own data properties).
  if (key !== '__proto__') {
    map[key] = value;
    return;
  }
  Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
}

/** One entry of `$map.entrySet()`; `setValue` writes through to the map. */
export class MapEntry {
  constructor(
    private readonly map: JavaMap,
    readonly key: string,
  ) {}

  get value(): unknown {
    return this.map[this.key] ?? null;
  }

  set value(value: unknown) {
    putEntry(this.map, this.key, value);
  }
}

/** Velocity 1.7's `$foreach`: `$foreach.index`, `$foreach.hasNext()`, `$foreach.parent`... */
export class ForeachScope {
  constructor(
    readonly index: number,
    readonly size: number,
    readonly parent: ForeachScope | null,
  ) {}

  get count(): number {
    return this.index + 1;
  }

  get hasNext(): boolean {
    return this.index + 1 < this.size;
  }
}

/** A Java exception thrown by a method a template called; AppSync fails the template with it. */
export class JavaException extends Error {
  override readonly name = 'JavaException';
}

export function isMap(value: unknown): value is JavaMap {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

export function isList(value: unknown): value is unknown[] {
  return Array.isArray(value);
}

export function isNumber(value: unknown): value is number {
  return typeof value === 'number';
}

/** Velocity 1.7's #if: only null and false are false (an empty string or 0 is true). */
export function isTruthy(value: unknown): boolean {
  return value !== null && value !== undefined && value !== false;
}

function doubleToString(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e7) return String(value);
  const [mantissa = '', exponent = '0'] = value.toExponential().split('e');
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
}

/**
 * Java's `String.valueOf`: what `$x` prints. A whole number prints as an integer: a JSON number
 * does not say whether Java would hold it as Integer or Double.
 */
export function javaToString(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) < 1e21 ? String(value) : doubleToString(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(javaToString).join(', ')}]`;
  if (value instanceof MapEntry) return `${value.key}=${javaToString(value.value)}`;
  if (isMap(value)) {
    return `{${Object.entries(value)
      .filter(([, member]) => member !== undefined)
      .map(([key, member]) => `${key}=${javaToString(member)}`)
      .join(', ')}}`;
  }
  return String(value);
}

/** Java's `equals` on the values a template holds: lists and maps compare by content. */
export function javaEquals(a: unknown, b: unknown): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a === null || b === null) return a === b;
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((entry, i) => javaEquals(entry, b[i]));
  if (isMap(a) && isMap(b)) {
    const keys = Object.keys(a).filter((key) => a[key] !== undefined);
    const otherKeys = Object.keys(b).filter((key) => b[key] !== undefined);
    return keys.length === otherKeys.length && keys.every((key) => Object.hasOwn(b, key) && javaEquals(a[key], b[key]));
  }
  if (a instanceof MapEntry && b instanceof MapEntry) return a.key === b.key && javaEquals(a.value, b.value);
  return a === b;
}

type Kind = 'null' | 'string' | 'number' | 'boolean' | 'list' | 'map' | 'other';

export function kindOf(value: unknown): Kind {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (Array.isArray(value)) return 'list';
  if (isMap(value)) return 'map';
  return 'other';
}

/**
 * Velocity 1.7's `==`: null equals only null, numbers compare by value, objects of one class by
 * `equals`, and objects of different classes by their `toString()` (so `"1" == 1`).
 */
export function velocityEquals(a: unknown, b: unknown): boolean {
  const left = kindOf(a);
  const right = kindOf(b);
  if (left === 'null' || right === 'null') return left === right;
  if (left === right) return javaEquals(a, b);
  return javaToString(a) === javaToString(b);
}

/** Java's `hashCode` of a string, for templates that print it. */
export function stringHashCode(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return hash;
}
