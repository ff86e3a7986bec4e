import { createHash } from 'node:crypto';
import { createAwsJsonHandler } from '../shared/aws-json-protocol';
import { sendJson } from '../shared/http';
import { poolNameOf } from '../shared/pool-ids';
import type { HttpHandler } from '../shared/server';
import type { ServiceContext } from '../shared/service-context';
import { createChallengeStore } from './challenges';
import { changePassword } from './operations/change-password';
import { confirmForgotPassword } from './operations/confirm-forgot-password';
import { forgotPassword } from './operations/forgot-password';
import { getTokensFromRefreshToken } from './operations/get-tokens-from-refresh-token';
import { getUser } from './operations/get-user';
import { globalSignOut } from './operations/global-sign-out';
import { initiateAuth } from './operations/initiate-auth';
import { respondToAuthChallenge } from './operations/respond-to-auth-challenge';
import { revokeToken } from './operations/revoke-token';
import { signUp } from './operations/sign-up';
import { updateUserAttributes } from './operations/update-user-attributes';
import { createLockout } from './lockout';
import { createResetCodeStore } from './reset-codes';
import type { UserPoolDefinition, UserPoolServices } from './services';
import { loadSigningKey } from './signing-key';
import { createTokenService, type AccessTokenClaims, type IdTokenClaims } from './tokens';
import { createUserStore } from './user-store';

export { openUserPoolAdmin, type UserPoolAdmin } from './admin';
export { TokenRejectedError, type AccessTokenClaims, type IdTokenClaims } from './tokens';

export interface UserPool {
  /** The Cognito user pool API (`AWSCognitoIdentityProviderService.<Operation>`). */
  handleHttp: HttpHandler;
  /** The public signing key as a JWKS. */
  handleJwks: HttpHandler;
  /** `<url>/<userPoolId>`: the `iss` of every token. */
  issuer: string;
  /** Rejects with TokenRejectedError (a NotAuthorizedException) unless the access token is valid now. */
  verifyAccessToken(token: string): Promise<AccessTokenClaims>;
  /** Rejects with TokenRejectedError (a NotAuthorizedException) unless the id token is valid now. */
  verifyIdToken(token: string): Promise<IdTokenClaims>;
}

/** The Cognito user pool of `definition`, its users, tokens and signing key in the context's data. */
export function createUserPool(context: ServiceContext, definition: UserPoolDefinition): UserPool {
  const { db, clock, ids, log } = context;
  const signingKey = loadSigningKey(context.dataDir);
  const issuer = `${context.url}/${ids.userPoolId}`;
  // The users' table first: the others refer to it.
  const users = createUserStore(db, clock, poolNameOf(ids));
  const tokens = createTokenService({ db, clock, ids, signingKey, issuer });
  const services: UserPoolServices = {
    ids,
    poolName: poolNameOf(ids),
    users,
    challenges: createChallengeStore(db, clock),
    resetCodes: createResetCodeStore(db, clock),
    lockout: createLockout(db, clock),
    tokens,
    definition,
    clock,
    log,
    decoyKey: createHash('sha256').update('srp-decoy').update(signingKey.privateKey.export({ type: 'pkcs8', format: 'der' })).digest(),
  };
  return {
    handleHttp: createAwsJsonHandler(
      'AWSCognitoIdentityProviderService',
      {
        ChangePassword: changePassword(services),
        ConfirmForgotPassword: confirmForgotPassword(services),
        ForgotPassword: forgotPassword(services),
        GetTokensFromRefreshToken: getTokensFromRefreshToken(services),
        GetUser: getUser(services),
        GlobalSignOut: globalSignOut(services),
        InitiateAuth: initiateAuth(services),
        RespondToAuthChallenge: respondToAuthChallenge(services),
        RevokeToken: revokeToken(services),
        SignUp: signUp(services),
        UpdateUserAttributes: updateUserAttributes(services),
      },
      log,
    ),
    handleJwks: (_req, res) => sendJson(res, 200, tokens.jwks()),
    issuer,
    verifyAccessToken: tokens.verifyAccessToken,
    verifyIdToken: tokens.verifyIdToken,
  };
}
