import type { IncomingHttpHeaders } from 'node:http';
import type { GraphQLResolveInfo } from 'graphql';
import type { AppSyncError } from './appsync-errors';
import type { FieldDecision } from '../shared/observers';
import type { Caller } from './caller';

/** The GraphQL context every resolver reads: who is asking, already authenticated, and how. */
export interface AppSyncContext {
  caller: Caller;
  /** The request's headers (`ctx.request.headers` of resolver code). */
  headers: IncomingHttpHeaders;
  /** Errors resolvers add beside a value (`util.appendError`), answered with the data. */
  appendedErrors: { path: GraphQLResolveInfo['path']; error: AppSyncError }[];
  /** What subscription resolvers handed to `extensions.setSubscriptionFilter`. */
  subscriptionFilters: unknown[];
  /** What subscription resolvers handed to `extensions.setSubscriptionInvalidationFilter`. */
  invalidationFilters: unknown[];
  /** What mutation resolvers asked with `extensions.invalidateSubscriptions`, for the real-time endpoint. */
  invalidations: unknown[];
  /** What the root fields' resolvers decided (the console's monitor shows it). */
  decisions: FieldDecision[];
}

/**
 * A mutation's answer, as the caller selected it: what AppSync hands to the subscriptions
 * listing the mutation in `@aws_subscribe`.
 */
export interface MutationEvent {
  /** The root Mutation field, e.g. `createResult`. */
  mutationField: string;
  /** The field's value in the mutation's response (its selection set, field resolvers applied); null when it failed. */
  data: Record<string, unknown> | null;
  /** The subscriptions its resolver asked to close (`extensions.invalidateSubscriptions`), after the event. */
  invalidations: unknown[];
}

export function newContext(caller: Caller, headers: IncomingHttpHeaders): AppSyncContext {
  return { caller, headers, appendedErrors: [], subscriptionFilters: [], invalidationFilters: [], invalidations: [], decisions: [] };
}
