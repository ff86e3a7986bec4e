import { installIdPlaceholders } from '@exam-results/amplify-synth';
import type { GraphQLSchema } from 'graphql';
import type { ServiceContext } from '../shared/service-context';
import { describeError } from '../shared/values';
import type { ApiDefinition } from './api-definition';
import { createRequestAuthorizer, type CallerVerifiers, type RequestAuthorizer } from './authorize-request';
import type { MutationEvent } from './context';
import { buildExecutableSchema } from './executable-schema';
import { buildPipelines } from './pipelines/build-pipelines';
import { createItemStore } from './pipelines/item-store';
import { createModelTables } from './pipelines/model-tables';
import { createPageTokens } from './pipelines/page-token';

/** The GraphQL API both endpoints (HTTP and real-time) serve. */
export interface GraphqlApi {
  /**
   * The executable schema built from the synthesized SDL, each field with a resolver in the
   * assembly running it. Resolvers read an AppSyncContext.
   */
  schema: GraphQLSchema;
  /** What it was built from (the console reads the models from it). */
  definition: ApiDefinition;
  /** The secondary indexes of the tables, by table's model, as the item store indexes them. */
  tableIndexes: ReadonlyMap<string, string[][]>;
  /**
   * Verifies the credentials of a request (or of real-time signing inputs) and resolves
   * with the Caller; rejects with RequestAuthError carrying AppSync's HTTP status, type and message.
   */
  authorizeRequest: RequestAuthorizer;
  /** Hands a mutation's answer to the listeners (the real-time endpoint): see MutationEvent. */
  publish(event: MutationEvent): void;
  /** Calls `listener` with every mutation's answer; returns a function that stops it. */
  onMutation(listener: (event: MutationEvent) => void): () => void;
}

// What AWS fills in and no template can show: the account the local roles live in.
const localAccountId = '000000000000';

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

  const { appSync } = definition;
  const modelNames = Object.keys(definition.modelIntrospection.models);
  // Amplify names a model's table `<Model>-<apiId>-<environment>`; other tables hold items of their own.
  const modelOf = (tableName: string) => modelNames.find((model) => tableName.startsWith(`${model}-`)) ?? `table:${tableName}`;
  // SQLite indexes for what Queries read by: each secondary index's keys, and the partition key of a table with a sort key.
  const tableIndexes = new Map(
    appSync.tables.map((table) => [
      modelOf(table.tableName),
      [...table.indexes, ...(table.sortKey ? [{ partitionKey: table.partitionKey, sortKey: undefined }] : [])].map((index) => (index.sortKey ? [index.partitionKey, index.sortKey] : [index.partitionKey])),
    ]),
  );
  const store = createItemStore(context.db, tableIndexes);
  const tokens = createPageTokens(context.db);
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
  const pipelines = buildPipelines(appSync, tables, cursors, {
    now: () => context.clock.now().getTime(),
    log: context.log,
    observers: context.observers ?? {},
    fillIn: (text) => text.replaceAll(installIdPlaceholders.identityPoolId, context.ids.identityPoolId).replaceAll(installIdPlaceholders.userPoolId, context.ids.userPoolId),
  });
  const { roleNames } = definition.identityPoolRoles;
  const { schema, unserved } = buildExecutableSchema(definition, pipelines, {
    clock: context.clock,
    environment: appSync.settings.environmentVariables,
    roleNames: { authenticated: roleNames.authenticated ?? 'authenticatedRole', unauthenticated: roleNames.unauthenticated ?? 'unauthenticatedRole' },
    accountId: localAccountId,
    identityPoolId: context.ids.identityPoolId,
    issuer: `${context.url}/${context.ids.userPoolId}`,
  });
  for (const [field, why] of unserved) context.log(`AppSync: ${field} does not run locally: ${why}`);
  return {
    schema,
    definition,
    tableIndexes,
    authorizeRequest: createRequestAuthorizer({
      region: context.ids.region,
      clock: context.clock,
      authModes: [definition.defaultAuthMode, ...definition.additionalAuthModes],
      ...verifiers,
    }),
    publish,
    onMutation(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
