import { createHash } from 'node:crypto';
import { createAwsJsonHandler, type Operation } from '../shared/aws-json-protocol';
import { sendJson } from '../shared/http';
import { poolNameOf } from '../shared/pool-ids';
import type { HttpHandler } from '../shared/server';
import type { ServiceContext } from '../shared/service-context';
import type { OtherPrincipal } from '../shared/sigv4';
import { loadAdminCredentials, type AdminCredentials } from './admin-credentials';
import { requireAdminSignature } from './admin-signature';
import { createChallengeStore } from './challenges';
import { createGroupStore } from './groups';
import { adminAddUserToGroup } from './operations/admin-add-user-to-group';
import { adminCreateUser } from './operations/admin-create-user';
import { adminDeleteUser } from './operations/admin-delete-user';
import { adminDisableUser } from './operations/admin-disable-user';
import { adminEnableUser } from './operations/admin-enable-user';
import { adminGetUser } from './operations/admin-get-user';
import { adminListGroupsForUser } from './operations/admin-list-groups-for-user';
import { adminListUsers } from './operations/admin-list-users';
import { adminRemoveUserFromGroup } from './operations/admin-remove-user-from-group';
import { adminResetUserPassword } from './operations/admin-reset-user-password';
import { adminSetUserPassword } from './operations/admin-set-user-password';
import { changePassword } from './operations/change-password';
import { confirmForgotPassword } from './operations/confirm-forgot-password';
import { forgotPassword } from './operations/forgot-password';
import { getTokensFromRefreshToken } from './operations/get-tokens-from-refresh-token';
import { getUser } from './operations/get-user';
import { globalSignOut } from './operations/global-sign-out';
import { initiateAuth } from './operations/initiate-auth';
import { listGroups } from './operations/list-groups';
import { respondToAuthChallenge } from './operations/respond-to-auth-challenge';
import { revokeToken } from './operations/revoke-token';
import { signUp } from './operations/sign-up';
import { updateUserAttributes } from './operations/update-user-attributes';
import { createLockout, type Lockout } from './lockout';
import { createResetCodeStore } from './reset-codes';
import type { UserPoolDefinition, UserPoolServices } from './services';
import { loadSigningKey } from './signing-key';
import { createTokenService, type AccessTokenClaims, type IdTokenClaims } from './tokens';
import { createUserStore } from './user-store';

export { openUserPoolAdmin, type UserPoolAdmin } from './admin';
export { adminProfile, loadAdminCredentials, type AdminCredentials } from './admin-credentials';
export { TokenRejectedError, type AccessTokenClaims, type IdTokenClaims } from './tokens';

export interface UserPool {
  /** The Cognito user pool API (`AWSCognitoIdentityProviderService.<Operation>`). */
  handleHttp: HttpHandler;
  /** The local administrator's credentials, which sign the Admin* calls. */
  adminCredentials: AdminCredentials;
  /** What the console runs: the Admin* operations the admin API serves, and a user's lockout (by sub). */
  console: { operations: Record<string, Operation>; lockoutState: Lockout['lockoutState']; emailOf(username: string): string | undefined };
  /** The public signing key as a JWKS. */
  handleJwks: HttpHandler;
  /** `<url>/<userPoolId>`: the `iss` of every token. */
  issuer: string;
  /** Rejects with TokenRejectedError (a NotAuthorizedException) unless the access token is valid now. */
  verifyAccessToken(token: string): Promise<AccessTokenClaims>;
  /** Rejects with TokenRejectedError (a NotAuthorizedException) unless the id token is valid now. */
  verifyIdToken(token: string): Promise<IdTokenClaims>;
}

/** The Admin* API (and ListUsers, ListGroups), by name: the server signs them in, the CLI calls them directly when no server runs. */
export function adminOperations(services: UserPoolServices): Record<string, Operation> {
  return {
    AdminAddUserToGroup: adminAddUserToGroup(services),
    AdminCreateUser: adminCreateUser(services),
    AdminDeleteUser: adminDeleteUser(services),
    AdminDisableUser: adminDisableUser(services),
    AdminEnableUser: adminEnableUser(services),
    AdminGetUser: adminGetUser(services),
    AdminListGroupsForUser: adminListGroupsForUser(services),
    AdminRemoveUserFromGroup: adminRemoveUserFromGroup(services),
    AdminResetUserPassword: adminResetUserPassword(services),
    AdminSetUserPassword: adminSetUserPassword(services),
    ListGroups: listGroups(services),
    ListUsers: adminListUsers(services),
  };
}

/** What the user pool's operations are built from, over the context's database and signing key. */
export function createUserPoolServices(context: Omit<ServiceContext, 'url'> & { issuer: string }, definition: UserPoolDefinition): UserPoolServices {
  const { db, clock, ids, log, issuer } = context;
  const signingKey = loadSigningKey(context.dataDir);
  // The users' table first: the others refer to it.
  const users = createUserStore(db, clock, poolNameOf(ids));
  return {
    ids,
    poolName: poolNameOf(ids),
    users,
    groups: createGroupStore(db, clock, definition.userPoolGroups ?? []),
    challenges: createChallengeStore(db, clock),
    resetCodes: createResetCodeStore(db, clock),
    lockout: createLockout(db, clock),
    tokens: createTokenService({ db, clock, ids, signingKey, issuer }),
    definition,
    clock,
    log,
    decoyKey: createHash('sha256').update('srp-decoy').update(signingKey.privateKey.export({ type: 'pkcs8', format: 'der' })).digest(),
  };
}

/**
 * The Cognito user pool of `definition`, its users, tokens and signing key in the context's data.
 * `findOtherPrincipal` names the identity pool's credentials, whose signed Admin* calls are denied.
 */
export function createUserPool(context: ServiceContext, definition: UserPoolDefinition, options: { findOtherPrincipal?: (accessKeyId: string) => OtherPrincipal | undefined } = {}): UserPool {
  const issuer = `${context.url}/${context.ids.userPoolId}`;
  const services = createUserPoolServices({ ...context, issuer }, definition);
  const { tokens } = services;
  const adminCredentials = loadAdminCredentials(context.dataDir);
  return {
    adminCredentials,
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
        ...adminOperations(services),
      },
      context.log,
      requireAdminSignature({ credentials: adminCredentials, ids: context.ids, clock: context.clock, findOtherPrincipal: options.findOtherPrincipal }),
      context.observers,
    ),
    console: { operations: adminOperations(services), lockoutState: (sub) => services.lockout.lockoutState(sub), emailOf: (username) => services.users.find(username)?.email },
    handleJwks: (_req, res) => sendJson(res, 200, tokens.jwks()),
    issuer,
    verifyAccessToken: tokens.verifyAccessToken,
    verifyIdToken: tokens.verifyIdToken,
  };
}
