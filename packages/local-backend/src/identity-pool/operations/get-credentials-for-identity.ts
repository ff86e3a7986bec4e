import { optionalStringMap, requireString, type Operation } from '../../shared/aws-json-protocol';
import { NotAuthorizedException, ResourceNotFoundException } from '../../shared/aws-errors';
import { requireGuestAccess, signedInSub, type IdentityPoolServices } from '../services';

async function identityToUse(services: IdentityPoolServices, identityId: string, logins: Record<string, string>): Promise<string> {
  const owner = services.credentials.identityOwner(identityId);
  if (owner === undefined) throw new ResourceNotFoundException(`Identity '${identityId}' not found.`);
  const sub = await signedInSub(services, logins);
  if (sub === undefined) {
    if (owner !== null) throw new NotAuthorizedException(`Access to Identity '${identityId}' is forbidden.`);
    requireGuestAccess(services);
    return identityId;
  }
  if (owner === sub) return identityId;
  if (owner === null) return services.credentials.linkGuestIdentity(identityId, sub);
  throw new NotAuthorizedException('Logins don\'t match. Please include at least one valid login for this identity or identity pool.');
}

/**
 * GetCredentialsForIdentity: fresh temporary credentials for the identity, of the
 * authenticated role when `Logins` proves a signed-in user, else of the guest role.
 */
export function getCredentialsForIdentity(services: IdentityPoolServices): Operation {
  return async (input) => {
    const identityId = await identityToUse(services, requireString(input, 'IdentityId'), optionalStringMap(input, 'Logins'));
    const credentials = services.credentials.mintCredentials(identityId);
    return {
      IdentityId: identityId,
      Credentials: {
        AccessKeyId: credentials.accessKeyId,
        SecretKey: credentials.secretAccessKey,
        SessionToken: credentials.sessionToken,
        Expiration: Math.floor(credentials.expiration.getTime() / 1000),
      },
    };
  };
}
