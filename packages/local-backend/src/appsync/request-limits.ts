import type { AppSyncDefinition } from '@exam-results/amplify-synth';
import {
  defaultFieldResolver,
  GraphQLError,
  isObjectType,
  Kind,
  type ASTVisitor,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { AppSyncError } from './appsync-errors';

/** The GraphQL API's settings that bound a request, with AppSync's defaults where amplify/ sets none. */
interface RequestLimits {
  /** Field levels a request may reach; undefined: no limit (AppSync's default). */
  queryDepthLimit: number | undefined;
  /** Resolver invocations per request (AppSync's default and maximum: 10,000). */
  resolverCountLimit: number;
  introspection: boolean;
}

const defaultResolverCountLimit = 10_000;

const servedLimits = new WeakMap<GraphQLSchema, RequestLimits>();

function readLimits(settings: AppSyncDefinition['settings']): RequestLimits {
  const { queryDepthLimit, resolverCountLimit } = settings;
  return {
    queryDepthLimit: queryDepthLimit && queryDepthLimit > 0 ? queryDepthLimit : undefined,
    resolverCountLimit: resolverCountLimit && resolverCountLimit > 0 ? resolverCountLimit : defaultResolverCountLimit,
    introspection: settings.introspection === 'ENABLED',
  };
}

function depthLimitReached(limit: number): AppSyncError {
  return new AppSyncError('QueryDepthLimitReached', `Query depth limit of ${limit} reached.`);
}

/** How many field levels down `path` is: list indices are no level. */
function depthOf(path: GraphQLResolveInfo['path'] | undefined): number {
  let depth = 0;
  for (let step = path; step; step = step.prev) if (typeof step.key === 'string') depth += 1;
  return depth;
}

const invocationLimitReached = () => new AppSyncError('ResolverExecutionLimitReached', 'Resolver invocation limit reached.');

interface Invocation {
  run(): unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** A request's resolver invocations: how many have run, the ones waiting, and whether they are being run. */
interface InvocationQueue {
  count: number;
  /** Waiting invocations, the next one last. */
  waiting: Invocation[];
  /** Invocations asked for since the last one ran: the resolvers under it, in document order. */
  arrived: Invocation[];
  running: boolean;
}

/** Per request: the request's GraphQL context is the key. */
const queues = new WeakMap<object, InvocationQueue>();

/**
 * Runs a request's resolver invocations one at a time, in the order AppSync counts them
 * (depth-first, in document order), with a turn of the event loop before each, so other
 * requests are served while a big one runs. The turn also lets graphql-js ask for the
 * resolvers under the invocation that just ran; they come before the invocations already
 * waiting, which is depth-first order. Past the count, each further resolver fails without running.
 */
async function runQueue(queue: InvocationQueue, resolverCountLimit: number): Promise<void> {
  queue.running = true;
  for (;;) {
    await new Promise(setImmediate);
    for (let index = queue.arrived.length - 1; index >= 0; index -= 1) queue.waiting.push(queue.arrived[index] as Invocation);
    queue.arrived = [];
    const next = queue.waiting.pop();
    if (!next) break;
    queue.count += 1;
    if (queue.count > resolverCountLimit) {
      next.reject(invocationLimitReached());
      continue;
    }
    try {
      next.resolve(await next.run());
    } catch (error) {
      next.reject(error);
    }
  }
  queue.running = false;
}

function queueOf(context: object): InvocationQueue {
  let queue = queues.get(context);
  if (!queue) {
    queue = { count: 0, waiting: [], arrived: [], running: false };
    queues.set(context, queue);
  }
  return queue;
}

function invoke(context: object, run: () => unknown, resolverCountLimit: number): Promise<unknown> {
  const queue = queueOf(context);
  const answer = new Promise((resolve, reject) => queue.arrived.push({ run, resolve, reject }));
  if (!queue.running) void runQueue(queue, resolverCountLimit);
  return answer;
}

/** A subscription's start runs its resolvers at once (they check its auth): counted, not queued. */
function countNow(context: object, resolverCountLimit: number): void {
  const queue = queueOf(context);
  queue.count += 1;
  if (queue.count > resolverCountLimit) throw invocationLimitReached();
}

function limit(field: GraphQLField<unknown, unknown>, isResolver: boolean, limits: RequestLimits): void {
  const resolve = field.resolve ?? defaultFieldResolver;
  const { queryDepthLimit, resolverCountLimit } = limits;
  field.resolve = (source, args, context, info) => {
    // Past the depth limit, AppSync answers each field with an error (null up to the nearest nullable parent).
    if (queryDepthLimit !== undefined && depthOf(info.path) > queryDepthLimit) throw depthLimitReached(queryDepthLimit);
    if (!isResolver || typeof context !== 'object' || context === null) return resolve(source, args, context, info);
    if (info.operation.operation === 'subscription') {
      countNow(context, resolverCountLimit);
      return resolve(source, args, context, info);
    }
    return invoke(context, () => resolve(source, args, context, info), resolverCountLimit);
  };
}

/**
 * Applies the API's request limits to `schema` as AppSync does, from its synthesized settings:
 * the depth limit and the resolver count at execution (each field with a resolver in the
 * assembly counts once per invocation, e.g. once per item for a relationship field), and
 * introspection on or off at validation (see limitRules). Call it last, so the limits come
 * before every other check a field makes.
 */
export function installRequestLimits(schema: GraphQLSchema, appSync: Pick<AppSyncDefinition, 'settings' | 'resolvers'>): void {
  const limits = readLimits(appSync.settings);
  servedLimits.set(schema, limits);
  const resolvers = new Set(appSync.resolvers.map(({ typeName, fieldName }) => `${typeName}.${fieldName}`));
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const isResolver = resolvers.has(`${type.name}.${field.name}`);
      if (isResolver || limits.queryDepthLimit !== undefined) limit(field, isResolver, limits);
    }
  }
}

/** With introspection disabled, `__schema` and `__type` are fields the schema does not have (`__typename` stays). */
function noIntrospection(context: ValidationContext): ASTVisitor {
  return {
    Field(node) {
      const name = node.name.value;
      if (name !== '__schema' && name !== '__type') return;
      const parent = context.getParentType()?.name ?? 'Query';
      context.reportError(new GraphQLError(`Validation error of type FieldUndefined: Field '${name}' in type '${parent}' is undefined @ '${name}'`, { nodes: node }));
    },
  };
}

/** The deepest field level of a selection set, fragments spread (validation has ruled out their cycles). */
function selectionDepth(selectionSet: SelectionSetNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): number {
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) deepest = Math.max(deepest, 1 + (selection.selectionSet ? selectionDepth(selection.selectionSet, fragments) : 0));
    else {
      const nested = selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : fragments.get(selection.name.value)?.selectionSet;
      if (nested) deepest = Math.max(deepest, selectionDepth(nested, fragments));
    }
  }
  return deepest;
}

interface LimitRules {
  /** Validation rules beside graphql-js's own. */
  validation: ValidationRule[];
  /**
   * A subscription runs no resolver at its start, so its depth is checked on the document:
   * the errors refusing it, or none.
   */
  checkSubscription(document: DocumentNode, operation: OperationDefinitionNode): GraphQLError[];
}

/** The checks of the limits installed on `schema` made before anything runs (none on a schema without them). */
export function limitRules(schema: GraphQLSchema): LimitRules {
  const limits = servedLimits.get(schema);
  return {
    validation: limits && !limits.introspection ? [noIntrospection] : [],
    checkSubscription(document, operation) {
      const depthLimit = limits?.queryDepthLimit;
      if (depthLimit === undefined || operation.operation !== 'subscription') return [];
      const fragments = new Map(document.definitions.flatMap((definition) => (definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [])));
      return selectionDepth(operation.selectionSet, fragments) > depthLimit ? [new GraphQLError(depthLimitReached(depthLimit).message, { nodes: operation })] : [];
    },
  };
}
