import type { GraphQLSchema } from 'graphql';
import type { BackendContext } from '../shared/backend-context';
import type { Caller } from './caller';
import type { HttpHandler } from '../shared/server';
import type { ApiDefinition } from './api-definition';
import { createRequestAuthorizer, type RequestAuthorizer } from './authorize-request';
import { buildExecutableSchema } from './executable-schema';
import { createGraphqlHttpHandler } from './http-endpoint';
import { createItemStore } from './models/item-store';
import { readAccess, type ReadAccess, type ReadOperation } from './models/model-auth';
import { createPageTokens } from './models/page-token';
import type { MutationEvent } from './models/resolvers';

export { loadApiDefinition, type ApiDefinition } from './api-definition';
export { matchesFilter, type Filter } from './models/filter-expression';
export { RequestAuthError } from './authorize-request';
export type { SignedRequest } from './sigv4';
export type { AppSyncContext, MutationEvent } from './models/resolvers';
export type { ReadAccess, ReadOperation } from './models/model-auth';

export interface AppSync {
  /**
   * The executable schema built from the synthesized SDL. Resolvers read a context
   * `{ caller }` (an AppSyncContext); to deliver a subscription event, execute the
   * subscription document with `rootValue: { [subscriptionField]: event.item }`.
   */
  schema: GraphQLSchema;
  /** The API as synthesized: SDL, model introspection, auth modes. */
  definition: ApiDefinition;
  /** Serves POST /graphql. */
  handleHttp: HttpHandler;
  /**
   * Verifies the credentials of a request (or of real-time signing inputs) and returns
   * the Caller; throws RequestAuthError carrying AppSync's HTTP status, type and message.
   */
  authorizeRequest: RequestAuthorizer;
  /**
   * What `caller` may read of `modelName` by the model's @auth rules: everything,
   * the items matching an owner filter (check with matchesFilter on the stored item),
   * or nothing.
   */
  readAccess(caller: Caller, modelName: string, operation: ReadOperation): ReadAccess;
  /** Calls `listener` after every durable create/update/delete; returns a function that stops it. */
  onMutation(listener: (event: MutationEvent) => void): () => void;
}

/**
 * Creates the local AppSync API serving `definition` (from loadApiDefinition on the
 * synthesized backend), with its items in the backend's database.
 */
export function createAppSync(context: BackendContext, definition: ApiDefinition): AppSync {
  const listeners = new Set<(event: MutationEvent) => void>();
  const publish = (event: MutationEvent) => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        context.log(`mutation listener failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
    }
  };
  const { schema, catalog, unserved } = buildExecutableSchema(definition, (models) => ({
    store: createItemStore(context.db, models.indexes),
    tokens: createPageTokens(context.db),
    clock: context.clock,
    publish,
  }));
  if (unserved.length > 0) context.log(`AppSync: no local resolver for ${unserved.join(', ')}; they answer with an error`);
  const authorizeRequest = createRequestAuthorizer({
    region: context.ids.region,
    clock: context.clock,
    authModes: [definition.defaultAuthMode, ...definition.additionalAuthModes],
    verifyAccessToken: context.verifyAccessToken,
    verifyIdToken: context.verifyIdToken,
    findCredentials: context.findCredentials,
  });

  return {
    schema,
    definition,
    handleHttp: createGraphqlHttpHandler({ schema, authorize: authorizeRequest, log: context.log }),
    authorizeRequest,
    readAccess(caller, modelName, operation) {
      const model = catalog.models.get(modelName);
      if (!model) throw new Error(`unknown model ${modelName}`);
      return readAccess(model, caller, operation);
    },
    onMutation(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
