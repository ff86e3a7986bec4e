import { EarlyReturn, ResolverAbort, type ResolverError } from './control-flow';
import type { DataSourceAnswer } from './dynamodb-data-source';
import type { ResolverCode } from './load-code';
import { createRuntimeGlobals, type Invocation } from './runtime-globals';

/**
 * Runs an APPSYNC_JS unit or pipeline resolver as AppSync does: the resolver's request
 * handler, each function's request handler, its data source and its response handler, then
 * the resolver's response handler, with one `ctx.stash` and `ctx.prev.result` carried along.
 */

/** Calls the data source a function (or unit resolver) is attached to with its request. */
export type DataSourceCall = (request: unknown) => DataSourceAnswer;

/**
 * Handlers of another runtime in the same pipeline (VTL mapping templates): each runs with the
 * pipeline's live `ctx`, so changes to `ctx.args` and `ctx.stash` carry on to the next step.
 */
export interface TemplateHandlers {
  request(ctx: PipelineContext, authType: string): TemplateAnswer;
  response(ctx: PipelineContext, authType: string): TemplateAnswer;
}

export interface TemplateAnswer {
  /** The handler's result: the data source request, or the step's result. */
  value: unknown;
  /** The template returned early (`#return`): skip to the next function, or end the resolver. */
  returned: boolean;
  /** `$util.error` and the like: the field resolves to null with this error. */
  error?: ResolverError | undefined;
  appendedErrors: readonly ResolverError[];
  subscriptionFilter?: unknown;
  subscriptionInvalidationFilter?: unknown;
  invalidations?: readonly unknown[];
}

export interface JsFunction {
  name: string;
  code: ResolverCode | TemplateHandlers;
  callDataSource: DataSourceCall;
}

export interface JsResolver {
  typeName: string;
  fieldName: string;
  code: ResolverCode | TemplateHandlers;
  kind: 'UNIT' | 'PIPELINE';
  /** PIPELINE: the functions in order. */
  functions: readonly JsFunction[];
  /** UNIT: the resolver's own data source. */
  callDataSource?: DataSourceCall;
}

/** What AppSync puts in `ctx` besides the per-step `result`, `error` and `prev`. */
export interface ResolverInput {
  arguments: Record<string, unknown>;
  source: unknown;
  identity: unknown;
  info: { fieldName: string; parentTypeName: string; variables: Record<string, unknown>; selectionSetList: string[]; selectionSetGraphQL: string };
  request: { headers: Record<string, string>; domainName: string | null };
  env: Record<string, string>;
  now(): Date;
  authType: string;
}

export interface ResolverOutcome {
  /** The field's value (JSON data). */
  value: unknown;
  /** `util.appendError` errors, and the aborting error of `util.error` (then value is null). */
  errors: ResolverError[];
  subscriptionFilters: unknown[];
  /** `extensions.setSubscriptionInvalidationFilter` of a subscription resolver. */
  invalidationFilters: unknown[];
  /** `extensions.invalidateSubscriptions` of a mutation's resolver. */
  invalidations: unknown[];
  stash: Record<string, unknown>;
  /** The function (or `resolver`) whose handler stopped the pipeline with an error. */
  stoppedAt?: string | undefined;
}

/** `ctx` as one resolver invocation's steps share it. */
export interface PipelineContext {
  arguments: Record<string, unknown>;
  args: Record<string, unknown>;
  source: unknown;
  identity: unknown;
  info: ResolverInput['info'];
  request: ResolverInput['request'];
  env: Record<string, string>;
  stash: Record<string, unknown>;
  prev: { result: unknown };
  result?: unknown;
  error?: { message: string; type: string } | undefined;
}

// Values cross between this process and the code's own context; AppSync passes JSON anyway.
function asJson(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}

export function runResolver(resolver: JsResolver, input: ResolverInput): ResolverOutcome {
  const invocation: Invocation = {
    now: input.now,
    authType: input.authType,
    fieldName: input.info.fieldName,
    parentTypeName: input.info.parentTypeName,
    appendedErrors: [],
    subscriptionFilters: [],
    invalidationFilters: [],
    invalidations: [],
    inFunction: false,
  };
  // Made on the first APPSYNC_JS handler: a pipeline of VTL templates alone never needs them.
  let globals: ReturnType<typeof createRuntimeGlobals> | undefined;
  const ctx: PipelineContext = {
    arguments: input.arguments,
    args: input.arguments,
    source: input.source,
    identity: input.identity,
    info: input.info,
    request: input.request,
    env: input.env,
    stash: {},
    prev: { result: null },
  };

  /** Runs one handler; an early return gives its value and where to go next. */
  const call = (code: ResolverCode | TemplateHandlers, handler: 'request' | 'response', fallback: () => unknown, inFunction: boolean): { value: unknown; skipTo?: 'END' | 'NEXT' | undefined } => {
    if (!('withGlobals' in code)) {
      const answer = code[handler](ctx, input.authType);
      invocation.appendedErrors.push(...answer.appendedErrors);
      if (answer.subscriptionFilter !== undefined) invocation.subscriptionFilters.push(answer.subscriptionFilter);
      if (answer.subscriptionInvalidationFilter !== undefined) invocation.invalidationFilters.push(answer.subscriptionInvalidationFilter);
      invocation.invalidations.push(...(answer.invalidations ?? []));
      if (answer.error) throw new ResolverAbort(answer.error);
      return answer.returned ? { value: answer.value, skipTo: inFunction ? 'NEXT' : 'END' } : { value: answer.value };
    }
    const run = code[handler];
    invocation.inFunction = inFunction;
    try {
      globals ??= createRuntimeGlobals(invocation);
      const runtime = globals;
      return { value: run ? asJson(code.withGlobals(runtime, () => run(ctx))) : fallback() };
    } catch (error) {
      if (error instanceof EarlyReturn) return { value: asJson(error.value), skipTo: error.skipTo ?? (inFunction ? 'NEXT' : 'END') };
      throw error;
    }
  };

  let step = 'resolver';
  const outcome = (value: unknown): ResolverOutcome => ({
    value,
    errors: invocation.appendedErrors,
    subscriptionFilters: invocation.subscriptionFilters,
    invalidationFilters: invocation.invalidationFilters.map(asJson),
    invalidations: invocation.invalidations.map(asJson),
    stash: ctx.stash,
  });

  try {
    if (resolver.kind === 'UNIT') {
      const request = call(resolver.code, 'request', () => ({}), false);
      if (request.skipTo) return outcome(request.value);
      const answer = resolver.callDataSource?.(request.value) ?? { result: (request.value as { payload?: unknown } | null)?.payload ?? null };
      ctx.result = answer.result;
      ctx.error = answer.error;
      return outcome(call(resolver.code, 'response', () => ctx.result, false).value);
    }

    const before = call(resolver.code, 'request', () => ({}), false);
    ctx.prev = { result: before.value };
    if (!before.skipTo) {
      for (const fn of resolver.functions) {
        step = fn.name;
        delete ctx.result;
        delete ctx.error;
        const request = call(fn.code, 'request', () => ({}), true);
        if (request.skipTo) {
          ctx.prev = { result: request.value };
          if (request.skipTo === 'END') break;
          continue;
        }
        const answer = fn.callDataSource(request.value);
        ctx.result = answer.result;
        ctx.error = answer.error;
        const response = call(fn.code, 'response', () => ctx.result, true);
        ctx.prev = { result: response.value };
        if (response.skipTo === 'END') break;
      }
    }
    step = 'resolver';
    delete ctx.result;
    delete ctx.error;
    return outcome(call(resolver.code, 'response', () => ctx.prev.result, false).value);
  } catch (error) {
    if (error instanceof ResolverAbort) return { ...outcome(null), errors: [...invocation.appendedErrors, error.error], stoppedAt: step };
    throw error;
  }
}
