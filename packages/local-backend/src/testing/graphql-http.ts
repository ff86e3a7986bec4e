/** What AppSync answered on HTTP, reduced to what a test judges it by. */
interface GraphqlResponse {
  status: number;
  errorType: string | null;
  body: { data?: Record<string, unknown> | null; errors?: { errorType?: string | null; message: string; path?: unknown; errorInfo?: unknown; data?: unknown }[] };
}

/** POSTs a GraphQL request body with exactly the headers given (and a JSON content type). */
export async function postGraphql(url: string, body: string, headers: Record<string, string>): Promise<GraphqlResponse> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return {
    status: response.status,
    errorType: response.headers.get('x-amzn-errortype'),
    body: (await response.json()) as GraphqlResponse['body'],
  };
}
