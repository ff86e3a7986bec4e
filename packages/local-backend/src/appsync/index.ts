import type { ServiceContext } from '../shared/service-context';
import type { HttpHandler, UpgradeHandler } from '../shared/server';
import type { ApiDefinition } from './api-definition';
import type { CallerVerifiers } from './authorize-request';
import { createGraphqlApi, type GraphqlApi } from './graphql-api';
import { createGraphqlHttpHandler } from './http-endpoint';
import { createRealtimeEndpoint, type RealtimeOptions } from './realtime/realtime-endpoint';

export { loadApiDefinition, type ApiDefinition } from './api-definition';
export type { RealtimeOptions } from './realtime/realtime-endpoint';

export interface AppSync {
  /** Serves POST `<path>`. */
  handleHttp: HttpHandler;
  /** Accepts real-time WebSocket upgrades at `<path>/realtime`. */
  handleRealtimeUpgrade: UpgradeHandler;
  /** The API served, for the console. */
  api: GraphqlApi;
  /** How many real-time connections are open and how many subscriptions they hold. */
  realtimeStats(): { connections: number; subscriptions: number };
  /** Closes every real-time connection (1001, so clients reconnect later). */
  close(): Promise<void>;
}

/**
 * AppSync serving `definition` (from loadApiDefinition on the synthesized backend) at
 * `path` over HTTP and at `<path>/realtime` over WebSocket, its items in the context's
 * database, its callers checked with the user pool's and the identity pool's verifiers.
 */
export function createAppSync(
  context: ServiceContext,
  definition: ApiDefinition,
  verifiers: CallerVerifiers,
  options: { path: string; realtime?: RealtimeOptions | undefined },
): AppSync {
  const api = createGraphqlApi(context, definition, verifiers);
  const { observers } = context;
  const realtime = createRealtimeEndpoint(api, { dataPath: options.path, log: context.log, observe: observers?.subscriptionStart?.bind(observers), ...options.realtime });
  const observe = observers?.graphqlRequest?.bind(observers);
  return {
    api,
    realtimeStats: realtime.stats,
    handleHttp: createGraphqlHttpHandler({ schema: api.schema, path: options.path, authorize: api.authorizeRequest, publish: api.publish, log: context.log, observe }),
    handleRealtimeUpgrade: realtime.handleUpgrade,
    close: realtime.close,
  };
}
