import {
  execute,
  getArgumentValues,
  getVariableValues,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { FieldDecision } from '../../shared/observers';
import { describeError, isObject } from '../../shared/values';
import { formatFieldError, formatRequestError, type AppSyncErrorJson } from '../appsync-errors';
import { newContext } from '../context';
import { RequestAuthError } from '../authorize-request';
import type { Caller } from '../caller';
import type { GraphqlApi } from '../graphql-api';
import { checkDocument, readGraphqlRequest, type GraphqlRequest, type RequestProblem } from '../graphql-request';
import { InvalidSubscriptionFilterError, parseSubscriptionFilter, type SubscriptionFilter } from './enhanced-filter';
import type { ProtocolError } from './protocol';
import type { SubscriptionCatalog, SubscriptionField } from './subscription-catalog';

/** A subscription that passed authorization and validation, ready to receive events. */
export interface PreparedSubscription {
  field: SubscriptionField;
  document: DocumentNode;
  operationName: string | undefined;
  variables: Record<string, unknown> | undefined;
  caller: Caller;
  /**
   * Subscriptions with the same key get the same payload for the same event: same
   * document and variables, and a caller the resolvers cannot tell apart.
   */
  executionKey: string;
  /** What the subscription's resolvers decided (the console's monitor shows it). */
  decisions: readonly FieldDecision[];
  /** The enhanced filter the subscription's resolver set (`extensions.setSubscriptionFilter`). */
  filter: SubscriptionFilter | undefined;
  /** What closes it: matched against a mutation's `extensions.invalidateSubscriptions` payload. */
  invalidationFilter: SubscriptionFilter | undefined;
  /**
   * Other arguments, matched by equality against the event (AppSync's argument filtering),
   * only when the resolver set no enhanced filter: an enhanced filter replaces them.
   */
  argumentFilter: Record<string, unknown>;
}

/** A `start` that is refused; the errors go back in an `error` message for its id. */
export class StartRefusedError extends Error {
  constructor(
    readonly errors: ProtocolError[],
    /** What the subscription's resolvers decided, when they ran. */
    readonly decisions: readonly FieldDecision[] = [],
  ) {
    super(errors.map((error) => error.message).join('; '));
    this.name = 'StartRefusedError';
  }
}

export interface StartDeps {
  api: Pick<GraphqlApi, 'schema' | 'authorizeRequest'>;
  catalog: SubscriptionCatalog;
  /** Path of the GraphQL endpoint the client signs each start for, e.g. `/graphql`. */
  dataPath: string;
  log(line: string): void;
}

function refuse(errorType: string, message: string): StartRefusedError {
  return new StartRefusedError([{ errorType, message }]);
}

function stringHeaders(value: unknown): Record<string, string> {
  const headers: Record<string, string> = {};
  if (!isObject(value)) return headers;
  for (const [name, header] of Object.entries(value)) if (typeof header === 'string') headers[name] = header;
  return headers;
}

/** Per-start authorization: the client signs `POST <data url>` with the start's `data` as body. */
async function authorize(deps: StartDeps, payload: Record<string, unknown>, data: string, fallbackHost: string): Promise<Caller> {
  const extensions = isObject(payload['extensions']) ? payload['extensions'] : {};
  const headers = stringHeaders(extensions['authorization']);
  const host = headers['host'] ?? fallbackHost;
  try {
    return await deps.api.authorizeRequest({ method: 'POST', url: `http://${host}${deps.dataPath}`, headers, body: data });
  } catch (error) {
    if (error instanceof RequestAuthError) throw refuse(error.errorType, error.message);
    throw error;
  }
}

const requestProblems: Record<RequestProblem, string> = {
  'not-json': '"data" is not JSON.',
  query: '"data" needs a "query" string.',
  variables: '"variables" must be an object.',
  operationName: '"operationName" must be a string.',
  'out-of-bounds': 'the query or its variables are nested too deep or too long.',
};

function parseData(data: string): GraphqlRequest {
  const request = readGraphqlRequest(data);
  if ('problem' in request) throw refuse('BadRequestException', `Unable to parse the subscription request: ${requestProblems[request.problem]}`);
  return request;
}

function requestErrors(errors: readonly AppSyncErrorJson[]): StartRefusedError {
  return new StartRefusedError(errors.map(({ errorType, message }) => ({ errorType: errorType ?? 'ValidationError', message })));
}

/** The one root field of a subscription operation, looking through fragments. */
function rootField(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>): FieldNode | undefined {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) return selection;
    const nested = selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : fragments.get(selection.name.value)?.selectionSet;
    const field = nested && rootField(nested, fragments);
    if (field) return field;
  }
  return undefined;
}

/** Resolvers tell callers apart only by these; see PreparedSubscription.executionKey. */
function callerKey(caller: Caller): string {
  if (caller.kind === 'iam') return `iam:${caller.authenticated}`;
  return `userPool:${caller.sub}:${caller.username}:${JSON.stringify(caller.claims['cognito:groups'] ?? null)}`;
}

/**
 * Checks a `start` message the way AppSync does — authorization of this very message,
 * a valid subscription document, @auth read rules, the filter within AppSync's limits —
 * and prepares it for delivery. Rejects with StartRefusedError carrying AppSync-shaped errors.
 */
export async function prepareSubscription(deps: StartDeps, payload: unknown, fallbackHost: string): Promise<PreparedSubscription> {
  if (!isObject(payload) || typeof payload['data'] !== 'string') {
    throw refuse('BadRequestException', 'A start message needs a payload with a "data" string.');
  }
  const data = payload['data'];
  const caller = await authorize(deps, payload, data, fallbackHost);
  const request = parseData(data);
  const { schema } = deps.api;

  const checked = checkDocument(schema, request);
  if ('errors' in checked) throw requestErrors(checked.errors);
  const { document, operation } = checked;
  if (operation.operation !== 'subscription') {
    throw refuse('UnsupportedOperation', `${operation.operation} not supported through the realtime channel`);
  }

  const fragments = new Map(
    document.definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [])),
  );
  const fieldNode = rootField(operation.selectionSet, fragments);
  const fieldDefinition = fieldNode && schema.getSubscriptionType()?.getFields()[fieldNode.name.value];
  const field = fieldNode && deps.catalog.fields.get(fieldNode.name.value);
  if (!fieldNode || !fieldDefinition || !field) throw refuse('ValidationError', 'The subscription selects no field.');

  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
  if (coerced.errors) throw requestErrors(coerced.errors.map((error) => formatRequestError(error, 'ValidationError')));
  const args = getArgumentValues(fieldDefinition, fieldNode, coerced.coerced);

  // The subscription's own resolver runs at the start, as on AppSync: the generated one checks the
  // caller's @auth rules and hands the enhanced filter (the `filter` argument, with the owner scope
  // it adds) to `$extensions.setSubscriptionFilter`.
  const context = newContext(caller, {});
  const probe = execute({ schema, document, operationName: request.operationName, rootValue: {}, contextValue: context, variableValues: request.variables });
  if (probe instanceof Promise) throw new Error('the AppSync resolvers are synchronous');
  if (probe.errors?.length) {
    const report = (error: unknown) => deps.log(`realtime: start check failed: ${describeError(error)}`);
    throw new StartRefusedError(
      probe.errors.map((error) => {
        const { errorType, message } = formatFieldError(error, report);
        return { errorType: errorType ?? 'Unauthorized', message };
      }),
      context.decisions,
    );
  }

  let filter: SubscriptionFilter | undefined;
  let invalidationFilter: SubscriptionFilter | undefined;
  try {
    const [set] = context.subscriptionFilters.slice(-1);
    filter = set === undefined ? undefined : parseSubscriptionFilter(set);
    const [invalidatedBy] = context.invalidationFilters.slice(-1);
    invalidationFilter = invalidatedBy === undefined ? undefined : parseSubscriptionFilter(invalidatedBy);
  } catch (error) {
    if (error instanceof InvalidSubscriptionFilterError) throw refuse('ValidationError', error.message);
    throw error;
  }

  // Without an enhanced filter, AppSync compares each argument given (not null) with the field of
  // the same name in the mutation's answer, literally: an `owner: ""` matches only an empty owner.
  const argumentFilter: Record<string, unknown> = {};
  if (filter === undefined) {
    for (const [name, value] of Object.entries(args)) {
      if (name !== 'filter' && value !== null && value !== undefined) argumentFilter[name] = value;
    }
  }

  return {
    field,
    document,
    operationName: request.operationName,
    variables: request.variables,
    caller,
    executionKey: `${request.query}\u0000${request.operationName ?? ''}\u0000${JSON.stringify(request.variables ?? {})}\u0000${callerKey(caller)}`,
    filter,
    invalidationFilter,
    argumentFilter,
    decisions: context.decisions,
  };
}
