import type { AppSyncDefinition, AppSyncFunction, AppSyncResolver } from '@exam-results/amplify-synth';
import {
  createDynamoDbDataSource,
  loadResolverCode,
  type DataSourceCall,
  type DataSourceTables,
  type JsFunction,
  type JsResolver,
  type PageCursors,
  type ResolverCode,
  type TemplateHandlers,
} from '@exam-results/appsync-js';
import type { RequestObservers } from '../../shared/observers';
import { templateHandlers, type TemplateEnvironment } from './template-handlers';

/**
 * Every resolver of the synthesized assembly, ready to run as AppSync runs it: unit and
 * pipeline, VTL mapping templates (what Amplify generates for the models) and APPSYNC_JS code
 * (functions and resolvers of amplify/) alike, each step on its own data source.
 */
export interface Pipelines {
  resolver(typeName: string, fieldName: string): JsResolver | undefined;
  /** Fields whose resolvers hold what the local backend cannot run (Lambda data sources, ...), with why. */
  unsupported: ReadonlyMap<string, string>;
}

const passThroughCode = `export function request() { return {}; }\nexport function response(ctx) { return ctx.prev.result; }`;

export interface PipelineEnvironment extends TemplateEnvironment {
  /** Fills in what the assembly leaves to the deployment (the per-install pool ids). */
  fillIn(text: string): string;
  observers: Pick<RequestObservers, 'dataSourceRead'>;
}

/** Tells the observers how many items a DynamoDB read evaluated. */
function observed(name: string, call: DataSourceCall, observers: PipelineEnvironment['observers']): DataSourceCall {
  const { dataSourceRead } = observers;
  if (!dataSourceRead) return call;
  return (request) => {
    const answer = call(request);
    const operation = String((request as { operation?: unknown } | null)?.operation);
    const scanned = (answer.result as { scannedCount?: unknown } | null)?.scannedCount;
    const scannedCount = typeof scanned === 'number' ? scanned : operation === 'GetItem' && answer.result ? 1 : undefined;
    if (scannedCount !== undefined) dataSourceRead({ dataSource: name, operation, scannedCount });
    return answer;
  };
}

export function buildPipelines(appSync: AppSyncDefinition, tables: DataSourceTables, cursors: PageCursors, environment: PipelineEnvironment): Pipelines {
  const dynamoDb = createDynamoDbDataSource(tables, cursors);
  const codes = new Map<string, ResolverCode>();
  const loadCode = (code: string, source: string) => {
    let loaded = codes.get(code);
    if (!loaded) {
      loaded = loadResolverCode(code, source, (line) => environment.log(`appsync-js: ${line}`));
      codes.set(code, loaded);
    }
    return loaded;
  };
  const templates = (name: string, step: 'resolver' | 'function', request: string | undefined, response: string | undefined): TemplateHandlers =>
    templateHandlers(
      { name, request: request === undefined ? undefined : environment.fillIn(request), response: response === undefined ? undefined : environment.fillIn(response) },
      step,
      environment,
    );

  const dataSourceCall = (name: string): DataSourceCall | string => {
    const source = appSync.dataSources.find((candidate) => candidate.name === name);
    if (!source) return `its data source ${name} is not in the assembly`;
    // AppSync's NONE data source hands the request's payload to the response handler as ctx.result.
    if (source.type === 'NONE') return (request) => ({ result: (request as { payload?: unknown } | null)?.payload ?? null });
    if (source.type === 'AMAZON_DYNAMODB' && tables.byDataSource(name)) return observed(name, (request) => dynamoDb.execute(name, request), environment.observers);
    return `its data source ${name} (${source.type}) does not run locally`;
  };

  const pipelineFunction = (fn: AppSyncFunction): JsFunction | string => {
    const callDataSource = dataSourceCall(fn.dataSourceName);
    if (typeof callDataSource === 'string') return `the function ${fn.name}: ${callDataSource}`;
    if (fn.runtime === 'APPSYNC_JS') {
      if (fn.code === undefined) return `the function ${fn.name} has no code`;
      return { name: fn.name, code: loadCode(fn.code, fn.name), callDataSource };
    }
    return { name: fn.name, code: templates(fn.name, 'function', fn.requestMappingTemplate, fn.responseMappingTemplate), callDataSource };
  };

  const build = (resolver: AppSyncResolver): JsResolver | string => {
    const name = `${resolver.typeName}.${resolver.fieldName}`;
    const code =
      resolver.runtime === 'APPSYNC_JS'
        ? loadCode(resolver.code ?? passThroughCode, name)
        : templates(name, 'resolver', resolver.requestMappingTemplate, resolver.responseMappingTemplate);
    const base = { typeName: resolver.typeName, fieldName: resolver.fieldName, code };
    if (resolver.kind === 'UNIT') {
      const callDataSource = resolver.dataSourceName === undefined ? undefined : dataSourceCall(resolver.dataSourceName);
      if (typeof callDataSource === 'string') return callDataSource;
      return { ...base, kind: 'UNIT', functions: [], ...(callDataSource ? { callDataSource } : {}) };
    }
    const functions = resolver.functions.map(pipelineFunction);
    const problem = functions.find((fn) => typeof fn === 'string');
    if (problem !== undefined) return problem;
    return { ...base, kind: 'PIPELINE', functions: functions as JsFunction[] };
  };

  const resolvers = new Map<string, JsResolver>();
  const unsupported = new Map<string, string>();
  for (const resolver of appSync.resolvers) {
    const key = `${resolver.typeName}.${resolver.fieldName}`;
    try {
      const built = build(resolver);
      if (typeof built === 'string') unsupported.set(key, built);
      else resolvers.set(key, built);
    } catch (error) {
      unsupported.set(key, error instanceof Error ? error.message : String(error));
    }
  }
  return { resolver: (typeName, fieldName) => resolvers.get(`${typeName}.${fieldName}`), unsupported };
}
