import { toAttributeMap, toAttributeValue, type AttributeValue } from './attribute-value';
import { EarlyReturn, ResolverAbort, type ResolverError } from './control-flow';
import { toDynamoDBExpression } from './filter-to-expression';
import { ksuid, ulid, uuid } from './ids';
import { toSubscriptionFilter } from './subscription-filter';
import { formatEpochMillis, parseToEpochMillis } from './time-format';

/**
 * The objects `@aws-appsync/utils` exports (`util`, `runtime`, `extensions`), as the APPSYNC_JS
 * runtime provides them to one handler invocation. The npm package ships their types only.
 */

export interface Invocation {
  now(): Date;
  /** `util.authType()`: "User Pool Authorization", "IAM Authorization", ... */
  authType: string;
  fieldName: string;
  parentTypeName: string;
  /** Errors added with `util.appendError`, returned with the field's value. */
  appendedErrors: ResolverError[];
  /** Filters a subscription resolver sets with `extensions.setSubscriptionFilter`. */
  subscriptionFilters: unknown[];
  /** Filters a subscription resolver sets with `extensions.setSubscriptionInvalidationFilter`. */
  invalidationFilters: unknown[];
  /** What a mutation's resolver asks with `extensions.invalidateSubscriptions`. */
  invalidations: unknown[];
  /** Whether `runtime.earlyReturn` may skip to the next function (pipeline functions only). */
  inFunction: boolean;
}

export class UnsupportedUtilityError extends Error {
  override readonly name = 'UnsupportedUtilityError';
}

function unsupported(name: string): () => never {
  return () => {
    throw new UnsupportedUtilityError(`${name} is not supported by the local backend`);
  };
}

function resolverError(message: unknown, errorType?: unknown, data?: unknown, errorInfo?: unknown): ResolverError {
  return {
    message: String(message),
    errorType: errorType === undefined || errorType === null ? null : String(errorType),
    // Built in the resolver's own context; the response carries them as JSON.
    data: data === undefined || data === null ? null : JSON.parse(JSON.stringify(data)),
    errorInfo: errorInfo === undefined || errorInfo === null ? null : JSON.parse(JSON.stringify(errorInfo)),
  };
}

function typedOrNull(value: unknown, make: (value: never) => AttributeValue): AttributeValue | null {
  return value === null || value === undefined ? null : make(value as never);
}

export function createRuntimeGlobals(invocation: Invocation) {
  const nowMs = () => invocation.now().getTime();

  const util = {
    error(message: unknown, errorType?: unknown, data?: unknown, errorInfo?: unknown): never {
      throw new ResolverAbort(resolverError(message, errorType, data, errorInfo));
    },
    appendError(message: unknown, errorType?: unknown, data?: unknown, errorInfo?: unknown): void {
      invocation.appendedErrors.push(resolverError(message, errorType, data, errorInfo));
    },
    unauthorized(): never {
      throw new ResolverAbort(resolverError(`Not Authorized to access ${invocation.fieldName} on type ${invocation.parentTypeName}`, 'Unauthorized'));
    },
    autoId: uuid,
    autoUlid: () => ulid(nowMs()),
    autoKsuid: () => ksuid(nowMs()),
    matches: (pattern: string, value: string) => new RegExp(`^(?:${pattern})$`, 'su').test(value),
    authType: () => invocation.authType,
    escapeJavaScript: (value: string) => JSON.stringify(String(value)).slice(1, -1).replace(/'/g, "\\'"),
    urlEncode: (value: string) => encodeURIComponent(value).replace(/%20/g, '+').replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
    urlDecode: (value: string) => decodeURIComponent(value.replace(/\+/g, ' ')),
    base64Encode: (value: string) => Buffer.from(value, 'utf8').toString('base64'),
    base64Decode: (value: string) => Buffer.from(value, 'base64').toString('utf8'),
    time: {
      nowISO8601: () => invocation.now().toISOString(),
      nowEpochSeconds: () => Math.floor(nowMs() / 1000),
      nowEpochMilliSeconds: () => nowMs(),
      nowFormatted: (format: string, timeZone?: string) => formatEpochMillis(nowMs(), format, timeZone),
      parseFormattedToEpochMilliSeconds: (text: string, format: string, timeZone?: string) => parseToEpochMillis(text, format, timeZone),
      parseISO8601ToEpochMilliSeconds: (text: string) => {
        const value = Date.parse(text);
        if (Number.isNaN(value)) throw new ResolverAbort(resolverError(`Text '${text}' could not be parsed`, 'DateTimeParseException'));
        return value;
      },
      epochMilliSecondsToSeconds: (ms: number) => Math.floor(ms / 1000),
      epochMilliSecondsToISO8601: (ms: number) => new Date(ms).toISOString(),
      epochMilliSecondsToFormatted: (ms: number, format: string, timeZone?: string) => formatEpochMillis(ms, format, timeZone),
    },
    dynamodb: {
      toDynamoDB: (value: unknown) => toAttributeValue(value),
      toMapValues: (value: Record<string, unknown>) => toAttributeMap(value),
      toString: (value: unknown) => typedOrNull(value, (s: string) => ({ S: s })),
      toStringSet: (value: unknown) => typedOrNull(value, (list: string[]) => ({ SS: list })),
      toNumber: (value: unknown) => typedOrNull(value, (n: number) => ({ N: String(n) })),
      toNumberSet: (value: unknown) => typedOrNull(value, (list: number[]) => ({ NS: list.map(String) })),
      toBinary: (value: unknown) => typedOrNull(value, (b: string) => ({ B: b })),
      toBinarySet: (value: unknown) => typedOrNull(value, (list: string[]) => ({ BS: list })),
      toBoolean: (value: unknown) => typedOrNull(value, (b: boolean) => ({ BOOL: b })),
      toNull: (): AttributeValue => ({ NULL: true }),
      toList: (value: unknown[]) => toAttributeValue(value),
      toMap: (value: Record<string, unknown>) => toAttributeValue(value),
      toS3Object: unsupported('util.dynamodb.toS3Object'),
      fromS3ObjectJson: unsupported('util.dynamodb.fromS3ObjectJson'),
    },
    transform: {
      toDynamoDBFilterExpression: (filter: unknown) => JSON.stringify(toDynamoDBExpression(filter)),
      toDynamoDBConditionExpression: (condition: unknown) => JSON.stringify(toDynamoDBExpression(condition)),
      // The same filter groups as VTL's $util.transform.toSubscriptionFilter: setSubscriptionFilter takes that format.
      toSubscriptionFilter: (filter: unknown, ignoredFields?: unknown, rules?: unknown) =>
        toSubscriptionFilter(filter, Array.isArray(ignoredFields) ? ignoredFields.map(String) : [], rules),
      toElasticsearchQueryDSL: unsupported('util.transform.toElasticsearchQueryDSL'),
    },
    math: {
      roundNum: (value: number) => Math.round(value),
      minVal: (a: number, b: number) => Math.min(a, b),
      maxVal: (a: number, b: number) => Math.max(a, b),
      randomDouble: () => Math.random(),
      randomWithinRange: (low: number, high: number) => low + Math.floor(Math.random() * (high - low + 1)),
    },
    str: {
      toUpper: (value: string) => value.toUpperCase(),
      toLower: (value: string) => value.toLowerCase(),
      toReplace: (value: string, search: string, replacement: string) => value.split(search).join(replacement),
      normalize: (value: string, form: string) => value.normalize(form.toUpperCase() as 'NFC' | 'NFD' | 'NFKC' | 'NFKD'),
    },
    rds: new Proxy({}, { get: (_target, name) => unsupported(`util.rds.${String(name)}`) }),
    http: new Proxy({}, { get: (_target, name) => unsupported(`util.http.${String(name)}`) }),
    xml: new Proxy({}, { get: (_target, name) => unsupported(`util.xml.${String(name)}`) }),
  };

  const runtime = {
    earlyReturn(value?: unknown, options?: { skipTo?: 'END' | 'NEXT' }): never {
      throw new EarlyReturn(value ?? null, invocation.inFunction ? options?.skipTo : undefined);
    },
  };

  const extensions = {
    setSubscriptionFilter(filter: unknown): void {
      invocation.subscriptionFilters.push(filter);
    },
    setSubscriptionInvalidationFilter(filter: unknown): void {
      invocation.invalidationFilters.push(filter);
    },
    invalidateSubscriptions(invalidation: unknown): void {
      invocation.invalidations.push(invalidation);
    },
    // No response cache runs locally, so there is nothing to evict.
    evictFromApiCache(): void {},
  };

  return { util, runtime, extensions };
}

export type RuntimeGlobals = ReturnType<typeof createRuntimeGlobals>;
