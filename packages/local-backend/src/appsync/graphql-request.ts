import { getOperationAST, GraphQLError, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { isObject } from '../shared/values';
import { formatRequestError, type AppSyncErrorJson } from './appsync-errors';
import { outOfBounds, requestBounds } from './request-bounds';
import { limitRules } from './request-limits';

/** The JSON of a GraphQL request: an HTTP body, or the `data` of a real-time `start`. */
export interface GraphqlRequest {
  query: string;
  variables: Record<string, unknown> | undefined;
  operationName: string | undefined;
}

/** Which part of a request's JSON is not what GraphQL over HTTP expects. */
export type RequestProblem = 'not-json' | 'query' | 'variables' | 'operationName' | 'out-of-bounds';

export function readGraphqlRequest(text: string): GraphqlRequest | { problem: RequestProblem } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { problem: 'not-json' };
  }
  if (!isObject(json) || typeof json['query'] !== 'string') return { problem: 'query' };
  const { query, variables, operationName } = json;
  if (variables !== undefined && variables !== null && !isObject(variables)) return { problem: 'variables' };
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return { problem: 'operationName' };
  if (outOfBounds(json, query)) return { problem: 'out-of-bounds' };
  return { query, variables: variables ?? undefined, operationName: operationName ?? undefined };
}

/** A document that parsed and validated against the schema, and the operation it asks to run. */
interface CheckedDocument {
  document: DocumentNode;
  operation: OperationDefinitionNode;
}

// Clients send the same few documents again and again (every page of an exam, every start of its
// subscriptions): a document that passed is not parsed and validated again. Bounded per schema.
const checkedDocuments = new WeakMap<GraphQLSchema, Map<string, CheckedDocument>>();
const maxCheckedDocuments = 1000;

/** {@link checkDocumentOnce}, remembering the documents that pass. */
export function checkDocument(schema: GraphQLSchema, request: GraphqlRequest): CheckedDocument | { errors: AppSyncErrorJson[] } {
  let known = checkedDocuments.get(schema);
  if (!known) {
    known = new Map();
    checkedDocuments.set(schema, known);
  }
  const key = `${request.operationName ?? ''}\u0000${request.query}`;
  const found = known.get(key);
  if (found) return found;
  const checked = checkDocumentOnce(schema, request);
  if ('document' in checked) {
    if (known.size >= maxCheckedDocuments) known.delete(known.keys().next().value as string);
    known.set(key, checked);
  }
  return checked;
}

/**
 * What AppSync does before it runs anything: parse the query, validate it against the
 * schema, pick the operation; a failure comes back as request errors in AppSync's shape.
 */
function checkDocumentOnce(schema: GraphQLSchema, request: GraphqlRequest): CheckedDocument | { errors: AppSyncErrorJson[] } {
  const refused = (errors: readonly GraphQLError[], errorType: string) => ({ errors: errors.map((error) => formatRequestError(error, errorType)) });
  let document: DocumentNode;
  try {
    document = parse(request.query, { maxTokens: requestBounds.maxTokens });
  } catch (error) {
    if (error instanceof GraphQLError) return refused([error], 'InvalidSyntax');
    throw error;
  }
  const rules = limitRules(schema);
  const validationErrors = validate(schema, document, [...specifiedRules, ...rules.validation]);
  if (validationErrors.length > 0) return refused(validationErrors, 'ValidationError');
  const operation = getOperationAST(document, request.operationName);
  if (!operation) return refused([new GraphQLError('Unable to determine the operation to execute; name it with operationName')], 'ValidationError');
  const tooDeep = rules.checkSubscription(document, operation);
  if (tooDeep.length > 0) return refused(tooDeep, 'QueryDepthLimitReached');
  return { document, operation };
}
