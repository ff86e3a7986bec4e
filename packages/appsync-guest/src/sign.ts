import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentials } from './guest-credentials';

/** SigV4 for AppSync (service `appsync`), over the request a browser sends. */
export async function signAppSyncRequest(
  credentials: AwsCredentials,
  region: string,
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<Record<string, string>> {
  const { protocol, hostname, port, pathname } = new URL(url);
  const signer = new SignatureV4({ service: 'appsync', region, credentials, sha256: Sha256 });
  const signed = await signer.sign({
    method: 'POST',
    protocol,
    hostname,
    ...(port ? { port: Number(port) } : {}),
    path: pathname,
    headers: { ...headers, host: new URL(url).host },
    body,
  });
  return signed.headers as Record<string, string>;
}
