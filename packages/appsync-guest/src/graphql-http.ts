import type { AwsCredentials } from './guest-credentials';
import { signAppSyncRequest } from './sign';

export interface GraphqlResponse<T> {
  data: T | null;
  errors?: { message: string; errorType?: string | null }[];
}

export class GraphqlRequestError extends Error {
  constructor(
    readonly status: number,
    readonly errorType: string,
    message: string,
  ) {
    super(message);
    this.name = 'GraphqlRequestError';
  }
}

/** A GraphQL query or mutation over HTTP, signed with the guest's credentials. */
export async function postGraphql<T>(
  request: { url: string; region: string; credentials: AwsCredentials; fetch: typeof globalThis.fetch },
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphqlResponse<T>> {
  const body = JSON.stringify({ query, variables });
  const headers = await signAppSyncRequest(request.credentials, request.region, request.url, { 'content-type': 'application/json; charset=UTF-8', accept: 'application/json' }, body);
  const response = await request.fetch(request.url, { method: 'POST', headers, body });
  const json = (await response.json().catch(() => ({ errors: [{ message: `HTTP ${response.status}` }] }))) as GraphqlResponse<T>;
  if (!response.ok && json.data === undefined) {
    const [first] = json.errors ?? [];
    throw new GraphqlRequestError(response.status, first?.errorType ?? 'HttpError', first?.message ?? `HTTP ${response.status}`);
  }
  return { data: json.data ?? null, ...(json.errors ? { errors: json.errors } : {}) };
}
