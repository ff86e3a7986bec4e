import { withDynamoDbRequestId } from '@exam-results/appsync-js';
import type { GraphQLError } from 'graphql';

/** An error a resolver reports to the client with an AppSync `errorType`. */
export class AppSyncError extends Error {
  constructor(
    /** null for `$util.error(message)` without a type, as the generated validate functions raise it. */
    readonly errorType: string | null,
    message: string,
    /** What `util.error` gives beside the message, returned with the error. */
    readonly extra: { data?: unknown; errorInfo?: unknown } = {},
  ) {
    super(message);
    this.name = 'AppSyncError';
  }
}

/** What `$util.unauthorized()` in a generated resolver produces. */
export function unauthorized(fieldName: string, typeName: string): AppSyncError & { readonly errorType: string } {
  return new AppSyncError('Unauthorized', `Not Authorized to access ${fieldName} on type ${typeName}`) as AppSyncError & { readonly errorType: string };
}

/** A DynamoDB error passed through by a resolver, e.g. `DynamoDB:ConditionalCheckFailedException`. */
export function dynamoDbError(type: string, message: string): AppSyncError {
  return new AppSyncError(`DynamoDB:${type}`, withDynamoDbRequestId(message));
}

export interface AppSyncErrorJson {
  path: readonly (string | number)[] | null;
  data?: unknown;
  errorType?: string | null;
  errorInfo?: unknown;
  locations: { line: number; column: number; sourceName: null }[] | null;
  message: string;
}

function locationsOf(error: GraphQLError): AppSyncErrorJson['locations'] {
  return error.locations ? error.locations.map(({ line, column }) => ({ line, column, sourceName: null })) : null;
}

/** An error raised while resolving a field, in the shape AppSync returns it. */
export function formatFieldError(error: GraphQLError, reportInternal: (error: unknown) => void): AppSyncErrorJson {
  const original = error.originalError;
  let errorType: string | null = 'InternalFailure';
  let message = 'An internal failure occurred while resolving this field.';
  let extra: AppSyncError['extra'] = {};
  if (original instanceof AppSyncError) {
    errorType = original.errorType;
    message = original.message;
    extra = original.extra;
  } else if (!original) {
    // graphql-js itself refused a value, e.g. null for a non-null field.
    errorType = 'GraphQLError';
    message = error.message;
  } else {
    reportInternal(original);
  }
  return { path: error.path ?? null, data: extra.data ?? null, errorType, errorInfo: extra.errorInfo ?? null, locations: locationsOf(error), message };
}

/** An error added beside a field's value (`util.appendError`), at that field's path. */
export function formatAppendedError(path: readonly (string | number)[], error: AppSyncError): AppSyncErrorJson {
  return { path, data: error.extra.data ?? null, errorType: error.errorType, errorInfo: error.extra.errorInfo ?? null, locations: null, message: error.message };
}

/**
 * Rewrites graphql-js validation messages into the wording AppSync (graphql-java) uses,
 * where it is known; anything else keeps the graphql-js text.
 */
function requestErrorMessage(message: string): string {
  let m = /^Cannot query field "(\w+)" on type "(\w+)"/.exec(message);
  if (m) return `Validation error of type FieldUndefined: Field '${m[1]}' in type '${m[2]}' is undefined @ '${m[1]}'`;
  m = /^Unknown argument "(\w+)" on field "\w+\.(\w+)"/.exec(message);
  if (m) return `Validation error of type UnknownArgument: Unknown field argument ${m[1]} @ '${m[2]}'`;
  m = /^Field "(\w+)" argument "(\w+)" of type "[^"]+" is required/.exec(message);
  if (m) return `Validation error of type MissingFieldArgument: Missing field argument ${m[2]} @ '${m[1]}'`;
  m = /^Variable "\$\w+" got invalid value .*; Field "(\w+)" is not defined by type "(\w+)"/s.exec(message);
  if (m) return `The variables input contains a field name '${m[1]}' that is not defined for input object type '${m[2]}' `;
  m = /^Variable "\$(\w+)" got invalid value .*; Field "\w+" of required type "([^"]+)" was not provided/s.exec(message);
  if (m) return `Variable '${m[1]}' has coerced Null value for NonNull type '${m[2]}'`;
  m = /^Variable "\$(\w+)" of (?:required|non-null) type "([^"]+)" (?:was not provided|must not be null)/.exec(message);
  if (m) return `Variable '${m[1]}' has coerced Null value for NonNull type '${m[2]}'`;
  m = /^Variable "\$(\w+)" got invalid value .*?(?: at "[\w.[\]]*?(\w+)")?; (?:Expected type "\w+"\. )?(.*)$/s.exec(message);
  if (m) return `Variable '${m[2] ?? m[1]}' has an invalid value. ${m[3]}`;
  return message;
}

/** An error in the request itself (syntax, validation, variables), which AppSync returns with no path. */
export function formatRequestError(error: GraphQLError, errorType: string): AppSyncErrorJson {
  return { path: null, errorType, locations: locationsOf(error), message: requestErrorMessage(error.message) };
}
