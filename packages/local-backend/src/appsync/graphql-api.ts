import type { GraphQLSchema } from 'graphql';
import type { ServiceContext } from '../shared/service-context';
import type { ApiDefinition } from './api-definition';
import { createRequestAuthorizer, type CallerVerifiers, type RequestAuthorizer } from './authorize-request';
import type { Caller } from './caller';
import { buildExecutableSchema } from './executable-schema';
import { createItemStore } from './models/item-store';
import { readAccess, type ReadAccess, type ReadOperation } from './models/model-auth';
import type { ModelInfo } from './models/model-catalog';
import { createPageTokens } from './models/page-token';
import type { MutationEvent } from './models/resolver-context';
import { describeError } from '../shared/values';

/** The GraphQL API both endpoints (HTTP and real-time) serve. */
export interface GraphqlApi {
  /**
   * The executable schema built from the synthesized SDL. Resolvers read a context
   * `{ caller }` (an AppSyncContext); to deliver a subscription event, execute the
   * subscription document with `rootValue: { [subscriptionField]: event.item }`.
   */
  schema: GraphQLSchema;
  /** The models of the schema, with their keys, relationships and @auth rules. */
  models: ReadonlyMap<string, ModelInfo>;
  /**
   * Verifies the credentials of a request (or of real-time signing inputs) and resolves
   * with the Caller; rejects with RequestAuthError carrying AppSync's HTTP status, type and message.
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

/** The API serving `definition`, with its items in the context's database. */
export function createGraphqlApi(context: ServiceContext, definition: ApiDefinition, verifiers: CallerVerifiers): GraphqlApi {
  const listeners = new Set<(event: MutationEvent) => void>();
  const publish = (event: MutationEvent) => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        context.log(`mutation listener failed: ${describeError(error)}`);
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
  return {
    schema,
    models: catalog.models,
    authorizeRequest: createRequestAuthorizer({
      region: context.ids.region,
      clock: context.clock,
      authModes: [definition.defaultAuthMode, ...definition.additionalAuthModes],
      ...verifiers,
    }),
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
