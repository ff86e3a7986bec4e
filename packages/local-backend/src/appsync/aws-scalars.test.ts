import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildSchema, isScalarType, type GraphQLScalarType } from 'graphql';
import { appSyncDefinitions, installAppSyncScalars } from './aws-scalars';

const schema = buildSchema(`${appSyncDefinitions}\ntype Query { ok: String }`);
installAppSyncScalars(Object.values(schema.getTypeMap()).filter(isScalarType));

function scalar(name: string): GraphQLScalarType {
  const type = schema.getType(name);
  assert.ok(type && isScalarType(type));
  return type;
}

function accepts(name: string, values: unknown[]): void {
  for (const value of values) assert.doesNotThrow(() => scalar(name).parseValue(value), `${name} ${String(value)}`);
}

function refuses(name: string, values: unknown[]): void {
  for (const value of values) assert.throws(() => scalar(name).parseValue(value), /Unable to parse/, `${name} ${String(value)}`);
}

test('AWSDate, AWSTime and AWSDateTime: extended ISO 8601, real calendar values, optional zone offset', () => {
  accepts('AWSDate', ['1970-01-01', '2024-02-29', '1970-01-01Z', '1970-01-01-07:00', '1970-01-01+05:30:10']);
  refuses('AWSDate', ['2023-02-29', '2024-04-31', '2024-00-10', '20240101', '2024-01-01T00:00:00Z', '2024-01-01+25:00', 20240101]);
  accepts('AWSTime', ['12:30', '12:30:15', '12:30:15.123456789', '23:59:59Z', '08:00+01:00']);
  refuses('AWSTime', ['24:00', '12:60', '12:30:61', '1230', '12:30:15.']);
  accepts('AWSDateTime', ['2024-06-01T12:30:15.123Z', '2024-06-01T12:30Z', '2024-06-01T12:30:15+02:00']);
  refuses('AWSDateTime', ['2024-06-01', '2024-06-31T10:00:00Z', '2024-06-01 12:30:15Z', '2024-06-01T25:00:00Z']);
});

test('AWSTimestamp is an integer number of seconds', () => {
  assert.equal(scalar('AWSTimestamp').parseValue(1717243815), 1717243815);
  refuses('AWSTimestamp', ['1717243815', 1.5]);
});

test('AWSEmail, AWSURL, AWSPhone and AWSIPAddress', () => {
  accepts('AWSEmail', ['ada@school.example', 'first.last+tag@sub.domain.org']);
  refuses('AWSEmail', ['ada', 'ada@', '@school.example', 'ada@school']);
  accepts('AWSURL', ['https://www.amazon.com/dp/B000NZW3KC/', 'mailto:example@example.com', 'http://127.0.0.1:20002/graphql']);
  refuses('AWSURL', ['www.amazon.com', 'https://example.com/a//b', 'not a url']);
  accepts('AWSPhone', ['+1 555 123 4567', '555-123-4567', '+44 20 7946 0958']);
  refuses('AWSPhone', ['phone', '12', '+1 (555) 123']);
  accepts('AWSIPAddress', ['127.0.0.1', '10.0.0.0/8', '::1', '2001:db8::/32']);
  refuses('AWSIPAddress', ['256.0.0.1', '10.0.0.0/33', '1.2.3', 'localhost']);
});

test('AWSJSON: the input is a string holding JSON, resolvers see it parsed, output is JSON text', () => {
  assert.deepEqual(scalar('AWSJSON').parseValue('{"a":[1,2]}'), { a: [1, 2] });
  refuses('AWSJSON', ['{a:1}', { a: 1 }]);
  assert.equal(scalar('AWSJSON').serialize({ a: 1 }), '{"a":1}');
  assert.equal(scalar('AWSJSON').serialize('{"a":1}'), '{"a":1}');
});
