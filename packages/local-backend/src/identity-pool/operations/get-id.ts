import { optionalStringMap, requireString, type Operation } from '../../shared/aws-json-protocol';
import { requireGuestAccess, requireOwnPool, signedInSub, type IdentityPoolServices } from '../services';

/** GetId: a new guest identity, or the identity of the user whose id token is in `Logins`. */
export function getId(services: IdentityPoolServices): Operation {
  return async (input) => {
    requireOwnPool(services, requireString(input, 'IdentityPoolId'));
    const sub = await signedInSub(services, optionalStringMap(input, 'Logins'));
    if (sub !== undefined) return { IdentityId: services.credentials.identityForUser(sub) };
    requireGuestAccess(services);
    return { IdentityId: services.credentials.createGuestIdentity() };
  };
}
