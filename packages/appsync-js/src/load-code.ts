import { createContext, Script } from 'node:vm';
import { transformSync } from 'esbuild';
import { ResolverCodeError } from './control-flow';
import * as dynamodbModule from './dynamodb-module';
import type { RuntimeGlobals } from './runtime-globals';
import { validateAppSyncCode } from './validate-code';

export type Handler = (ctx: unknown) => unknown;

/** The `request` and `response` handlers of one resolver or function's code. */
export interface ResolverCode {
  request: Handler | undefined;
  response: Handler | undefined;
  /**
   * Runs `call` with `globals` behind the module's `util`, `runtime` and `extensions`.
   * Handlers are synchronous, so one invocation at a time uses them.
   */
  withGlobals<T>(globals: RuntimeGlobals, call: () => T): T;
}

// The modules AppSync's runtime resolves; anything else must be bundled into the code.
const utilsModule = '@aws-appsync/utils';
const dynamodbHelpers = '@aws-appsync/utils/dynamodb';

/**
 * Loads APPSYNC_JS code (an ES module exporting `request` and `response`) as AppSync runs it:
 * in a context of its own, importing only `@aws-appsync/utils` and its `dynamodb` helpers.
 * `source` names the code in errors (e.g. the function's name).
 */
export function loadResolverCode(code: string, source: string, log: (line: string) => void): ResolverCode {
  validateAppSyncCode(code, source);
  let commonJs: string;
  try {
    commonJs = transformSync(code, { format: 'cjs', loader: 'js', target: 'es2022', sourcefile: source, logLevel: 'silent' }).code;
  } catch (error) {
    const messages = (error as { errors?: { text: string; location?: { line: number; column: number } | null }[] }).errors ?? [];
    const detail = messages.map((m) => `${m.text}${m.location ? ` (line ${m.location.line}, column ${m.location.column})` : ''}`).join('; ');
    throw new ResolverCodeError(`The code of ${source} contains one or more errors: ${detail || String(error)}`);
  }

  let current: RuntimeGlobals | undefined;
  const active = (): RuntimeGlobals => {
    if (!current) throw new ResolverCodeError(`${source} used @aws-appsync/utils outside a request or response handler`);
    return current;
  };
  const forward = (pick: (globals: RuntimeGlobals) => object) =>
    new Proxy({}, { get: (_target, name) => Reflect.get(pick(active()), name) });
  const utils = { util: forward((g) => g.util), runtime: forward((g) => g.runtime), extensions: forward((g) => g.extensions) };

  const context = createContext({
    ...utils,
    console: {
      log: (...args: unknown[]) => log(`${source}: ${args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' ')}`),
      error: (...args: unknown[]) => log(`${source} (error): ${args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' ')}`),
    },
  });
  const module = { exports: {} as Record<string, unknown> };
  const require = (specifier: string) => {
    if (specifier === utilsModule) return utils;
    if (specifier === dynamodbHelpers) return dynamodbModule;
    throw new ResolverCodeError(`${source} imports "${specifier}": the APPSYNC_JS runtime only provides ${utilsModule} and ${dynamodbHelpers}; bundle other code into the resolver`);
  };
  try {
    const wrapper = new Script(`(function (exports, require, module) {${commonJs}\n})`, { filename: source }).runInContext(context) as (
      exports: unknown,
      require: (specifier: string) => unknown,
      module: unknown,
    ) => void;
    wrapper(module.exports, require, module);
  } catch (error) {
    if (error instanceof ResolverCodeError) throw error;
    throw new ResolverCodeError(`The code of ${source} failed to load: ${error instanceof Error ? error.message : String(error)}`);
  }
  const handler = (name: string): Handler | undefined => {
    const exported = module.exports[name];
    if (exported === undefined) return undefined;
    if (typeof exported !== 'function') throw new ResolverCodeError(`${source} exports ${name}, but not as a function`);
    return exported as Handler;
  };
  return {
    request: handler('request'),
    response: handler('response'),
    withGlobals(globals, call) {
      const previous = current;
      current = globals;
      try {
        return call();
      } finally {
        current = previous;
      }
    },
  };
}
