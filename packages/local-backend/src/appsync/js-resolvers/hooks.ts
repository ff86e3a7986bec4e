import type { ModelInfo } from '../models/model-catalog';
import { noExtras, type PipelineExtras, type ResolveCall, type Resolver } from '../models/resolver-context';
import { invokeFunctions, invokeResolver, type InvokeDeps } from './invoke';
import type { JsPipelines } from './js-pipelines';

/** How the resolvers of the schema run the APPSYNC_JS code amplify/ declares. */
export interface JsHooks {
  /** What runs around a generated model resolver's data step. */
  extras(typeName: string, fieldName: string, model: ModelInfo): PipelineExtras;
  /** The resolver of a field served by APPSYNC_JS alone (a custom query or mutation). */
  resolver(typeName: string, fieldName: string): Resolver | undefined;
}

/**
 * The stash the generated pipeline leaves for the functions after it: its type, field and
 * table, as Amplify's own request template puts them.
 */
function generatedStash(typeName: string, fieldName: string, tableName: string | undefined): Record<string, unknown> {
  return { typeName, fieldName, hasAuth: true, conditions: [], metadata: { dataSourceType: 'AMAZON_DYNAMODB', apiId: 'local-api' }, ...(tableName ? { tableName } : {}) };
}

export function createJsHooks(pipelines: JsPipelines, deps: InvokeDeps, tableNameOf: (model: string) => string | undefined): JsHooks {
  return {
    extras(typeName, fieldName, model) {
      const around = pipelines.around(typeName, fieldName);
      if (!around) return noExtras;
      const stashes = new WeakMap<ResolveCall, Record<string, unknown>>();
      return {
        beforeData(call, args) {
          const stash = generatedStash(typeName, fieldName, tableNameOf(model.name));
          stashes.set(call, stash);
          if (around.beforeData.length === 0) return;
          invokeFunctions(deps, around.beforeData, { ...call, args, stash, prevResult: {} });
        },
        afterData(call, result) {
          if (around.afterData.length === 0) return result;
          const stash = stashes.get(call) ?? generatedStash(typeName, fieldName, tableNameOf(model.name));
          return invokeFunctions(deps, around.afterData, { ...call, stash, prevResult: result }).value;
        },
      };
    },
    resolver(typeName, fieldName) {
      const resolver = pipelines.resolver(typeName, fieldName);
      if (!resolver) return undefined;
      return (source, args, context, info) => invokeResolver(deps, resolver, { source, args, context, info });
    },
  };
}
