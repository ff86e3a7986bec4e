import type { IncomingHttpHeaders } from 'node:http';
import type { GraphQLFieldResolver, GraphQLResolveInfo } from 'graphql';
import type { AppSyncError } from '../appsync-errors';
import type { Clock } from '../../shared/clock';
import type { Item } from '../../shared/values';
import type { Caller } from '../caller';
import type { ItemStore } from './item-store';
import type { ModelCatalog, ModelInfo } from './model-catalog';
import type { PageTokens } from './page-token';

/** The GraphQL context every resolver reads: who is asking, already authenticated, and how. */
export interface AppSyncContext {
  caller: Caller;
  /** The request's headers (`ctx.request.headers` of APPSYNC_JS code). */
  headers: IncomingHttpHeaders;
  /** Errors resolvers add beside a value (`util.appendError`), answered with the data. */
  appendedErrors: { path: GraphQLResolveInfo['path']; error: AppSyncError }[];
}

/**
 * A mutation's answer, as the caller selected it: what AppSync hands to the subscriptions
 * listing the mutation in `@aws_subscribe`.
 */
export interface MutationEvent {
  /** The root Mutation field, e.g. `createResult`. */
  mutationField: string;
  /** The field's value in the mutation's response (its selection set, field resolvers applied). */
  data: Record<string, unknown>;
}

/** What the model resolvers are made from. */
export interface ResolverDeps {
  catalog: ModelCatalog;
  store: ItemStore;
  tokens: PageTokens;
  clock: Clock;
}

export type Args = Record<string, unknown>;
export type Resolver = GraphQLFieldResolver<unknown, AppSyncContext, Args>;

/** One call of a field's resolver. */
export interface ResolveCall {
  source: unknown;
  args: Args;
  context: AppSyncContext;
  info: GraphQLResolveInfo;
}

/**
 * APPSYNC_JS functions amplify/ splices into a generated pipeline: `beforeData` runs after the
 * generated auth and validation, with the arguments as they left them (a create's owner filled
 * in), and may stop the write by throwing the field's error; `afterData` gets the data
 * function's result and gives the field's value.
 */
export interface PipelineExtras {
  beforeData(call: ResolveCall, args: Args): void;
  afterData(call: ResolveCall, result: unknown): unknown;
}

export const noExtras: PipelineExtras = { beforeData: () => undefined, afterData: (_call, result) => result };

/** Makes the resolver of one root field (`getExam`, `createResult`, ...) of `model`. */
export type ModelOperation = (deps: ResolverDeps, fieldName: string, model: ModelInfo, extras: PipelineExtras) => Resolver;

const mutationResult = Symbol('mutationResult');

/** Marks an item as a mutation's result: its relationship fields resolve to null / no items. */
export function markMutationResult(item: Item): Item {
  Object.defineProperty(item, mutationResult, { value: true, enumerable: false });
  return item;
}

export function isMutationResult(source: unknown): boolean {
  return typeof source === 'object' && source !== null && (source as Record<symbol, unknown>)[mutationResult] === true;
}
