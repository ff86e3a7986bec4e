import type { IncomingMessage, ServerResponse } from 'node:http';
import { execute, getOperationAST, GraphQLError, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { HttpError, readBody, sendJson } from '../shared/http';
import { formatFieldError, formatRequestError, type AppSyncErrorJson } from './appsync-errors';
import { RequestAuthError, type RequestAuthorizer } from './authorize-request';
import type { AppSyncContext } from './models/resolvers';
import { describeError, isObject } from '../shared/values';

// Larger bodies are refused before they are buffered; AppSync items are at most 400 KB.
const maxBodyBytes = 1024 * 1024;

interface GraphqlHttpDeps {
  schema: GraphQLSchema;
  /** Where it is served, e.g. `/graphql`. */
  path: string;
  authorize: RequestAuthorizer;
  log(line: string): void;
}

interface GraphqlRequest {
  query: string;
  variables: Record<string, unknown> | undefined;
  operationName: string | undefined;
}

function sendError(res: ServerResponse, status: number, errorType: string, message: string): void {
  sendJson(res, status, { errors: [{ errorType, message }] }, { 'x-amzn-errortype': errorType });
}

function parseRequest(body: Buffer): GraphqlRequest | string {
  if (body.length === 0) return 'Request body is empty.';
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    return 'Unable to parse GraphQL query.';
  }
  if (!isObject(json) || typeof json['query'] !== 'string') return 'Unable to parse GraphQL query.';
  const { query, variables, operationName } = json;
  if (variables !== undefined && variables !== null && !isObject(variables)) return 'Unable to parse GraphQL query.';
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') {
    return 'Unable to parse GraphQL query.';
  }
  return { query, variables: variables ?? undefined, operationName: operationName ?? undefined };
}

function requestErrors(errors: readonly GraphQLError[], errorType: string): { data: null; errors: AppSyncErrorJson[] } {
  return { data: null, errors: errors.map((error) => formatRequestError(error, errorType)) };
}

/**
 * AppSync's HTTP endpoint: authenticate, parse, validate, execute, and answer in
 * AppSync's shapes. Request problems never reach the resolvers.
 */
export function createGraphqlHttpHandler(deps: GraphqlHttpDeps) {
  const { schema } = deps;

  function run(request: GraphqlRequest, context: AppSyncContext): unknown {
    let document: DocumentNode;
    try {
      document = parse(request.query);
    } catch (error) {
      if (error instanceof GraphQLError) return requestErrors([error], 'InvalidSyntax');
      throw error;
    }
    const validationErrors = validate(schema, document);
    if (validationErrors.length > 0) return requestErrors(validationErrors, 'ValidationError');
    const operation = getOperationAST(document, request.operationName);
    if (!operation) {
      return requestErrors([new GraphQLError('Unable to determine the operation to execute; name it with operationName')], 'ValidationError');
    }
    if (operation.operation === 'subscription') {
      return requestErrors([new GraphQLError('Subscriptions are served by the real-time endpoint')], 'OperationNotSupported');
    }
    const result = execute({
      schema,
      document,
      variableValues: request.variables,
      operationName: request.operationName,
      contextValue: context,
    });
    if (result instanceof Promise) throw new Error('the AppSync resolvers are synchronous');
    if (!('data' in result)) return requestErrors(result.errors ?? [], 'ValidationError');
    const report = (error: unknown) =>
      deps.log(`appsync resolver failure: ${describeError(error)}`);
    return {
      data: result.data ?? null,
      ...(result.errors ? { errors: result.errors.map((error) => formatFieldError(error, report)) } : {}),
    };
  }

  return async function handleGraphqlHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
    if (url.pathname !== deps.path) {
      sendError(res, 404, 'NotFoundException', `No GraphQL endpoint at ${url.pathname}`);
      return;
    }
    if (req.method !== 'POST') {
      sendError(res, 405, 'MalformedHttpRequestException', 'Only POST requests are accepted');
      return;
    }
    let body: Buffer;
    try {
      body = await readBody(req, maxBodyBytes);
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      sendError(res, error.status, 'MalformedHttpRequestException', error.message);
      return;
    }
    let context: AppSyncContext;
    try {
      context = { caller: deps.authorize({ method: 'POST', url: url.href, headers: req.headers, body }) };
    } catch (error) {
      if (!(error instanceof RequestAuthError)) throw error;
      sendJson(res, error.status, error.toJSON(), { 'x-amzn-errortype': error.errorType });
      return;
    }
    const request = parseRequest(body);
    if (typeof request === 'string') {
      sendError(res, 400, 'MalformedHttpRequestException', request);
      return;
    }
    sendJson(res, 200, run(request, context));
  };
}
