import { createGuestCredentials, type IdentityStorage } from './guest-credentials';
import { postGraphql, type GraphqlResponse } from './graphql-http';
import { createRealtimeClient, type RealtimeOptions, type WebSocketConstructor } from './realtime-client';

export { createGuestCredentials, IdentityPoolError, memoryStorage, type AwsCredentials, type IdentityStorage } from './guest-credentials';
export { GraphqlRequestError, type GraphqlResponse } from './graphql-http';
export { realtimeUrl, SubscriptionError, type ConnectionState, type RealtimeClient, type RealtimeEvent, type SubscriptionHandlers, type WebSocketConstructor } from './realtime-client';

export interface GuestClientOptions {
  /** `data.url` of amplify_outputs.json. */
  url: string;
  region: string;
  identityPoolId: string;
  /** The local backend's identity pool endpoint (`custom.local_backend`), else Cognito's. */
  identityPoolEndpoint?: string | undefined;
  /** Where the guest identity and its credentials are kept (localStorage in a browser). */
  storage?: IdentityStorage | undefined;
  fetch?: typeof globalThis.fetch | undefined;
  /** Needed for subscriptions only. */
  WebSocket?: WebSocketConstructor | undefined;
  environment?: RealtimeOptions['environment'];
  retryDelaysMs?: readonly number[];
}

/**
 * Reads an AppSync API as a guest of its identity pool: queries over HTTP and subscriptions over
 * the real-time endpoint, SigV4-signed with the pool's unauthenticated credentials. A few
 * kilobytes for a page that only reads, where the full Amplify client is tens of kilobytes.
 */
export function createGuestClient(options: GuestClientOptions) {
  const fetchImpl = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const credentials = createGuestCredentials({ identityPoolId: options.identityPoolId, endpoint: options.identityPoolEndpoint, storage: options.storage, fetch: fetchImpl });
  let realtime: ReturnType<typeof createRealtimeClient> | undefined;
  return {
    credentials,
    async graphql<T>(query: string, variables?: Record<string, unknown>): Promise<GraphqlResponse<T>> {
      return postGraphql<T>({ url: options.url, region: options.region, credentials: await credentials.get(), fetch: fetchImpl }, query, variables);
    },
    realtime() {
      if (!options.WebSocket) throw new Error('createGuestClient needs a WebSocket for subscriptions');
      realtime ??= createRealtimeClient({
        url: options.url,
        region: options.region,
        credentials: () => credentials.get(),
        WebSocket: options.WebSocket,
        environment: options.environment,
        ...(options.retryDelaysMs ? { retryDelaysMs: options.retryDelaysMs } : {}),
      });
      return realtime;
    },
  };
}

export type GuestClient = ReturnType<typeof createGuestClient>;
