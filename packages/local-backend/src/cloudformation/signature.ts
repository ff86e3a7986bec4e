import { SignatureError, verifySigV4 } from '../shared/sigv4';
import type { RawRequest } from '../shared/aws-json-protocol';
import type { Clock } from '../shared/clock';
import type { AdminCredentials } from '../user-pool';
import { QueryError } from './query-protocol';

// The Query protocol names signature refusals differently from the JSON protocol.
const queryCodes: Record<SignatureError['errorType'], { code: string; status: number }> = {
  IncompleteSignatureException: { code: 'IncompleteSignature', status: 400 },
  InvalidSignatureException: { code: 'SignatureDoesNotMatch', status: 403 },
  UnrecognizedClientException: { code: 'InvalidClientTokenId', status: 403 },
  ExpiredTokenException: { code: 'ExpiredToken', status: 403 },
};

/** Every CloudFormation call needs a SigV4 signature (service `cloudformation`) made with the install's administrator credentials. */
export function requireAdminSignature(deps: { credentials: AdminCredentials; region: string; clock: Clock }) {
  return (request: RawRequest): void => {
    if (request.headers.authorization === undefined) throw new QueryError('MissingAuthenticationToken', 'Missing Authentication Token', 403);
    try {
      verifySigV4(request, {
        region: deps.region,
        service: 'cloudformation',
        clock: deps.clock,
        findCredentials: (accessKeyId) => (accessKeyId === deps.credentials.accessKeyId ? deps.credentials : undefined),
      });
    } catch (error) {
      if (!(error instanceof SignatureError)) throw error;
      const { code, status } = queryCodes[error.errorType];
      throw new QueryError(code, error.message, status);
    }
  };
}
