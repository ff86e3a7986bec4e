import { decodeJwt } from 'jose';
import type { IdentityPool } from '../identity-pool';
import type { Clock } from '../shared/clock';
import { TokenRejectedError, type UserPool } from '../user-pool';
import type { AuthMode } from './api-definition';
import type { Caller } from './caller';
import { SignatureError, verifySigV4, type SignedRequest } from '../shared/sigv4';

/**
 * A request AppSync refuses before running any GraphQL: HTTP 401 for a missing or
 * invalid user pool token, 403 for a refused SigV4 signature, with AppSync's body
 * `{"errors":[{"errorType","message"}]}`.
 */
export class RequestAuthError extends Error {
  constructor(
    readonly status: 401 | 403,
    readonly errorType: string,
    message: string,
  ) {
    super(message);
    this.name = 'RequestAuthError';
  }

  toJSON(): { errors: { errorType: string; message: string }[] } {
    return { errors: [{ errorType: this.errorType, message: this.message }] };
  }
}

/** What AppSync checks credentials with: the user pool's tokens and the identity pool's credentials. */
export type CallerVerifiers = Pick<UserPool, 'verifyAccessToken' | 'verifyIdToken'> & Pick<IdentityPool, 'findCredentials'>;

interface RequestAuthorizerDeps extends CallerVerifiers {
  region: string;
  clock: Clock;
  authModes: readonly AuthMode[];
}

export type RequestAuthorizer = (request: SignedRequest) => Promise<Caller>;

function header(request: SignedRequest, name: string): string | undefined {
  for (const [key, value] of Object.entries(request.headers)) {
    if (key.toLowerCase() === name && value !== undefined) return typeof value === 'string' ? value : value.join(',');
  }
  return undefined;
}

/** The `token_use` a JWT claims, before anything about it is verified. */
function tokenUse(token: string): unknown {
  try {
    return decodeJwt(token)['token_use'];
  } catch {
    return undefined;
  }
}

/**
 * Turns request headers into a verified Caller, as AppSync does before executing:
 * `Authorization: <JWT>` for user pools (access or id token), a SigV4 `Authorization`
 * for IAM. Also used by the real-time endpoint for its connect and start messages.
 */
export function createRequestAuthorizer(deps: RequestAuthorizerDeps): RequestAuthorizer {
  const userPoolsEnabled = deps.authModes.includes('AMAZON_COGNITO_USER_POOLS');
  const iamEnabled = deps.authModes.includes('AWS_IAM');

  async function userPoolCaller(token: string): Promise<Caller> {
    const use = tokenUse(token);
    if (use !== 'access' && use !== 'id') throw new RequestAuthError(401, 'UnauthorizedException', 'Unable to parse JWT token.');
    try {
      if (use === 'access') {
        const claims = await deps.verifyAccessToken(token);
        return { kind: 'userPool', sub: claims.sub, username: claims.username, claims: { ...claims } };
      }
      const claims = await deps.verifyIdToken(token);
      return { kind: 'userPool', sub: claims.sub, username: claims['cognito:username'], claims: { ...claims } };
    } catch (error) {
      if (!(error instanceof TokenRejectedError)) throw error;
      const message = error.reason === 'expired' ? 'Token has expired.' : 'Valid authorization header not provided.';
      throw new RequestAuthError(401, 'UnauthorizedException', message);
    }
  }

  return async (request) => {
    const authorization = header(request, 'authorization');
    if (!authorization) throw new RequestAuthError(401, 'UnauthorizedException', 'Missing authorization header');
    if (authorization.startsWith('AWS4-HMAC-SHA256')) {
      if (!iamEnabled) throw new RequestAuthError(401, 'UnauthorizedException', 'Valid authorization header not provided.');
      try {
        const credentials = verifySigV4(request, { ...deps, service: 'appsync' });
        return {
          kind: 'iam',
          identityId: credentials.identityId,
          authenticated: credentials.authenticated,
          accessKeyId: credentials.accessKeyId,
        };
      } catch (error) {
        if (error instanceof SignatureError) throw new RequestAuthError(403, error.errorType, error.message);
        throw error;
      }
    }
    if (!userPoolsEnabled) throw new RequestAuthError(401, 'UnauthorizedException', 'Valid authorization header not provided.');
    return userPoolCaller(authorization);
  };
}
