/** What an AWS JSON 1.1 service answered: HTTP status, `x-amzn-errortype` and the parsed body. */
interface AwsJsonResponse {
  status: number;
  errorType: string | null;
  body: Record<string, unknown>;
}

/** Calls an AWS JSON 1.1 operation (`x-amz-target: <Service>.<Operation>`) as the SDKs do. */
export async function callAws(endpoint: string, target: string, body: unknown): Promise<AwsJsonResponse> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    errorType: response.headers.get('x-amzn-errortype'),
    body: (await response.json()) as Record<string, unknown>,
  };
}
