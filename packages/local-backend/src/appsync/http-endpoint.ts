import type { IncomingMessage, ServerResponse } from 'node:http';
import { execute, GraphQLError, type GraphQLSchema } from 'graphql';
import { HttpError, readBody, sendJson } from '../shared/http';
import { describeError } from '../shared/values';
import { formatFieldError, formatRequestError, type AppSyncErrorJson } from './appsync-errors';
import { RequestAuthError, type RequestAuthorizer } from './authorize-request';
import { checkDocument, readGraphqlRequest, type GraphqlRequest } from './graphql-request';
import type { AppSyncContext } from './models/resolver-context';

// Larger bodies are refused before they are buffered; AppSync items are at most 400 KB.
const maxBodyBytes = 1024 * 1024;

interface GraphqlHttpDeps {
  schema: GraphQLSchema;
  /** Where it is served, e.g. `/graphql`. */
  path: string;
  authorize: RequestAuthorizer;
  log(line: string): void;
}

function sendError(res: ServerResponse, status: number, errorType: string, message: string): void {
  sendJson(res, status, { errors: [{ errorType, message }] }, { 'x-amzn-errortype': errorType });
}

function requestErrors(errors: AppSyncErrorJson[]): { data: null; errors: AppSyncErrorJson[] } {
  return { data: null, errors };
}

/**
 * AppSync's HTTP endpoint: authenticate, parse, validate, execute, and answer in
 * AppSync's shapes. Request problems never reach the resolvers.
 */
export function createGraphqlHttpHandler(deps: GraphqlHttpDeps) {
  const { schema } = deps;

  function run(request: GraphqlRequest, context: AppSyncContext): unknown {
    const checked = checkDocument(schema, request);
    if ('errors' in checked) return requestErrors(checked.errors);
    const { document, operation } = checked;
    if (operation.operation === 'subscription') {
      return requestErrors([formatRequestError(new GraphQLError('Subscriptions are served by the real-time endpoint'), 'OperationNotSupported')]);
    }
    const result = execute({
      schema,
      document,
      variableValues: request.variables,
      operationName: request.operationName,
      contextValue: context,
    });
    if (result instanceof Promise) throw new Error('the AppSync resolvers are synchronous');
    if (!('data' in result)) return requestErrors((result.errors ?? []).map((error) => formatRequestError(error, 'ValidationError')));
    const report = (error: unknown) => deps.log(`appsync resolver failure: ${describeError(error)}`);
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
      context = { caller: await deps.authorize({ method: 'POST', url: url.href, headers: req.headers, body }) };
    } catch (error) {
      if (!(error instanceof RequestAuthError)) throw error;
      sendJson(res, error.status, error.toJSON(), { 'x-amzn-errortype': error.errorType });
      return;
    }
    const request = body.length === 0 ? { problem: 'empty' } : readGraphqlRequest(body.toString('utf8'));
    if ('problem' in request) {
      sendError(res, 400, 'MalformedHttpRequestException', request.problem === 'empty' ? 'Request body is empty.' : 'Unable to parse GraphQL query.');
      return;
    }
    sendJson(res, 200, run(request, context));
  };
}
