import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { callAws } from './aws-json';
import type { TestOutputs } from './temp-backend';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

/** Guest credentials from the identity pool, as a student's browser gets them. */
export async function guestCredentials(outputs: TestOutputs): Promise<AwsCredentials> {
  const endpoint = outputs.custom.local_backend.identity_pool_endpoint;
  const call = async (operation: string, input: unknown) => {
    const response = await callAws(endpoint, `AWSCognitoIdentityService.${operation}`, input);
    if (response.status !== 200) throw new Error(`${operation} failed: ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const { IdentityId } = await call('GetId', { IdentityPoolId: outputs.auth.identity_pool_id });
  const { Credentials } = (await call('GetCredentialsForIdentity', { IdentityId })) as {
    Credentials: { AccessKeyId: string; SecretKey: string; SessionToken: string };
  };
  return { accessKeyId: Credentials.AccessKeyId, secretAccessKey: Credentials.SecretKey, sessionToken: Credentials.SessionToken };
}

interface SigningOptions {
  /** When the request is signed. Default: now. */
  at?: Date;
  region?: string;
}

/**
 * SigV4 for AppSync by @smithy/signature-v4, the AWS SDK's signer, so what the local
 * backend verifies is never signed by its own code. Returns every signed header, host included.
 */
async function signForAppSync(
  credentials: AwsCredentials,
  request: { url: string; body: string; headers: Record<string, string> },
  options: SigningOptions,
): Promise<Record<string, string>> {
  const { protocol, hostname, port, pathname, host } = new URL(request.url);
  const signer = new SignatureV4({ credentials, region: options.region ?? 'us-east-1', service: 'appsync', sha256: Sha256, applyChecksum: false });
  const signed = await signer.sign(
    { method: 'POST', protocol, hostname, port: Number(port), path: pathname, query: {}, headers: { ...request.headers, host }, body: request.body },
    { signingDate: options.at ?? new Date() },
  );
  return signed.headers;
}

/** The headers of a SigV4-signed GraphQL POST of `body` to `url` (fetch adds `host` itself). */
export async function signedGraphqlHeaders(
  credentials: AwsCredentials,
  url: string,
  body: string,
  options: SigningOptions = {},
): Promise<Record<string, string>> {
  const { host: _host, ...headers } = await signForAppSync(credentials, { url, body, headers: { 'content-type': 'application/json' } }, options);
  return headers;
}

/**
 * The authorization the Amplify client sends for an IAM real-time message: its fixed
 * real-time headers signed over `POST <url>` with `body` (`<data url>/connect` and `{}`
 * for the connection, `<data url>` and the start's `data` for a subscription).
 */
export function realtimeAuthorization(credentials: AwsCredentials, url: string, body: string, options: SigningOptions = {}): Promise<Record<string, string>> {
  const headers = { accept: 'application/json, text/javascript', 'content-encoding': 'amz-1.0', 'content-type': 'application/json; charset=UTF-8' };
  return signForAppSync(credentials, { url, body, headers }, options);
}
