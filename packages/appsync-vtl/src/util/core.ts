import { HostObject } from '../host-object';
import type { Invocation } from '../invocation';
import { javaMatches } from '../java-regex';
import { isMap, javaToString, kindOf } from '../java-values';
import { TemplateErrorSignal } from '../signals';
import type { TemplateError } from '../types';
import { createList, createMap, createMath, createStr } from './collections';
import { createDynamoDb } from './dynamodb';
import { escapeJavaScript, urlDecode, urlEncode } from './encoding';
import { ksuid, ulid, uuid } from '@exam-results/appsync-js';
import { parseJson, toJson, toJsonValue } from './json';
import { createTime } from './time';
import { createTransform } from './transform';

function templateError(message: unknown, errorType?: unknown, data?: unknown, errorInfo?: unknown): TemplateError {
  const error: TemplateError = { message: javaToString(message) };
  if (errorType !== undefined && errorType !== null) error.errorType = javaToString(errorType);
  if (data !== undefined && data !== null) error.data = toJsonValue(data);
  if (errorInfo !== undefined && errorInfo !== null) error.errorInfo = toJsonValue(errorInfo);
  return error;
}

const isEmptyString = (value: unknown) => value === null || value === undefined || value === '';
const isBlankString = (value: unknown) => value === null || value === undefined || (typeof value === 'string' && value.trim() === '');

const typeNames: Record<string, string> = { null: 'Null', number: 'Number', string: 'String', map: 'Map', list: 'List', boolean: 'Boolean', other: 'Object' };

function log(level: string) {
  return function (this: Invocation, ...args: unknown[]) {
    this.environment.log?.(`${level} ${args.map(javaToString).join(' ')}`);
    return '';
  };
}

/** `$util` (and `$utils`): built once; what a rendering reads and records comes as `this`. */
export const util = new HostObject({
  qr: () => '',
  quiet: () => '',
  toJson: (value: unknown) => toJson(value),
  parseJson: (text: unknown) => parseJson(text),
  escapeJavaScript: (text: unknown) => escapeJavaScript(javaToString(text)),
  urlEncode: (text: unknown) => urlEncode(javaToString(text)),
  urlDecode: (text: unknown) => urlDecode(javaToString(text)),
  base64Encode: (text: unknown) => Buffer.from(javaToString(text), 'utf8').toString('base64'),
  base64Decode: (text: unknown) => Buffer.from(javaToString(text), 'base64').toString('utf8'),
  autoId: () => uuid(),
  autoUlid(this: Invocation) {
    return ulid(this.environment.now());
  },
  autoKsuid(this: Invocation) {
    return ksuid(this.environment.now());
  },
  error: (message: unknown, errorType?: unknown, data?: unknown, errorInfo?: unknown) => {
    throw new TemplateErrorSignal(templateError(message, errorType, data, errorInfo));
  },
  appendError(this: Invocation, message: unknown, errorType?: unknown, data?: unknown, errorInfo?: unknown) {
    this.appendedErrors.push(templateError(message, errorType, data, errorInfo));
    return '';
  },
  unauthorized(this: Invocation) {
    const { info } = this.context;
    throw new TemplateErrorSignal({ message: `Not Authorized to access ${info.fieldName} on type ${info.parentTypeName}`, errorType: 'Unauthorized' });
  },
  validate: (condition: unknown, message: unknown, errorType?: unknown, data?: unknown) => {
    // The documented default type of a failed $util.validate.
    if (condition !== true) throw new TemplateErrorSignal(templateError(message, errorType ?? 'CustomTemplateException', data));
    return '';
  },
  isNull: (value: unknown) => value === null || value === undefined,
  isNullOrEmpty: (value: unknown) => isEmptyString(value),
  isNullOrBlank: (value: unknown) => isBlankString(value),
  defaultIfNull: (value: unknown, fallback: unknown) => (value === null || value === undefined ? fallback : value),
  defaultIfNullOrEmpty: (value: unknown, fallback: unknown) => (isEmptyString(value) ? fallback : value),
  defaultIfNullOrBlank: (value: unknown, fallback: unknown) => (isBlankString(value) ? fallback : value),
  isString: (value: unknown) => typeof value === 'string',
  isNumber: (value: unknown) => typeof value === 'number',
  isBoolean: (value: unknown) => typeof value === 'boolean',
  isList: (value: unknown) => Array.isArray(value),
  isMap: (value: unknown) => isMap(value),
  typeOf: (value: unknown) => typeNames[kindOf(value)],
  matches: (pattern: unknown, text: unknown) => javaMatches(javaToString(pattern), javaToString(text)),
  authType(this: Invocation) {
    return this.environment.authType;
  },
  log: new HostObject({ info: log('INFO'), error: log('ERROR') }),
  time: createTime(),
  list: createList(),
  map: createMap(),
  str: createStr(),
  math: createMath(),
  dynamodb: createDynamoDb(),
  transform: createTransform(),
});
