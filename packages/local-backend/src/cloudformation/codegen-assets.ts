import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SynthesizedBackend } from '@exam-results/amplify-synth';
import type { Clock } from '../shared/clock';
import { requireAdministratorSignature, type AdministratorRefusal, type OtherPrincipal } from '../shared/sigv4';
import type { AdminCredentials } from '../user-pool';

/** Where the deployed stack says the model schema lies: the codegen assets bucket ampx reads model_introspection from. */
export const codegenAssetsBucket = 'local-backend-codegen-assets';
const modelSchemaKey = 'model-schema.graphql';
export const modelSchemaS3Uri = `s3://${codegenAssetsBucket}/${modelSchemaKey}`;

// S3 names refusals in its own words, each answered 403.
const s3Codes: Record<AdministratorRefusal, string> = {
  MissingAuthenticationTokenException: 'AccessDenied',
  IncompleteSignatureException: 'AuthorizationHeaderMalformed',
  InvalidSignatureException: 'SignatureDoesNotMatch',
  UnrecognizedClientException: 'InvalidAccessKeyId',
  ExpiredTokenException: 'ExpiredToken',
  AccessDeniedException: 'AccessDenied',
};

class S3Refusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

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
  /** The identity pool's credentials, which sign genuinely and are denied (AccessDenied). */
  findOtherPrincipal?: (accessKeyId: string) => OtherPrincipal | undefined;
  definition: () => Pick<SynthesizedBackend, 'modelSchema'>;
}) {
  const check = requireAdministratorSignature({
    service: 's3',
    region: deps.region,
    clock: deps.clock,
    administrator: deps.credentials,
    findOtherPrincipal: deps.findOtherPrincipal,
    // S3 answers an unsigned request without saying more.
    refuse: (refusal, message) => new S3Refusal(s3Codes[refusal], refusal === 'MissingAuthenticationTokenException' ? 'Access Denied' : message),
  });
  return (req: IncomingMessage, res: ServerResponse): void => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname.slice(deps.prefix.length);
    try {
      check({ method: req.method ?? 'GET', url: `http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, headers: req.headers, body: '' }, () => ({
        action: 's3:GetObject',
        resource: `arn:aws:s3:::${path.replace(/^\//, '')}`,
      }));
    } catch (error) {
      if (error instanceof S3Refusal) return sendS3Error(res, 403, error.code, error.message, path);
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
