import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { toAttributeMap } from './attribute-value';
import { canonicalDecimal, compareAttributeValues, compareBytes, compareDecimals, compareUtf8, compareValues } from './comparison';
import { evaluateCondition } from './expression-evaluator';
import { parseCondition, Substitutions } from './expression-parser';

describe("DynamoDB's order of scalars", () => {
  test('strings by UTF-8 bytes: "a" > "A", "¿" (C2 BF) > "z" (7A), as the DynamoDB guide says', () => {
    assert.equal(compareUtf8('a', 'A'), 1);
    assert.equal(compareUtf8('¿', 'z'), 1);
    assert.equal(compareUtf8('Zebra', 'apple'), -1, 'not locale order');
    assert.equal(compareUtf8('ab', 'abc'), -1, 'a prefix first');
    assert.equal(compareUtf8('same', 'same'), 0);
  });

  test('characters beyond U+FFFF after U+E000..U+FFFF, as their UTF-8 bytes are (UTF-16 order would put them first)', () => {
    const emoji = '😀'; // U+1F600, F0 9F 98 80
    const privateUse = '\uf8ff'; // EF A3 BF
    assert.equal('😀' < privateUse, true, 'JavaScript compares UTF-16 code units');
    assert.equal(compareUtf8(emoji, privateUse), 1);
    for (const [a, b] of [['😀', '\uffff'], ['é', 'e'], ['\u00ff', '\u0100'], ['x😀', 'x\ue000'], ['😀a', '😁']]) {
      assert.equal(compareUtf8(a as string, b as string), Buffer.compare(Buffer.from(a as string), Buffer.from(b as string)), `${a} vs ${b}`);
    }
  });

  test('numbers as decimals, beyond what a double holds', () => {
    assert.equal(compareDecimals('10', '9'), 1, 'by value, not as text');
    assert.equal(compareDecimals('-10', '-9'), -1);
    assert.equal(compareDecimals('1.50', '1.5'), 0);
    assert.equal(compareDecimals('0', '-0.0'), 0);
    assert.equal(compareDecimals('12345678901234567890123456789012345678', '12345678901234567890123456789012345679'), -1);
    assert.equal(Number('12345678901234567890123456789012345678') === Number('12345678901234567890123456789012345679'), true, 'doubles cannot tell them apart');
    assert.equal(compareDecimals('1e3', '999.999'), 1);
    assert.equal(compareDecimals(0.001, '1E-3'), 0);
    assert.equal(compareDecimals(1e21, '999999999999999999999'), 1);
    assert.equal(compareDecimals('abc', '1'), undefined);
    assert.equal(canonicalDecimal('+001.500'), canonicalDecimal('15e-1'));
  });

  test('binary by unsigned bytes', () => {
    assert.equal(compareBytes(Uint8Array.of(0x80), Uint8Array.of(0x7f)), 1);
    assert.equal(compareAttributeValues({ B: Buffer.of(0xff).toString('base64') }, { B: Buffer.of(0x01, 0x02).toString('base64') }), 1);
  });

  test('values of different types are not ordered', () => {
    assert.equal(compareAttributeValues({ S: '1' }, { N: '1' }), undefined);
    assert.equal(compareAttributeValues({ BOOL: true }, { BOOL: false }), undefined);
    assert.equal(compareValues('1', 1), undefined);
    assert.equal(compareValues(true, false), undefined);
    assert.equal(compareValues(2, 10), -1);
  });

  test('the expression evaluator uses this order, and equality of numbers as decimals', () => {
    const item = toAttributeMap({ label: '😀', big: '0' });
    item.big = { N: '12345678901234567890123456789012345678' };
    const holds = (expression: string, values: Record<string, unknown>) =>
      evaluateCondition(parseCondition(expression, 'ConditionExpression', new Substitutions({}, values)), item);
    assert.equal(holds('label > :v', { ':v': { S: '\uf8ff' } }), true);
    assert.equal(holds('big < :v', { ':v': { N: '12345678901234567890123456789012345679' } }), true);
    assert.equal(holds('big = :v', { ':v': { N: '12345678901234567890123456789012345679' } }), false);
    assert.equal(holds('big = :v', { ':v': { N: '1.2345678901234567890123456789012345678E37' } }), true);
    assert.equal(holds('big BETWEEN :a AND :b', { ':a': { N: '1e37' }, ':b': { N: '2e37' } }), true);
  });
});
