import { localBackendEndpoints, type AmplifyOutputsLike } from './local-backend-outputs';

/** What `createGuestClient` of `@exam-results/appsync-guest` needs to know about a backend. */
export interface GuestEndpoints {
  url: string;
  region: string;
  identityPoolId: string;
  /** The local backend's identity pool endpoint; absent for a real deployment (Cognito's own). */
  identityPoolEndpoint: string | undefined;
}

function text(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') throw new Error(`amplify_outputs.json: ${name} is missing`);
  return value;
}

/** Where a guest reads this backend: its GraphQL URL and region, and its identity pool. */
export function guestEndpoints(outputs: AmplifyOutputsLike): GuestEndpoints {
  const data = outputs.data as { url?: unknown; aws_region?: unknown } | undefined;
  const auth = outputs['auth'] as { identity_pool_id?: unknown; unauthenticated_identities_enabled?: unknown } | undefined;
  if (auth?.unauthenticated_identities_enabled === false) throw new Error('amplify_outputs.json: the identity pool does not allow guests');
  return {
    url: text(data?.url, 'data.url'),
    region: text(data?.aws_region, 'data.aws_region'),
    identityPoolId: text(auth?.identity_pool_id, 'auth.identity_pool_id'),
    identityPoolEndpoint: localBackendEndpoints(outputs)?.identity_pool_endpoint,
  };
}
