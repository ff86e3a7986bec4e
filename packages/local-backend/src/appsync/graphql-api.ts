import type { GraphQLSchema } from 'graphql';
import type { ServiceContext } from '../shared/service-context';
import type { ApiDefinition } from './api-definition';
import { createRequestAuthorizer, type CallerVerifiers, type RequestAuthorizer } from './authorize-request';
import type { Caller } from './caller';
import { buildExecutableSchema } from './executable-schema';
import { createJsHooks, type JsHooks } from './js-resolvers/hooks';
import { loadJsPipelines } from './js-resolvers/js-pipelines';
import { createModelTables } from './js-resolvers/model-tables';
import { createItemStore, type ItemStore } from './models/item-store';
import { readAccess, type ReadAccess, type ReadOperation } from './models/model-auth';
import type { ModelCatalog, ModelInfo, ModelIntrospection } from './models/model-catalog';
import { createPageTokens, type PageTokens } from './models/page-token';
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
  /** The models, the root fields that serve them and their indexes (the console's data browser and monitor). */
  catalog: ModelCatalog;
  /** The model introspection schema, with every model's fields. */
  introspection: ModelIntrospection;
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
  /** Hands a mutation's answer to the listeners (the real-time endpoint): see MutationEvent. */
  publish(event: MutationEvent): void;
  /** Calls `listener` with every mutation's answer; returns a function that stops it. */
  onMutation(listener: (event: MutationEvent) => void): () => void;
}

/** The APPSYNC_JS code of amplify/, over the same tables the model resolvers use. */
function jsHooks(context: ServiceContext, definition: ApiDefinition, models: ModelCatalog, store: ItemStore, tokens: PageTokens): JsHooks {
  const { appSync } = definition;
  // Amplify names a model's table `<Model>-<apiId>-<environment>`; other tables hold items of their own.
  const modelOf = (tableName: string) => [...models.models.keys()].find((model) => tableName.startsWith(`${model}-`)) ?? `table:${tableName}`;
  const tables = createModelTables(
    context.db,
    store,
    appSync.tables.map((table) => ({
      model: modelOf(table.tableName),
      definition: { ...table, indexes: new Map(table.indexes.map(({ name, ...key }) => [name, key])) },
      dataSources: appSync.dataSources.filter((source) => source.tableName === table.tableName).map((source) => source.name),
    })),
  );
  const cursors = {
    encode: (source: string, lastKey: Record<string, unknown>) => tokens.encode(source, JSON.stringify(lastKey)),
    decode: (source: string, token: string) => JSON.parse(tokens.decode(source, token)) as Record<string, unknown>,
  };
  const pipelines = loadJsPipelines(appSync, tables, cursors, (line) => context.log(`appsync-js: ${line}`));
  for (const [field, why] of pipelines.unsupported) context.log(`AppSync: ${field} does not run locally: ${why}`);
  const tableNames = new Map(appSync.tables.map((table) => [modelOf(table.tableName), table.tableName]));
  return createJsHooks(
    pipelines,
    {
      clock: context.clock,
      environment: appSync.settings.environmentVariables,
      roleArns: {
        authenticated: 'arn:aws:sts::000000000000:assumed-role/authenticatedUserRole',
        unauthenticated: 'arn:aws:sts::000000000000:assumed-role/unauthenticatedUserRole',
      },
      identityPoolId: context.ids.identityPoolId,
      issuer: `${context.url}/${context.ids.userPoolId}`,
    },
    (model) => tableNames.get(model),
  );
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
  const { schema, catalog, unserved } = buildExecutableSchema(definition, (models) => {
    const store = createItemStore(context.db, models.indexes);
    const tokens = createPageTokens(context.db);
    return { store, tokens, clock: context.clock, js: jsHooks(context, definition, models, store, tokens) };
  });
  if (unserved.length > 0) context.log(`AppSync: no local resolver for ${unserved.join(', ')}; they answer with an error`);
  return {
    schema,
    models: catalog.models,
    catalog,
    introspection: definition.modelIntrospection,
    authorizeRequest: createRequestAuthorizer({
      region: context.ids.region,
      clock: context.clock,
      authModes: [definition.defaultAuthMode, ...definition.additionalAuthModes],
      ...verifiers,
    }),
    publish,
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
