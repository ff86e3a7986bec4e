import { NotAuthorizedException, ResourceNotFoundException } from '../shared/aws-errors';
import type { PoolIds } from '../shared/pool-ids';
import { TokenRejectedError, type IdTokenClaims } from '../user-pool';
import type { CredentialStore } from './credentials';

/** What every identity pool operation is built from. */
export interface IdentityPoolServices {
  ids: PoolIds;
  credentials: CredentialStore;
  verifyIdToken(token: string): Promise<IdTokenClaims>;
  /** The `Logins` key of the user pool: its issuer without the scheme. */
  providerName: string;
  allowUnauthenticatedIdentities: boolean;
}

export function requireOwnPool(services: IdentityPoolServices, identityPoolId: string): void {
  if (identityPoolId !== services.ids.identityPoolId) {
    throw new ResourceNotFoundException(`IdentityPool '${identityPoolId}' not found.`);
  }
}

export function requireGuestAccess(services: IdentityPoolServices): void {
  if (!services.allowUnauthenticatedIdentities) {
    throw new NotAuthorizedException('Unauthenticated access is not supported for this identity pool.');
  }
}

/**
 * The user pool `sub` proven by `Logins`, or undefined when there are no logins.
 * The id token is verified in full (signature, expiry, issuer, audience, revocation).
 */
export async function signedInSub(services: IdentityPoolServices, logins: Record<string, string>): Promise<string | undefined> {
  const entries = Object.entries(logins);
  if (entries.length === 0) return undefined;
  const [provider, token] = entries[0] as [string, string];
  if (entries.length > 1 || provider !== services.providerName) {
    throw new NotAuthorizedException('Invalid login token. Issuer doesn\'t match providerName');
  }
  try {
    return (await services.verifyIdToken(token)).sub;
  } catch (error) {
    if (!(error instanceof TokenRejectedError)) throw error;
    const reason = {
      invalid: "Couldn't verify signed token.",
      expired: 'Token expired.',
      revoked: 'Token is revoked.',
    }[error.reason];
    throw new NotAuthorizedException(`Invalid login token. ${reason}`);
  }
}
