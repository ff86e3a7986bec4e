import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SynthesizedBackend } from '@exam-results/amplify-synth';
import { SignatureError, verifySigV4 } from '../shared/sigv4';
import type { Clock } from '../shared/clock';
import type { AdminCredentials } from '../user-pool';

/** Where the deployed stack says the model schema lies: the codegen assets bucket ampx reads model_introspection from. */
export const codegenAssetsBucket = 'local-backend-codegen-assets';
const modelSchemaKey = 'model-schema.graphql';
export const modelSchemaS3Uri = `s3://${codegenAssetsBucket}/${modelSchemaKey}`;

const s3Codes: Record<SignatureError['errorType'], string> = {
  IncompleteSignatureException: 'AuthorizationHeaderMalformed',
  InvalidSignatureException: 'SignatureDoesNotMatch',
  UnrecognizedClientException: 'InvalidAccessKeyId',
  ExpiredTokenException: 'ExpiredToken',
};

function sendS3Error(res: ServerResponse, status: number, code: string, message: string, resource: string): void {
  const escape = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
  const payload = Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escape(message)}</Message><Resource>${escape(resource)}</Resource><RequestId>${randomUUID()}</RequestId></Error>\n`,
  );
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': String(payload.length) });
  res.end(payload);
}

/**
 * S3's GetObject (path style, SigV4 with the administrator's credentials) for the one object
 * ampx reads from a deployment's codegen assets bucket: the synthesized model schema.
 */
export function createCodegenAssets(deps: {
  prefix: string;
  region: string;
  clock: Clock;
  credentials: AdminCredentials;
  definition: () => Pick<SynthesizedBackend, 'modelSchema'>;
}) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname.slice(deps.prefix.length);
    if (req.headers.authorization === undefined) return sendS3Error(res, 403, 'AccessDenied', 'Access Denied', path);
    try {
      verifySigV4(
        { method: req.method ?? 'GET', url: `http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, headers: req.headers, body: '' },
        { region: deps.region, service: 's3', clock: deps.clock, findCredentials: (id) => (id === deps.credentials.accessKeyId ? deps.credentials : undefined) },
      );
    } catch (error) {
      if (error instanceof SignatureError) return sendS3Error(res, 403, s3Codes[error.errorType], error.message, path);
      throw error;
    }
    if (req.method !== 'GET') return sendS3Error(res, 405, 'MethodNotAllowed', 'The local backend serves GetObject only.', path);
    const [, bucket, ...key] = path.split('/');
    if (bucket !== codegenAssetsBucket) return sendS3Error(res, 404, 'NoSuchBucket', 'The specified bucket does not exist', path);
    if (key.join('/') !== modelSchemaKey) return sendS3Error(res, 404, 'NoSuchKey', 'The specified key does not exist.', path);
    const body = Buffer.from(deps.definition().modelSchema);
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': String(body.length),
      etag: `"${createHash('md5').update(body).digest('hex')}"`,
      'x-amz-request-id': randomUUID(),
    });
    res.end(body);
  };
}
