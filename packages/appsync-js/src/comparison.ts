import type { AttributeValue } from './attribute-value';

/**
 * DynamoDB's order of scalars, for conditions, filters, key conditions and sort keys, and for
 * anything else that must order values as DynamoDB does (AppSync's enhanced subscription filters):
 * strings by the bytes of their UTF-8 encoding, numbers as decimals, binary by unsigned bytes.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html#HowItWorks.DataTypes
 * ("DynamoDB collates and compares strings using the bytes of the underlying UTF-8 string encoding.
 * For example, "a" (0x61) is greater than "A" (0x41), and "¿" (0xC2BF) is greater than "z" (0x7A).")
 */

/** UTF-16 code units ordered as the code points they encode: surrogates (U+10000 and up) above U+E000..U+FFFF. */
function codePointRank(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
}

/** Orders two strings by their UTF-8 bytes (the same order as their code points), without encoding them. */
export function compareUtf8(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++) {
    const left = a.charCodeAt(index);
    const right = b.charCodeAt(index);
    if (left !== right) return Math.sign(codePointRank(left) - codePointRank(right));
  }
  return Math.sign(a.length - b.length);
}

interface Decimal {
  sign: -1 | 0 | 1;
  /** Significant digits, no leading or trailing zeros. */
  digits: string;
  /** Position of the decimal point relative to the first significant digit: 0.0123 → digits "123", point -1. */
  point: number;
}

const decimalSyntax = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

function parseDecimal(text: string): Decimal | undefined {
  const match = decimalSyntax.exec(text.trim());
  if (!match) return undefined;
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match;
  if (whole === '' && fraction === '') return undefined;
  const all = whole + fraction;
  const leading = all.search(/[1-9]/);
  if (leading < 0) return { sign: 0, digits: '', point: 0 };
  const digits = all.slice(leading).replace(/0+$/, '');
  return { sign: sign === '-' ? -1 : 1, digits, point: whole.length - leading + Number(exponent) };
}

function compareMagnitudes(a: Decimal, b: Decimal): number {
  if (a.point !== b.point) return Math.sign(a.point - b.point);
  const length = Math.max(a.digits.length, b.digits.length);
  const left = a.digits.padEnd(length, '0');
  const right = b.digits.padEnd(length, '0');
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * Orders two numbers as decimals (DynamoDB's N: up to 38 significant digits, which a double
 * does not hold). Accepts JavaScript numbers and DynamoDB's number strings; undefined when
 * either is not a number.
 */
export function compareDecimals(a: number | string, b: number | string): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return Number.isFinite(a) && Number.isFinite(b) ? Math.sign(a - b) : undefined;
  const left = typeof a === 'number' ? (Number.isFinite(a) ? parseDecimal(String(a)) : undefined) : parseDecimal(a);
  const right = typeof b === 'number' ? (Number.isFinite(b) ? parseDecimal(String(b)) : undefined) : parseDecimal(b);
  if (!left || !right) return undefined;
  if (left.sign !== right.sign) return Math.sign(left.sign - right.sign);
  if (left.sign === 0) return 0;
  return left.sign * compareMagnitudes(left, right);
}

/** One spelling per decimal value ("1.50", "15e-1" and "+1.5" are all "1.5e0"), for equality; the text itself when it is not a number. */
export function canonicalDecimal(text: string): string {
  const decimal = parseDecimal(text);
  if (!decimal) return text;
  if (decimal.sign === 0) return '0';
  return `${decimal.sign < 0 ? '-' : ''}${decimal.digits.charAt(0)}.${decimal.digits.slice(1)}e${decimal.point - 1}`;
}

/** Orders two binary values by their bytes, each unsigned. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  return Buffer.compare(a, b);
}

/** Orders two typed scalars of the same type (S, N or B); undefined for different types or non-scalars, which DynamoDB does not order. */
export function compareAttributeValues(a: AttributeValue, b: AttributeValue): number | undefined {
  if ('S' in a && 'S' in b) return compareUtf8(a.S, b.S);
  if ('N' in a && 'N' in b) return compareDecimals(a.N, b.N);
  if ('B' in a && 'B' in b) return compareBytes(Buffer.from(a.B, 'base64'), Buffer.from(b.B, 'base64'));
  return undefined;
}

/**
 * Orders two plain values (as items and GraphQL payloads hold them) the way DynamoDB orders
 * their typed forms: strings with strings, numbers with numbers, bytes with bytes; undefined otherwise.
 */
export function compareValues(a: unknown, b: unknown): number | undefined {
  if (typeof a === 'string' && typeof b === 'string') return compareUtf8(a, b);
  if (typeof a === 'number' && typeof b === 'number') return compareDecimals(a, b);
  if (a instanceof Uint8Array && b instanceof Uint8Array) return compareBytes(a, b);
  return undefined;
}
