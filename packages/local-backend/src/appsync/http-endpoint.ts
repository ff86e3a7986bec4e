import type { IncomingMessage, ServerResponse } from 'node:http';
import { execute, GraphQLError, Kind, type FragmentDefinitionNode, type GraphQLSchema, type SelectionSetNode } from 'graphql';
import { pathToArray } from 'graphql/jsutils/Path';
import { HttpError, readBody, sendJson } from '../shared/http';
import { describeError } from '../shared/values';
import { formatAppendedError, formatFieldError, formatRequestError, type AppSyncErrorJson } from './appsync-errors';
import { RequestAuthError, type RequestAuthorizer } from './authorize-request';
import { checkDocument, readGraphqlRequest, type GraphqlRequest } from './graphql-request';
import { newContext, type AppSyncContext, type MutationEvent } from './context';
import type { RequestObservers } from '../shared/observers';

// Larger bodies are refused before they are buffered; AppSync items are at most 400 KB.
const maxBodyBytes = 1024 * 1024;

interface GraphqlHttpDeps {
  schema: GraphQLSchema;
  /** Where it is served, e.g. `/graphql`. */
  path: string;
  authorize: RequestAuthorizer;
  /** Receives each mutation field's answer, for the subscriptions that listen to it. */
  publish(event: MutationEvent): void;
  log(line: string): void;
  /** Told of each executed request (the console's requests monitor). */
  observe?: RequestObservers['graphqlRequest'] | undefined;
}

/** The root fields an operation selects, with the key each answers under (its alias), fragments spread. */
function rootFields(selectionSet: SelectionSetNode, fragments: Record<string, FragmentDefinitionNode>): { name: string; key: string }[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [{ name: selection.name.value, key: selection.alias?.value ?? selection.name.value }];
    const nested = selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : fragments[selection.name.value]?.selectionSet;
    return nested ? rootFields(nested, fragments) : [];
  });
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

  async function run(request: GraphqlRequest, context: AppSyncContext): Promise<unknown> {
    const checked = checkDocument(schema, request);
    if ('errors' in checked) return requestErrors(checked.errors);
    const { document, operation } = checked;
    if (operation.operation === 'subscription') {
      return requestErrors([formatRequestError(new GraphQLError('Subscriptions are served by the real-time endpoint'), 'OperationNotSupported')]);
    }
    const result = await execute({
      schema,
      document,
      variableValues: request.variables,
      operationName: request.operationName,
      contextValue: context,
    });
    if (!('data' in result)) return requestErrors((result.errors ?? []).map((error) => formatRequestError(error, 'ValidationError')));
    if (operation.operation === 'mutation' && result.data) {
      // AppSync hands each mutation's answer, as selected, to the subscriptions listing the mutation.
      const fragments = Object.fromEntries(document.definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition]] : [])));
      const fields = rootFields(operation.selectionSet, fragments);
      fields.forEach(({ name, key }, index) => {
        const data = result.data?.[key];
        // The request's invalidations go with its last event, so they follow every event it caused.
        const invalidations = index === fields.length - 1 ? context.invalidations : [];
        const answered = typeof data === 'object' && data !== null;
        if (answered || invalidations.length > 0) deps.publish({ mutationField: name, data: answered ? (data as Record<string, unknown>) : null, invalidations });
      });
    }
    const report = (error: unknown) => deps.log(`appsync resolver failure: ${describeError(error)}`);
    const errors = [
      ...(result.errors ?? []).map((error) => formatFieldError(error, report)),
      ...context.appendedErrors.map(({ path, error }) => formatAppendedError(pathToArray(path), error)),
    ];
    return { data: result.data ?? null, ...(errors.length > 0 ? { errors } : {}) };
  }

  return async function handleGraphqlHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const startedAt = performance.now();
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
      context = newContext(await deps.authorize({ method: 'POST', url: url.href, headers: req.headers, body }), req.headers);
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
    const answer = await run(request, context);
    deps.observe?.({ caller: context.caller, query: request.query, operationName: request.operationName, answer, decisions: context.decisions, latencyMs: performance.now() - startedAt });
    sendJson(res, 200, answer);
  };
}
