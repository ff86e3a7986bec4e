import type { AppSyncDefinition, AppSyncFunction, AppSyncResolver } from '@exam-results/amplify-synth';
import { createDynamoDbDataSource, loadResolverCode, type DataSourceCall, type DataSourceTables, type JsFunction, type JsResolver, type PageCursors, type ResolverCode } from '@exam-results/appsync-js';

/**
 * The APPSYNC_JS code amplify/ declares, read from the synthesized assembly and loaded once:
 * functions spliced into the pipelines Amplify generates for the models (run around the
 * local emulation of the generated ones), and resolvers of their own (custom queries and
 * mutations, `a.handler.custom`).
 */
export interface JsPipelines {
  /** The APPSYNC_JS functions of a generated model resolver, before and after its data function. */
  around(typeName: string, fieldName: string): { beforeData: JsFunction[]; afterData: JsFunction[] } | undefined;
  /** A resolver written in APPSYNC_JS, e.g. a custom mutation. */
  resolver(typeName: string, fieldName: string): JsResolver | undefined;
  /** Fields whose resolvers hold what the local backend cannot run (VTL of one's own, Lambda data sources), with why. */
  unsupported: ReadonlyMap<string, string>;
}

// Amplify names the functions it generates `<Type><field><stage><n>Function` and `<Type><Field>DataResolverFn`,
// for root fields and relationship fields (`Examresultsauth0Function`) alike.
const generatedStage = /^\w+(?:init|preAuth|auth|postAuth|validate|preUpdate|postUpdate)\d+Function$/;
const generatedData = /DataResolverFn$/;

const passThrough = `export function request() { return {}; }\nexport function response(ctx) { return ctx.prev.result; }`;

export function loadJsPipelines(
  appSync: AppSyncDefinition,
  tables: DataSourceTables,
  cursors: PageCursors,
  log: (line: string) => void,
): JsPipelines {
  const dynamoDb = createDynamoDbDataSource(tables, cursors);
  const codes = new Map<string, ResolverCode>();
  const unsupported = new Map<string, string>();
  const load = (code: string, source: string) => {
    let loaded = codes.get(code);
    if (!loaded) {
      loaded = loadResolverCode(code, source, log);
      codes.set(code, loaded);
    }
    return loaded;
  };

  const dataSourceCall = (name: string): DataSourceCall | string => {
    const source = appSync.dataSources.find((candidate) => candidate.name === name);
    if (!source) return `its data source ${name} is not in the assembly`;
    if (source.type === 'NONE') return (request) => ({ result: (request as { payload?: unknown } | null)?.payload ?? null });
    if (source.type === 'AMAZON_DYNAMODB' && tables.byDataSource(name)) return (request) => dynamoDb.execute(name, request);
    return `its data source ${name} (${source.type}) does not run locally`;
  };

  const jsFunction = (fn: AppSyncFunction): JsFunction | string => {
    if (fn.runtime !== 'APPSYNC_JS' || fn.code === undefined) return `the function ${fn.name} is VTL of its own`;
    const callDataSource = dataSourceCall(fn.dataSourceName);
    if (typeof callDataSource === 'string') return `the function ${fn.name}: ${callDataSource}`;
    return { name: fn.name, code: load(fn.code, fn.name), callDataSource };
  };

  const around = new Map<string, { beforeData: JsFunction[]; afterData: JsFunction[] }>();
  const resolvers = new Map<string, JsResolver>();
  for (const resolver of appSync.resolvers) {
    const key = `${resolver.typeName}.${resolver.fieldName}`;
    try {
      if (resolver.runtime === 'APPSYNC_JS') {
        const built = jsResolver(resolver, load, jsFunction, dataSourceCall);
        if (typeof built === 'string') unsupported.set(key, built);
        else resolvers.set(key, built);
        continue;
      }
      const dataAt = resolver.functions.findIndex((fn) => generatedData.test(fn.name));
      const own = resolver.functions.map((fn, index) => ({ fn, index })).filter(({ fn }) => !generatedStage.test(fn.name) && !generatedData.test(fn.name));
      if (own.length === 0) continue;
      const built = own.map(({ fn, index }) => ({ index, fn: jsFunction(fn) }));
      const problem = built.find(({ fn }) => typeof fn === 'string');
      if (problem) {
        unsupported.set(key, problem.fn as string);
        continue;
      }
      around.set(key, {
        beforeData: built.filter(({ index }) => dataAt < 0 || index < dataAt).map(({ fn }) => fn as JsFunction),
        afterData: built.filter(({ index }) => dataAt >= 0 && index > dataAt).map(({ fn }) => fn as JsFunction),
      });
    } catch (error) {
      unsupported.set(key, error instanceof Error ? error.message : String(error));
    }
  }
  return {
    around: (typeName, fieldName) => around.get(`${typeName}.${fieldName}`),
    resolver: (typeName, fieldName) => resolvers.get(`${typeName}.${fieldName}`),
    unsupported,
  };
}

function jsResolver(
  resolver: AppSyncResolver,
  load: (code: string, source: string) => ResolverCode,
  jsFunction: (fn: AppSyncFunction) => JsFunction | string,
  dataSourceCall: (name: string) => DataSourceCall | string,
): JsResolver | string {
  const source = `${resolver.typeName}.${resolver.fieldName}`;
  const code = load(resolver.code ?? passThrough, source);
  if (resolver.kind === 'UNIT') {
    const callDataSource = resolver.dataSourceName === undefined ? undefined : dataSourceCall(resolver.dataSourceName);
    if (typeof callDataSource === 'string') return callDataSource;
    return { typeName: resolver.typeName, fieldName: resolver.fieldName, kind: 'UNIT', code, functions: [], ...(callDataSource ? { callDataSource } : {}) };
  }
  const functions = resolver.functions.map(jsFunction);
  const problem = functions.find((fn) => typeof fn === 'string');
  if (problem) return problem as string;
  return { typeName: resolver.typeName, fieldName: resolver.fieldName, kind: 'PIPELINE', code, functions: functions as JsFunction[] };
}
