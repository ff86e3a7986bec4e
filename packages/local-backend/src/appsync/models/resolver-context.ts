import type { GraphQLFieldResolver } from 'graphql';
import type { Clock } from '../../shared/clock';
import type { Item } from '../../shared/values';
import type { Caller } from '../caller';
import type { ItemStore } from './item-store';
import type { ModelCatalog, ModelInfo } from './model-catalog';
import type { PageTokens } from './page-token';

/** The GraphQL context every resolver reads: who is asking, already authenticated. */
export interface AppSyncContext {
  caller: Caller;
}

/** Published after a create, update or delete is durable. */
export interface MutationEvent {
  /** The root Mutation field, e.g. `createResult`. */
  mutationField: string;
  modelName: string;
  /**
   * The stored item (after the change; before it for a delete), owner included. It is
   * marked as a mutation result, so relationship fields resolve to null / no items when a
   * subscription selection set is executed on it, as the generated resolvers do.
   */
  item: Item;
}

/** What the model resolvers are made from. */
export interface ResolverDeps {
  catalog: ModelCatalog;
  store: ItemStore;
  tokens: PageTokens;
  clock: Clock;
  publish(event: MutationEvent): void;
}

export type Args = Record<string, unknown>;
export type Resolver = GraphQLFieldResolver<unknown, AppSyncContext, Args>;

/** Makes the resolver of one root field (`getExam`, `createResult`, ...) of `model`. */
export type ModelOperation = (deps: ResolverDeps, fieldName: string, model: ModelInfo) => Resolver;

const mutationResult = Symbol('mutationResult');

/** Marks an item as a mutation's result: its relationship fields resolve to null / no items. */
export function markMutationResult(item: Item): Item {
  Object.defineProperty(item, mutationResult, { value: true, enumerable: false });
  return item;
}

export function isMutationResult(source: unknown): boolean {
  return typeof source === 'object' && source !== null && (source as Record<symbol, unknown>)[mutationResult] === true;
}
