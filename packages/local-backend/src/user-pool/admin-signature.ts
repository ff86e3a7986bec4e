import { SignatureError, verifySigV4 } from '../shared/sigv4';
import { NamedAwsError } from '../shared/aws-errors';
import type { RawRequest } from '../shared/aws-json-protocol';
import type { Clock } from '../shared/clock';
import type { AdminCredentials } from './admin-credentials';

/** The operations only an IAM principal may call: Cognito's Admin* API and ListUsers. */
export function isAdminOperation(operationName: string): boolean {
  return operationName.startsWith('Admin') || operationName === 'ListUsers';
}

/**
 * Admin operations need a SigV4 signature (service `cognito-idp`) made with the
 * install's administrator credentials; the public operations stay unsigned, as on AWS.
 */
export function requireAdminSignature(deps: { credentials: AdminCredentials; region: string; clock: Clock }) {
  return (operationName: string, request: RawRequest): void => {
    if (!isAdminOperation(operationName)) return;
    if (request.headers.authorization === undefined) throw new NamedAwsError('MissingAuthenticationTokenException', 'Missing Authentication Token');
    try {
      verifySigV4(request, {
        region: deps.region,
        service: 'cognito-idp',
        clock: deps.clock,
        findCredentials: (accessKeyId) => (accessKeyId === deps.credentials.accessKeyId ? deps.credentials : undefined),
      });
    } catch (error) {
      if (error instanceof SignatureError) throw new NamedAwsError(error.errorType, error.message);
      throw error;
    }
  };
}
